import 'server-only';
import { db } from '@/lib/db/connect';
import { logger } from '@/lib/log/logger';
import { isDatabaseProblem } from '@/lib/db/port';
import { executeProposal, queueProposal } from './proposals';
import { chainExecuted } from './soroban/chain-state';

// The governance job: queues succeeded parameter proposals and executes queued ones whose
// timelock has run out (ledger rail); on the soroban rail it asks the governor contract whether
// each finished proposal has executed there, and applies its parameters once it has. Each
// proposal is its own transaction; one that is refused (a value no longer within its bounds,
// another instance got there first) or whose chain read fails is logged and left as it is.
export async function governanceJob(): Promise<Record<string, unknown>> {
  const database = await db();
  const due = await database.call<{ queue: number[]; execute: number[]; chain?: Array<{ id: number; chain_proposal_id: string }> }>('governance_due');
  const done = { queued: [] as number[], executed: [] as number[], applied_from_chain: [] as number[], refused: [] as number[] };
  const attempt = async (id: number, act: () => Promise<unknown>, into: number[]) => {
    try {
      await act();
      into.push(id);
    } catch (err) {
      if (!isDatabaseProblem(err)) throw err;
      logger.warn({ proposal: id, detail: err.message }, 'governance job: proposal refused');
      done.refused.push(id);
    }
  };
  for (const id of due.queue) await attempt(id, () => queueProposal(null, id), done.queued);
  for (const id of due.execute) await attempt(id, () => executeProposal({}, id), done.executed);
  for (const { id, chain_proposal_id } of due.chain ?? []) {
    let executed: boolean;
    try {
      executed = await chainExecuted(chain_proposal_id);
    } catch (err) {
      logger.warn({ proposal: id, err }, 'governance job: the governor could not be read');
      continue;
    }
    if (executed) await attempt(id, () => database.call('governance_apply_chain_execution', { ctx: {}, id }), done.applied_from_chain);
  }
  return done;
}
