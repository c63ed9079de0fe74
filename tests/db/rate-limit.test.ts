import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlDatabase } from '@/lib/db/open';
import type { SqlDatabase } from '@/lib/db/pg-driver';
import { RateLimits } from '@/lib/rate-limit/limits';
import { RateLimiterDatabase } from '@/lib/rate-limit/store';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

// The rate-limit store on the database: counts that every instance shares (two pools on one
// PostgreSQL server stand for two app instances), windows and blocks on the database's clock,
// and the admins' allow/deny lists, audited.

let t: TestDatabase;
let second: SqlDatabase | undefined;
let admin: { id: string };

beforeAll(async () => {
  t = await openTestDatabase({ poolSize: 10 });
  if (t.connectionString) second = await openSqlDatabase({ driver: 'postgres', connectionString: t.connectionString, migrate: false, poolSize: 10 });
  admin = await t.db.call('upsert_dev_persona', { role: 'admin', name: 'Limit Admin' });
});
afterAll(async () => {
  await second?.close();
  await t?.close();
});

const ctx = () => ({ actor: admin.id, role: 'admin', reason: null, ip: '192.0.2.10', request_id: 'req-rl' });

describe('rate_limit_consume', () => {
  it('counts within a window, restarts after it, and forces a block', async () => {
    const first = await t.db.call<{ points: number; ms: number }>('rate_limit_consume', { key: 'k1', points: 1, duration_ms: 60_000, force: false });
    expect(first.points).toBe(1);
    expect(first.ms).toBeGreaterThan(59_000);
    expect((await t.db.call<{ points: number }>('rate_limit_consume', { key: 'k1', points: 2, duration_ms: 60_000, force: false })).points).toBe(3);
    // An ended window starts again from the points consumed now.
    await t.sql(`update traqora.rate_limit_counters set expire_at = now() - interval '1 second' where key = 'k1'`);
    expect(await t.db.call('rate_limit_get', { key: 'k1' })).toBeNull();
    expect((await t.db.call<{ points: number }>('rate_limit_consume', { key: 'k1', points: 1, duration_ms: 60_000, force: false })).points).toBe(1);
    // force (block/set) replaces points and expiry.
    const blocked = await t.db.call<{ points: number; ms: number }>('rate_limit_consume', { key: 'k1', points: 99, duration_ms: 3_600_000, force: true });
    expect(blocked.points).toBe(99);
    expect(blocked.ms).toBeGreaterThan(3_590_000);
    expect(await t.db.call('rate_limit_delete', { key: 'k1' })).toBe(true);
    expect(await t.db.call('rate_limit_delete', { key: 'k1' })).toBe(false);
  });

  it('lets exactly the quota through when two instances race for the same caller', async () => {
    const other = second ?? t.db;   // on PGlite one process: still the same answer, serialised
    const quota = 25;
    const a = new RateLimiterDatabase(t.db, { points: quota, duration: 60, keyPrefix: 'race' });
    const b = new RateLimiterDatabase(other, { points: quota, duration: 60, keyPrefix: 'race' });
    const tries = Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).consume('ip:198.51.100.1').then(() => true, () => false));
    const passed = (await Promise.all(tries)).filter(Boolean).length;
    expect(passed).toBe(quota);
    const [{ points }] = await t.sql<{ points: number }>(`select points from traqora.rate_limit_counters where key = 'race:ip:198.51.100.1'`);
    expect(points).toBeGreaterThanOrEqual(quota + 1);
  });

  it('blocks a repeat offender on every instance, longer each time', async () => {
    const policy = { name: 'payment' as const, quota: 2, windowSeconds: 60 };
    const one = new RateLimits(t.db, 30);
    const two = new RateLimits(second ?? t.db, 30);
    expect((await one.consume(policy, 'user:x')).ok).toBe(true);
    expect((await two.consume(policy, 'user:x')).ok).toBe(true);
    const offence = await one.consume(policy, 'user:x');
    expect(offence.ok).toBe(false);
    expect(!offence.ok && offence.retryAfter).toBe(60);   // the window's 60 s outlast a 30 s block
    // The other instance sees the block too.
    const elsewhere = await two.consume(policy, 'user:x');
    expect(elsewhere.ok).toBe(false);
    // The window and block run out (moved back in time); a second offence doubles the block.
    await t.sql(`update traqora.rate_limit_counters set expire_at = now() - interval '1 second' where key = 'rl:payment:user:x'`);
    (one as unknown as { limiters: Map<string, { deleteInMemoryBlockedAll(): void }> }).limiters.forEach((l) => l.deleteInMemoryBlockedAll());
    (two as unknown as { limiters: Map<string, { deleteInMemoryBlockedAll(): void }> }).limiters.forEach((l) => l.deleteInMemoryBlockedAll());
    await two.consume(policy, 'user:x');
    await one.consume(policy, 'user:x');
    const again = await two.consume(policy, 'user:x');
    expect(!again.ok && [again.retryAfter, again.blocked]).toEqual([60, true]);
    const [{ seconds }] = await t.sql<{ seconds: number }>(
      `select round(extract(epoch from expire_at - now()))::int as seconds from traqora.rate_limit_counters where key = 'rl:payment:user:x'`);
    expect(seconds).toBeGreaterThan(55);
    const [{ offences }] = await t.sql<{ offences: number }>(`select points as offences from traqora.rate_limit_counters where key = 'rl:offences:payment:user:x'`);
    expect(offences).toBe(2);
  });
});

describe('allow and deny lists', () => {
  it('adds and removes rules, audited, refusing bad networks with 400 naming cidr', async () => {
    const rule = await t.db.call<{ id: number; cidr: string; action: string }>('add_rate_limit_rule', { ctx: ctx(), cidr: '203.0.113.0/24', action: 'deny', note: 'scraper' });
    expect(rule).toMatchObject({ cidr: '203.0.113.0/24', action: 'deny' });
    await expect(t.db.call('add_rate_limit_rule', { ctx: ctx(), cidr: '203.0.113.0/24', action: 'allow' })).rejects.toMatchObject({ status: 409, field: 'cidr' });
    await expect(t.db.call('add_rate_limit_rule', { ctx: ctx(), cidr: '203.0.113.5/24', action: 'allow' })).rejects.toMatchObject({ status: 400, field: 'cidr' });
    await expect(t.db.call('add_rate_limit_rule', { ctx: ctx(), cidr: 'nope', action: 'allow' })).rejects.toMatchObject({ status: 400, field: 'cidr' });
    await expect(t.db.call('add_rate_limit_rule', { ctx: ctx(), cidr: '2001:db8::/32', action: 'maybe' })).rejects.toMatchObject({ status: 400, field: 'action' });
    expect(await t.db.call<unknown[]>('rate_limit_rules')).toHaveLength(1);
    await t.db.call('remove_rate_limit_rule', { ctx: ctx(), id: rule.id });
    await expect(t.db.call('remove_rate_limit_rule', { ctx: ctx(), id: rule.id })).rejects.toMatchObject({ status: 404 });
    const audit = await t.sql<{ action: string }>(`select action from traqora.audit_log where resource_type = 'rate_limit_rule' order by id`);
    expect(audit.map((a) => a.action)).toEqual(['rate_limit_rule.added', 'rate_limit_rule.removed']);
  });
});
