import 'server-only';
import { db } from '@/lib/db/connect';
import { logger } from '@/lib/log/logger';
import { metrics } from '@/lib/metrics/registry';
import { withJobLease } from './lease';
import { jobs, type Job } from './registry';

const g = globalThis as unknown as { __traqoraScheduler?: NodeJS.Timeout[] };

/** How long a run may hold its job before another instance may take it over (a crashed run). */
const LEASE_SECONDS = 300;

/**
 * Runs a job once unless it is running already (here or on another instance: the job's lease),
 * logging and counting the outcome; never throws.
 */
export async function runJob(job: Job): Promise<{ ok: boolean; result?: Record<string, unknown>; error?: string }> {
  const started = performance.now();
  try {
    const leased = await withJobLease(await db(), job.name, LEASE_SECONDS, () => job.run());
    if (!leased.ran) {
      metrics().jobRuns.inc({ job: job.name, outcome: 'skipped' });
      return { ok: true, result: { skipped: 'running elsewhere' } };
    }
    const result = leased.value;
    logger.info({ job: job.name, ms: Math.round(performance.now() - started), result }, 'job done');
    metrics().jobRuns.inc({ job: job.name, outcome: 'ok' });
    return { ok: true, result };
  } catch (err) {
    logger.error({ job: job.name, err }, 'job failed');
    metrics().jobRuns.inc({ job: job.name, outcome: 'error' });
    return { ok: false, error: (err as Error).message };
  }
}

/** Starts the in-process scheduler once per process (timers survive `next dev` reloads). */
export function startScheduler(): void {
  if (g.__traqoraScheduler) return;
  g.__traqoraScheduler = jobs.filter((job) => job.enabled?.() ?? true).map((job) => {
    const timer = setInterval(() => void runJob(job), job.everyMs);
    timer.unref(); // never keep a process alive just for jobs
    return timer;
  });
}
