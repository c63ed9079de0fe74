import type { Database } from '@/lib/db/port';
import { readContract, type ReadTarget } from '@/lib/stellar/contracts/read';
import { loyalty, TIER } from '@/lib/stellar/contracts/loyalty';
import type { LoyaltyTier } from './types';

// The reconciliation of the loyalty contract mirror: every member the sync has sent to an account
// is read back from the contract (get_member, a simulation: nothing is signed) and judged against
// the engine by the database (loyalty_chain_reconcile_page), which keeps each mismatch with both
// sides for /admin/loyalty. Run by the loyalty-chain-reconcile job and an admin's "Check now";
// a run that cannot read the chain is recorded as failed with why, its pages so far kept.

/** Members read per page (one database round trip each way). */
export const RECONCILE_PAGE = 100;
/** Reads in flight at once: RPC gets a steady trickle, not a burst of thousands. */
const READS_AT_ONCE = 4;

const TIER_NAME: Record<number, LoyaltyTier> = { [TIER.member]: 'blue', [TIER.silver]: 'silver', [TIER.gold]: 'gold', [TIER.platinum]: 'platinum' };

export interface ReconciliationRun {
  id: number;
  source: 'job' | 'admin';
  status: 'running' | 'done' | 'failed';
  checked: number;
  in_step: number;
  in_flight: number;
  mismatched: number;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

type ChainRecord = { points: string; tier: LoyaltyTier; sync_seq: string } | null;

async function readRecord(target: ReadTarget, address: string): Promise<ChainRecord> {
  const m = await readContract(loyalty, target, 'get_member', loyalty.args.get_member(address));
  if (!m) return null;
  const tier = TIER_NAME[m.tier];
  if (!tier) throw new Error(`the loyalty contract answered an unknown tier ${m.tier} for ${address}`);
  // bigints travel as strings: the database reads them as bigint
  return { points: m.points.toString(), tier, sync_seq: m.sync_seq.toString() };
}

/** Reads `items` with at most READS_AT_ONCE in flight, keeping their order. */
async function readAll<T, R>(items: T[], read: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await read(items[i]);
    }
  }));
  return out;
}

export async function reconcileLoyaltyChain(d: { database: Database; target: ReadTarget; source: 'job' | 'admin'; pageSize?: number }): Promise<ReconciliationRun> {
  const run = await d.database.call<ReconciliationRun>('loyalty_chain_reconcile_start', { source: d.source });
  let after: string | null = null;
  try {
    for (;;) {
      const members: { member_id: string; address: string }[] = await d.database.call('loyalty_chain_reconcile_members', { after, limit: d.pageSize ?? RECONCILE_PAGE });
      if (members.length === 0) break;
      const records = await readAll(members, async (m) => ({ ...m, chain: await readRecord(d.target, m.address) }));
      await d.database.call('loyalty_chain_reconcile_page', { run_id: run.id, records });
      after = members[members.length - 1].member_id;
    }
  } catch (err) {
    return d.database.call<ReconciliationRun>('loyalty_chain_reconcile_finish', { run_id: run.id, error: `Could not read the loyalty contract: ${(err as Error).message}`.slice(0, 500) });
  }
  return d.database.call<ReconciliationRun>('loyalty_chain_reconcile_finish', { run_id: run.id, error: null });
}
