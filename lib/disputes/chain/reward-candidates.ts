import type { ChainDisputeRecord } from '@/lib/disputes/types';

// Where a juror's reward can exist on an on-chain case, decided from the indexed events alone:
// the contract pays claim_reward only to a juror who revealed in a tallied round on the side that
// round decided. Anything else (no reveal, a reveal on the losing side, a round not yet tallied,
// another person's accounts) has no reward, so the cases list asks the contract (a simulation over
// RPC per round) only for these rows, and for none of them once the claim is indexed: the
// RewardClaimed event says what was paid. A list of 20 cases a viewer never served on costs no RPC.

export interface RewardCandidate {
  round: number;
  juror: string;
  /** The juror's revealed weight (TRQ base units), their part of the majority. */
  weight: string;
  /** The indexed claim, if any: what the contract paid (its RewardClaimed event's amount) and in which transaction. */
  claimed: { amount: string | null; tx_hash: string | null } | null;
}

export function rewardCandidates(c: Pick<ChainDisputeRecord, 'events'>, accounts: readonly string[]): RewardCandidate[] {
  const out: RewardCandidate[] = [];
  for (const revealed of c.events) {
    if (revealed.action !== 'revealed' || !revealed.account || !accounts.includes(revealed.account) || revealed.round === null || !revealed.weight) continue;
    const round = revealed.round;
    const decided = c.events.find((e) => e.action === 'decided' && e.round === round);
    if (!decided || decided.vote !== revealed.vote) continue;
    const claim = c.events.find((e) => e.action === 'reward_claimed' && e.round === round && e.account === revealed.account);
    out.push({
      round, juror: revealed.account, weight: revealed.weight,
      claimed: claim ? { amount: claim.amount ?? null, tx_hash: claim.tx_hash } : null,
    });
  }
  return out;
}
