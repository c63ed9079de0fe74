import { config } from '@/lib/config';
import { db } from '@/lib/db/connect';
import { startScheduler } from '@/lib/jobs/scheduler';
import { logger } from '@/lib/log/logger';

/**
 * Start-up work for a server process: open (migrate, seed) the database where that is
 * automatic, and start the in-process job scheduler unless JOBS_SCHEDULER=off (e.g. when a
 * platform cron calls /api/cron/<job> instead).
 */
export async function startServer(): Promise<void> {
  const { mode } = config();
  logger.info({ mode }, 'traqora starting');
  if (mode.autoMigrate || mode.seedOnStart) {
    // Not awaited: the server can answer /api/health (which then waits on the same promise)
    // while a first-run seed is still loading.
    db().catch((err) => logger.error({ err }, 'database start-up failed'));
  }
  if (config().env.JOBS_SCHEDULER === 'on') startScheduler();
}
