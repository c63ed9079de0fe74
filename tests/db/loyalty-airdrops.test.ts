import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Airdrop } from '@/lib/loyalty/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { traveller } from '@/tests/support/booking-fixtures';
import { balanceMismatches, summary } from '@/tests/support/loyalty-fixtures';

// Airdrops (supabase/routines/95_airdrops.sql): at most 50 recipients, each with a result, run a
// few at a time, every credit audited; the same batch id sent again credits nobody twice.

let t: TestDatabase;
let manager: string;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 7 });
  manager = (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'rewards_manager', name: 'Airdrop Manager' })).id;
});
afterAll(async () => { await t?.close(); });
afterEach(async () => { expect(await balanceMismatches(t)).toEqual([]); });

const ctx = (reason = 'community thanks') => ({ actor: manager, role: 'rewards_manager', reason, ip: null, request_id: `airdrop-${randomUUID()}` });
const create = (batch: string, spec: Record<string, unknown>, recipients: unknown) =>
  t.db.call<Airdrop & { replayed: boolean }>('loyalty_airdrop_create', { ctx: ctx(), batch, spec, recipients });
const run = (batch: string, limit = 10) => t.db.call<Airdrop>('loyalty_airdrop_run', { ctx: ctx(), batch, limit });
const wallet = (n: number) => 'G' + 'B'.repeat(54 - String(n).length) + 'A' + String(n).replace(/\d/g, (d) => 'CDEFGHIJKL'[Number(d)]);
async function member(name: string, opts: { email?: string; wallet?: string } = {}) {
  const user = await traveller(t, name);
  if (opts.email) await t.sql('update traqora.users set email = $2 where id = $1', [user, opts.email]);
  if (opts.wallet) await t.sql('insert into traqora.wallets (address, user_id) values ($1, $2)', [opts.wallet, user]);
  return user;
}
const airdropRows = (user: string) => t.sql<{ amount: number; source_ref: string }>("select amount::int as amount, source_ref from traqora.loyalty_ledger where member_id = $1 and source = 'airdrop'", [user]);

