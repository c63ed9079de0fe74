import 'server-only';
import type { ChainDisputeRecord } from '@/lib/disputes/types';
import { disputes } from '@/lib/stellar/contracts/disputes';
import { readContract, type ReadTarget } from '@/lib/stellar/contracts/read';

// What a juror may claim on a case: for each tallied round where one of the viewer's linked
// accounts revealed the verdict's side (from the indexed events), their share as the contract
// pays it (claim_reward: pot × the juror's weight ÷ the majority's weight, floored), read from
// get_round_result by simulation; claimed once a RewardClaimed for them is indexed, with its
// transaction.

export interface ChainReward {
  round: number;
  juror: string;
  /** Stake-token base units. */
  amount: string;
  claimed: { tx_hash: string | null } | null;
}

export async function chainRewards(target: ReadTarget, c: ChainDisputeRecord, accounts: readonly string[]): Promise<ChainReward[]> {
  const out: ChainReward[] = [];
  const results = new Map<number, Promise<Record<string, unknown> | null>>();
  for (const revealed of c.events) {
    if (revealed.action !== 'revealed' || !revealed.account || !accounts.includes(revealed.account) || revealed.round === null || !revealed.weight) continue;
    const round = revealed.round;
    const decided = c.events.find((e) => e.action === 'decided' && e.round === round);
    if (!decided || decided.vote !== revealed.vote) continue;
    if (!results.has(round)) results.set(round, readContract(disputes, target, 'get_round_result', disputes.args.get_round_result(BigInt(c.chain_dispute_id), round)));
    const result = await results.get(round)!;
    if (!result || BigInt(result.majority_weight as bigint) === 0n) continue;
    const amount = (BigInt(result.pot as bigint) * BigInt(revealed.weight)) / BigInt(result.majority_weight as bigint);
    const claim = c.events.find((e) => e.action === 'reward_claimed' && e.round === round && e.account === revealed.account);
    out.push({ round, juror: revealed.account, amount: amount.toString(), claimed: claim ? { tx_hash: claim.tx_hash } : null });
  }
  return out;
}
