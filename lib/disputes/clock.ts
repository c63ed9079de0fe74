import 'server-only';
import { db } from '@/lib/db/connect';
import { logger } from '@/lib/log/logger';

// The jury clock: moves disputes through their windows (draw, reveal opens, tally, verdict) in
// one database call (supabase/routines/68_jury.sql, public.jury_clock). Safe to run anywhere at
// any time: each case is claimed under a row lock and re-checked, so concurrent runs act once.

export interface JuryClockRun {
  drawn: number;
  reveal_opened: number;
  tallied: number;
  executed: number;
  failed: number;
  errors: { dispute_id: string; step: 'draw' | 'tally' | 'verdict'; error: string }[];
}

export async function juryClockJob(limit = 50): Promise<Record<string, unknown>> {
  const run = await (await db()).call<JuryClockRun>('jury_clock', { limit });
  // a failed step is left for the next run; say which, so support can look at the case
  for (const e of run.errors) logger.warn({ dispute: e.dispute_id, step: e.step, detail: e.error }, 'jury clock: step refused');
  return { ...run };
}