describe('airdrops', () => {
  it('credits points per recipient with a result each (credited, unknown, duplicate, refused), a few per run, audited', async () => {
    const byWallet = await member('Wallet Member', { wallet: wallet(1) });
    const byEmail = await member('Email Member', { email: 'email.member@example.test' });
    const byId = await member('Id Member');
    const suspended = await member('Suspended Member');
    await t.sql("update traqora.users set suspended_at = now(), suspension_reason = 'fraud' where id = $1", [suspended]);
    const batch = randomUUID();
    const recipients = [wallet(1), 'EMAIL.member@example.test', byId, 'nobody@example.test', byWallet, suspended, manager];
    const created = await create(batch, { kind: 'points', points: 750, reason: 'Launch week thanks' }, recipients);
    expect(created).toMatchObject({ id: batch, status: 'running', replayed: false, progress: { total: 7, done: 0 } });

    const first = await run(batch, 3);
    expect(first).toMatchObject({ status: 'running', progress: { total: 7, done: 3, credited: 3 } });
    const done = await run(batch, 10);
    expect(done.status).toBe('done');
    expect(done.recipients.map((r) => [r.result, r.user_id])).toEqual([
      ['credited', byWallet], ['credited', byEmail], ['credited', byId], ['unknown', null],
      ['duplicate', byWallet], ['refused', suspended], ['refused', manager]]);
    expect(done.recipients[4].reason).toMatch(/recipient 1/);
    expect(done.recipients[6].reason).toMatch(/themselves/);
    expect(done.progress).toEqual({ total: 7, done: 7, credited: 3, unknown: 1, duplicate: 1, refused: 2 });
    for (const user of [byWallet, byEmail, byId]) {
      expect((await summary(t, user)).points.active).toBe(750);
      expect(await airdropRows(user)).toEqual([{ amount: 750, source_ref: `airdrop:${batch}` }]);
    }
    const audit = await t.sql<{ action: string; actor: string; resource_id: string }>(
      "select action, actor, resource_id from traqora.audit_log where action like 'loyalty.airdrop%' and (resource_id = $1 or after->>'airdrop_id' = $1) order by id", [batch]);
    expect(audit.map((a) => a.action)).toEqual(['loyalty.airdrop_created', 'loyalty.airdrop_credited', 'loyalty.airdrop_credited', 'loyalty.airdrop_credited']);
    expect(audit.every((a) => a.actor === manager)).toBe(true);
    const events = await t.sql<{ aggregate_id: string }>("select aggregate_id from traqora.domain_events where type = 'loyalty.airdrop_received' and payload->>'airdrop_id' = $1 order by id", [batch]);
    expect(events.map((e) => e.aggregate_id)).toEqual([byWallet, byEmail, byId]);
  });

  it('the same batch id sent again credits nobody twice; another ask under it is a 409', async () => {
    const a = await member('Again A');
    const b = await member('Again B');
    const batch = randomUUID();
    const spec = { kind: 'points', points: 100, reason: 'Retry safety' };
    await create(batch, spec, [a, b]);
    await run(batch);
    const again = await create(batch, spec, [a, b]);
    expect(again).toMatchObject({ replayed: true, status: 'done', progress: { credited: 2 } });
    await run(batch);
    expect((await summary(t, a)).points.active).toBe(100);
    await expect(create(batch, { ...spec, points: 200 }, [a, b])).rejects.toMatchObject({ status: 409, field: 'batch_id' });
  });

  it('refuses 51 recipients with a 4xx naming recipients and writes nothing; bad asks name their field', async () => {
    const batch = randomUUID();
    const many = Array.from({ length: 51 }, (_, i) => `friend${i}@example.test`);
    await expect(create(batch, { kind: 'points', points: 10, reason: 'Too many' }, many))
      .rejects.toMatchObject({ status: 422, field: 'recipients', message: expect.stringMatching(/at most 50.*51/) });
    expect(await t.sql('select 1 from traqora.loyalty_airdrops where id = $1', [batch])).toEqual([]);
    await expect(create(randomUUID(), { kind: 'points', points: 10, reason: 'Fifty' }, many.slice(0, 50))).resolves.toMatchObject({ progress: { total: 50 } });
    await expect(create(randomUUID(), { kind: 'points', points: 0, reason: 'Zero' }, ['x@example.test'])).rejects.toMatchObject({ status: 400, field: 'points' });
    await expect(create(randomUUID(), { kind: 'points', points: 1.5, reason: 'Half' }, ['x@example.test'])).rejects.toMatchObject({ status: 400, field: 'points' });
    await expect(create(randomUUID(), { kind: 'badge', badge: 'nope', reason: 'Badge' }, ['x@example.test'])).rejects.toMatchObject({ status: 400, field: 'badge' });
    await expect(create(randomUUID(), { kind: 'gift', reason: 'Kind' }, ['x@example.test'])).rejects.toMatchObject({ status: 400, field: 'kind' });
    await expect(create(randomUUID(), { kind: 'points', points: 5, reason: 'Nobody' }, [])).rejects.toMatchObject({ status: 400, field: 'recipients' });
    await expect(create(randomUUID(), { kind: 'points', points: 5 }, ['x@example.test'])).rejects.toMatchObject({ status: 400, field: 'reason' });
    await expect(run(randomUUID())).rejects.toMatchObject({ status: 404, field: 'id' });
  });

  it('sends a badge; a member who holds it is refused with the reason', async () => {
    const holder = await member('Badge Holder');
    const fresh = await member('Badge Fresh');
    await t.sql('insert into traqora.loyalty_members (user_id) values ($1)', [holder]);
    await t.sql("insert into traqora.loyalty_member_badges (member_id, badge, source) values ($1, 'trailblazer', 'earned')", [holder]);
    const batch = randomUUID();
    await create(batch, { kind: 'badge', badge: 'trailblazer', reason: 'Early members' }, [holder, fresh]);
    const done = await run(batch);
    expect(done.recipients.map((r) => [r.result, r.reason])).toEqual([['refused', 'The member holds this badge already.'], ['credited', null]]);
    const grid = await t.db.call<{ data: { code: string; source: string | null; earned_at: string | null }[] }>('loyalty_badges', { user_id: fresh });
    expect(grid.data.find((b) => b.code === 'trailblazer')).toMatchObject({ source: 'airdrop', earned_at: expect.any(String) });
  });

  it('the job finishes batches left running', async () => {
    const a = await member('Left Running');
    const batch = randomUUID();
    await create(batch, { kind: 'points', points: 42, reason: 'Tab closed' }, [a]);
    await t.sql("update traqora.loyalty_airdrops set created_at = now() - interval '5 minutes' where id = $1", [batch]);
    expect(await t.db.call('loyalty_airdrops_finish', {})).toMatchObject({ batches: 1 });
    expect((await t.db.call<Airdrop>('loyalty_airdrop', { batch })).status).toBe('done');
    expect((await summary(t, a)).points.active).toBe(42);
  });
});
