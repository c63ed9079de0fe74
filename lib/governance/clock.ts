import 'server-only';
import { config } from '@/lib/config';
import { db } from '@/lib/db/connect';
import { HttpProblem } from '@/lib/http/problem';

// The test clock moves governance time forward so an end-to-end test can pass a voting period
// and a 48 h timelock in seconds. It exists only where no real data can: an in-memory PGlite
// (PGLITE_DATA_DIR=memory://, what the e2e servers run). Everywhere else the route is a 404.

export function testClockEnabled(): boolean {
  const { env, mode } = config();
  return mode.database === 'pglite' && env.PGLITE_DATA_DIR === 'memory://';
}

export async function advanceGovernanceClock(seconds: number): Promise<{ now: string; offset_seconds: number }> {
  if (!testClockEnabled()) throw new HttpProblem(404, 'Not found.');
  return (await db()).call('governance_advance_clock', { seconds });
}
