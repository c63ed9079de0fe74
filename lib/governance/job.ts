import 'server-only';
import { db } from '@/lib/db/connect';
import { logger } from '@/lib/log/logger';
import { isDatabaseProblem } from '@/lib/db/port';
import { executeProposal, queueProposal } from './proposals';

// The governance job: queues succeeded parameter proposals and executes queued ones whose
// timelock has run out. Each proposal is its own transaction; one that is refused (a value no
// longer within its bounds, another instance got there first) is logged and left as it is.
export async function governanceJob(): Promise<Record<string, unknown>> {
  const due = await (await db()).call<{ queue: number[]; execute: number[] }>('governance_due');
  const done = { queued: [] as number[], executed: [] as number[], refused: [] as number[] };
  for (const [list, act, into] of [[due.queue, (id: number) => queueProposal(null, id), done.queued], [due.execute, (id: number) => executeProposal({}, id), done.executed]] as const) {
    for (const id of list) {
      try {
        await act(id);
        into.push(id);
      } catch (err) {
        if (!isDatabaseProblem(err)) throw err;
        logger.warn({ proposal: id, detail: err.message }, 'governance job: proposal refused');
        done.refused.push(id);
      }
    }
  }
  return done;
}
