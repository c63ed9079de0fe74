import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withJobLease } from '@/lib/jobs/lease';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

// Jobs run single-flight across instances: while one run holds a job's lease, every other claim
// fails (another instance's scheduler, a cron call); a lease left by a crashed run runs out.

let t: TestDatabase;
beforeAll(async () => { t = await openTestDatabase(); });
afterAll(async () => { await t?.close(); });

const claim = (job: string, owner: string, seconds = 60) => t.db.call<boolean>('claim_job_lease', { job, owner, seconds });

describe('job leases', () => {
  it('lets one owner hold a job until it releases it', async () => {
    expect(await claim('expire-holds', 'a')).toBe(true);
    expect(await claim('expire-holds', 'b')).toBe(false);
    expect(await claim('expire-holds', 'a')).toBe(true);                 // its own: renewed
    expect(await claim('release-flown', 'b')).toBe(true);                // another job is free
    expect(await t.db.call('release_job_lease', { job: 'expire-holds', owner: 'b' })).toBe(false);   // not b's
    expect(await t.db.call('release_job_lease', { job: 'expire-holds', owner: 'a' })).toBe(true);
    expect(await claim('expire-holds', 'b')).toBe(true);
  });

  it('hands a lease whose holder died over once it has run out', async () => {
    expect(await claim('crashy', 'dead-instance', 60)).toBe(true);
    expect(await claim('crashy', 'live-instance')).toBe(false);
    await t.sql("update traqora.job_leases set expires_at = now() - interval '1 second' where job = 'crashy'");
    expect(await claim('crashy', 'live-instance')).toBe(true);
  });

  it('of 20 concurrent claims, exactly one wins', async () => {
    const wins = await Promise.all(Array.from({ length: 20 }, (_, i) => claim('contended', `owner-${i}`)));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it('runs a job only while holding its lease, and releases it after a failure too', async () => {
    await claim('busy', 'elsewhere');
    let calls = 0;
    expect(await withJobLease(t.db, 'busy', 60, async () => ++calls)).toEqual({ ran: false });
    await t.db.call('release_job_lease', { job: 'busy', owner: 'elsewhere' });
    expect(await withJobLease(t.db, 'busy', 60, async () => ++calls)).toEqual({ ran: true, value: 1 });
    await expect(withJobLease(t.db, 'busy', 60, async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await claim('busy', 'next')).toBe(true);                     // released despite the failure
    await t.db.call('release_job_lease', { job: 'busy', owner: 'next' });
    // Two runs in one process at once: the second skips without waiting.
    let release!: () => void;
    const first = withJobLease(t.db, 'busy', 60, () => new Promise<number>((r) => { release = () => r(7); }));
    await new Promise((r) => setTimeout(r, 50));
    expect(await withJobLease(t.db, 'busy', 60, async () => 8)).toEqual({ ran: false });
    release();
    expect(await first).toEqual({ ran: true, value: 7 });
  });
});
