import 'server-only';
import { db } from '@/lib/db/connect';
import { logger } from '@/lib/log/logger';
import { isDatabaseProblem } from '@/lib/db/port';
import { executeProposal, queueProposal } from './proposals';
import { advanceOnChain } from './soroban/governor-keeper';

// The governance job: queues succeeded parameter proposals and executes queued ones whose
// timelock has run out (ledger rail); on the soroban rail it does the same through the governor
// contract (governor-keeper.ts: queue once it says Succeeded, execute once its timelock passed)
// and applies the parameters once it says Executed. Each
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
  for (const { id } of due.chain ?? []) {
    try {
      const step = await advanceOnChain(id, { want: ['queue', 'execute'], actor: null, ctx: {} });
      if (step.sent?.call === 'queue') done.queued.push(id);
      if (step.sent?.call === 'execute') done.executed.push(id);
      if (step.applied) done.applied_from_chain.push(id);
    } catch (err) {
      if (isDatabaseProblem(err)) done.refused.push(id);
      logger.warn({ proposal: id, err }, 'governance job: the governor could not be followed');
    }
  }
  return done;
}
