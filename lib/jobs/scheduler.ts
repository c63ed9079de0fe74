import 'server-only';
import { logger } from '@/lib/log/logger';
import { metrics } from '@/lib/metrics/registry';
import { jobs, type Job } from './registry';

const g = globalThis as unknown as { __traqoraScheduler?: NodeJS.Timeout[] };

/** Runs a job once, logging and counting the outcome; never throws. */
export async function runJob(job: Job): Promise<{ ok: boolean; result?: Record<string, unknown>; error?: string }> {
  const started = performance.now();
  try {
    const result = await job.run();
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
