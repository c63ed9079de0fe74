import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database } from '@/lib/db/port';

// Single flight across instances: a job runs only while this run holds the job's lease
// (claim_job_lease), so two instances' schedulers, or a scheduler and a cron call, never run the
// same job at once. The lease outlives a crashed run by at most `seconds`. Within one process a
// second run skips without asking the database (PGlite: one process is the whole deployment).

const running = new Set<string>();

export type Leased<T> = { ran: true; value: T } | { ran: false };

export async function withJobLease<T>(database: Database, job: string, seconds: number, fn: () => Promise<T>): Promise<Leased<T>> {
  if (running.has(job)) return { ran: false };
  running.add(job);
  const owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  try {
    if (!(await database.call<boolean>('claim_job_lease', { job, owner, seconds }))) return { ran: false };
    try {
      return { ran: true, value: await fn() };
    } finally {
      // A release that fails leaves the lease to run out; the run's outcome stands.
      await database.call('release_job_lease', { job, owner }).catch(() => undefined);
    }
  } finally {
    running.delete(job);
  }
}
