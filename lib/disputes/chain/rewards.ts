import 'server-only';
import type { ChainDisputeRecord } from '@/lib/disputes/types';
import { disputes } from '@/lib/stellar/contracts/disputes';
import { readContract, type ReadTarget } from '@/lib/stellar/contracts/read';
import { rewardCandidates } from './reward-candidates';

// What a juror may claim on a case: for each tallied round where one of the viewer's linked
// accounts revealed the verdict's side (from the indexed events: reward-candidates.ts), their
// share as the contract pays it (claim_reward: pot × the juror's weight ÷ the majority's weight,
// floored), read from get_round_result by simulation; once a RewardClaimed for them is indexed,
// the amount it paid and its transaction, with no read at all.

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
  for (const r of rewardCandidates(c, accounts)) {
    if (r.claimed?.amount) {
      out.push({ round: r.round, juror: r.juror, amount: r.claimed.amount, claimed: { tx_hash: r.claimed.tx_hash } });
      continue;
    }
    // one simulation per round, however many of the viewer's accounts sided with its majority
    if (!results.has(r.round)) results.set(r.round, readContract(disputes, target, 'get_round_result', disputes.args.get_round_result(BigInt(c.chain_dispute_id), r.round)));
    const result = await results.get(r.round)!;
    if (!result || BigInt(result.majority_weight as bigint) === 0n) continue;
    const amount = (BigInt(result.pot as bigint) * BigInt(r.weight)) / BigInt(result.majority_weight as bigint);
    out.push({ round: r.round, juror: r.juror, amount: amount.toString(), claimed: r.claimed && { tx_hash: r.claimed.tx_hash } });
  }
  return out;
}
