import { config } from '@/lib/config';
import { db } from '@/lib/db/connect';
import { logger } from '@/lib/log/logger';

/**
 * Start-up work for a server process: open (migrate, seed) the database where that is
 * automatic, and start the in-process job scheduler unless JOBS_SCHEDULER=off (e.g. when a
 * platform cron calls /api/cron/<job> instead).
 *
 * The database opens first. On PGlite it runs on this thread, so whatever start-up evaluates
 * ahead of it delays /api/health by as much. The scheduler's job list reaches every domain
 * (payments, the Stellar SDK, notifications, ...) and every job waits for the database anyway,
 * so it is loaded only once the database is open (or failed to open: each run retries it).
 */
export async function startServer(): Promise<void> {
  const { mode, env } = config();
  logger.info({ mode }, 'traqora starting');
  let opened: Promise<unknown> = Promise.resolve();
  if (mode.autoMigrate || mode.seedOnStart) {
    // Not awaited: the server can answer /api/health (which then waits on the same promise)
    // while a first-run seed is still loading.
    opened = db().catch((err) => logger.error({ err }, 'database start-up failed'));
  }
  if (env.JOBS_SCHEDULER === 'on') {
    void opened
      .then(() => import('@/lib/jobs/scheduler'))
      .then(({ startScheduler }) => startScheduler())
      .catch((err) => logger.error({ err }, 'job scheduler start failed'));
  }
}
