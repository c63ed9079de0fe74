import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Booking, WalletHistory } from '@/lib/bookings/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { nonstop, traveller, trialBalance } from '@/tests/support/booking-fixtures';
import { paidBooking } from '@/tests/support/loyalty-fixtures';

// Refund review (supabase/routines/66_refund_review.sql): one user proposes, a different
// finance/admin user approves (paying through the booking's rail) or denies; all audited.

let t: TestDatabase;
const staff: Record<string, string> = {};
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 14, poolSize: 30 });
  for (const [key, role] of [['support', 'support'], ['finance', 'finance'], ['finance2', 'finance'], ['admin', 'admin']] as const) {
    staff[key] = (await t.db.call<{ id: string }>('upsert_dev_persona', { role, name: `Refund ${key}` })).id;
  }
});
afterAll(async () => { await t?.close(); });
afterEach(async () => { expect(Object.values(await trialBalance(t)).every((v) => v === 0)).toBe(true); });

const ROLE: Record<string, string> = { support: 'support', finance: 'finance', finance2: 'finance', admin: 'admin' };
const ctx = (who: string, reason: string | null = 'Missed connection after a schedule change') =>
  ({ actor: staff[who], role: ROLE[who], reason, ip: null, request_id: `refund-${who}` });
type Request = { id: string; status: string; refund_minor: number; proposed_by: string; decided_by: string | null; booking_status: string };
const propose = (who: string, pnr: string, amount: number, kind = 'goodwill') =>
  t.db.call<Request>('propose_refund', { ctx: ctx(who), pnr, kind, refund_minor: amount });
const decide = (who: string, id: string, decision: 'approve' | 'deny', reason: string | null = null) =>
  t.db.call<Request>('decide_refund', { ctx: ctx(who, reason), request_id: id, decision });
const wallet = async (user: string) => (await t.db.call<WalletHistory>('wallet_history', { user_id: user })).balance_minor;

let n = 0;
async function paid(family = 'basic'): Promise<{ user: string; booking: Booking }> {
  const user = await traveller(t, `Refundee ${++n}`);
  const routes: [string, string][] = [['JFK', 'LHR'], ['LHR', 'JFK'], ['LAX', 'JFK']];
  return { user, booking: await paidBooking(t, user, await nonstop(t, ...routes[n % routes.length]), family) };
}

describe('refund review', () => {
  it('a support proposal approved by finance pays the refund once, the rest goes to the airline, all audited', async () => {
    const { user, booking } = await paid('basic');
    const before = await wallet(user);
    const req = await propose('support', booking.pnr, booking.price.total_minor);
    expect(req).toMatchObject({ status: 'pending', proposed_by: staff.support, booking_status: 'paid' });
    expect(await wallet(user)).toBe(before);            // a proposal moves no money

    const done = await decide('finance', req.id, 'approve');
    expect(done).toMatchObject({ status: 'approved', decided_by: staff.finance, booking_status: 'refunded' });
    expect(await wallet(user)).toBe(before + booking.price.total_minor);
    const b = await t.db.call<Booking>('get_booking', { user_id: user, pnr: booking.pnr });
    expect(b).toMatchObject({ status: 'refunded', refund_minor: booking.price.total_minor, escrow_balance_minor: 0 });

    const audit = await t.sql<{ action: string; actor: string; actor_role: string }>(
      "select action, actor, actor_role from traqora.audit_log where resource_type = 'refund_request' and resource_id = $1 order by id", [req.id]);
    expect(audit).toEqual([
      { action: 'refund.proposed', actor: staff.support, actor_role: 'support' },
      { action: 'refund.approved', actor: staff.finance, actor_role: 'finance' },
    ]);
    const events = await t.sql<{ type: string }>('select type from traqora.domain_events where aggregate_id in ($1, $2) order by id', [req.id, booking.id]);
    expect(events.map((e) => e.type).slice(-4)).toEqual(['refund.proposed', 'refund.approved', 'booking.cancelled', 'booking.refunded']);
  });

  it('a partial refund sends the rest of the escrow to the airline', async () => {
    const { user, booking } = await paid('basic');
    const before = await wallet(user);
    const req = await propose('finance', booking.pnr, 5_000, 'disruption');
    await decide('admin', req.id, 'approve');
    expect(await wallet(user)).toBe(before + 5_000);
    const [{ airline }] = await t.sql<{ airline: number }>(
      `select coalesce(sum(p.amount_minor), 0)::int as airline from traqora.ledger_postings p join traqora.ledger_accounts a on a.id = p.account_id
       join traqora.ledger_transactions x on x.id = p.transaction_id where x.booking_id = $1 and a.kind = 'airline'`, [booking.id]);
    expect(airline).toBe(booking.price.total_minor - 5_000);
  });

  it('the proposer cannot approve or deny their own request, even as finance', async () => {
    const { booking } = await paid();
    const req = await propose('finance', booking.pnr, 1_000);
    await expect(decide('finance', req.id, 'approve')).rejects.toMatchObject({ status: 403, field: 'id' });
    await expect(decide('finance', req.id, 'deny', 'changed my mind')).rejects.toMatchObject({ status: 403 });
    expect((await t.sql('select status from traqora.refund_requests where id = $1', [req.id]))[0]).toEqual({ status: 'pending' });
    // the table refuses it too, whoever writes behind the function's back
    await expect(t.sql("update traqora.refund_requests set status = 'approved', decided_by = proposed_by, decided_at = now() where id = $1", [req.id]))
      .rejects.toThrow(/check/);
  });

  it('a denial needs a reason, moves no money, and a decided request cannot be decided again', async () => {
    const { user, booking } = await paid();
    const before = await wallet(user);
    const req = await propose('support', booking.pnr, 2_000);
    await expect(decide('finance', req.id, 'deny')).rejects.toMatchObject({ status: 400, field: 'reason' });
    expect(await decide('finance', req.id, 'deny', 'Outside the goodwill policy')).toMatchObject({ status: 'denied', booking_status: 'paid' });
    expect(await wallet(user)).toBe(before);
    await expect(decide('admin', req.id, 'approve')).rejects.toMatchObject({ status: 409 });
    // a new proposal is possible once the first is decided
    expect(await propose('support', booking.pnr, 1_500)).toMatchObject({ status: 'pending' });
  });

  it('refuses what it cannot do, naming the field', async () => {
    const { booking } = await paid();
    await expect(propose('support', booking.pnr, booking.price.total_minor + 1)).rejects.toMatchObject({ status: 422, field: 'refund_minor' });
    await expect(propose('support', booking.pnr, 0)).rejects.toMatchObject({ status: 422, field: 'refund_minor' });
    await expect(propose('support', 'ZZZZZZ', 100)).rejects.toMatchObject({ status: 404, field: 'pnr' });
    await expect(propose('support', booking.pnr, 100, 'bribe')).rejects.toMatchObject({ status: 400, field: 'kind' });
    await propose('support', booking.pnr, 100);
    await expect(propose('finance', booking.pnr, 200)).rejects.toMatchObject({ status: 409, field: 'pnr' });
    await expect(decide('finance', '00000000-0000-4000-8000-000000000000', 'approve')).rejects.toMatchObject({ status: 404 });
  });

  it('lists waiting requests by the traveller’s tier (highest first, then newest), each with its tier, and pages without skipping', async () => {
    // Tiers written behind the loyalty functions' back: the queue reads them through loyalty_member_priority.
    const setTier = (user: string, tier: string) => t.sql(`insert into traqora.loyalty_members (user_id, tier) values ($1, $2)
      on conflict (user_id) do update set tier = excluded.tier`, [user, tier]);
    const made: { id: string; tier: string }[] = [];
    for (const tier of ['silver', null, 'platinum', 'gold', 'silver', 'platinum', 'blue']) {
      const { user, booking } = await paid('flex');
      if (tier) await setTier(user, tier);
      made.push({ id: (await propose('support', booking.pnr, 100)).id, tier: tier ?? 'blue' });
    }
    type Row = Request & { tier: string; refund_priority: number; created_at: string };
    const pages: Row[][] = [];
    let after: unknown = null;
    do {
      const page = await t.db.call<{ data: Row[]; next: unknown }>('admin_list_refund_requests', { status: 'pending', after: after as never, limit: 2 });
      pages.push(page.data);
      after = page.next;
    } while (after);
    const all = pages.flat();
    expect(pages.slice(0, -1).every((p) => p.length === 2)).toBe(true);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    expect(all.every((r) => r.status === 'pending')).toBe(true);
    const rank = { blue: 0, silver: 1, gold: 2, platinum: 3 } as Record<string, number>;
    for (const r of all) expect(r.refund_priority).toBe(rank[r.tier]);
    const expected = [...all].sort((x, y) => y.refund_priority - x.refund_priority || y.created_at.localeCompare(x.created_at) || y.id.localeCompare(x.id));
    expect(all.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    // the ones made here: the two platinum first (newer first), gold, the two silver, then blue and the non-member
    const mine = all.filter((r) => made.some((m) => m.id === r.id));
    expect(mine.map((r) => r.tier)).toEqual(['platinum', 'platinum', 'gold', 'silver', 'silver', 'blue', 'blue']);
    expect(mine.slice(0, 2).map((r) => r.id)).toEqual([made[5].id, made[2].id]);
    expect(mine.slice(5).map((r) => r.id)).toEqual([made[6].id, made[1].id]);
    expect(all[0].refund_priority).toBe(3);

    // decided requests stay newest first
    await decide('finance', made[0].id, 'deny', 'Outside policy');
    await decide('finance', made[3].id, 'deny', 'Outside policy');
    const denied = await t.db.call<{ data: Row[] }>('admin_list_refund_requests', { status: 'denied' });
    expect(denied.data.map((r) => r.created_at)).toEqual([...denied.data.map((r) => r.created_at)].sort().reverse());
  });

  it.skipIf(process.env.DB_TARGET !== 'postgres')('20 concurrent approvals by different checkers pay once (PostgreSQL)', async () => {
    const { user, booking } = await paid('flex');
    const before = await wallet(user);
    const req = await propose('support', booking.pnr, booking.price.total_minor);
    const checkers = ['finance', 'finance2', 'admin'];
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => decide(checkers[i % 3], req.id, 'approve')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x): x is PromiseRejectedResult => x.status === 'rejected')) expect(r.reason).toMatchObject({ status: 409 });
    expect(await wallet(user)).toBe(before + booking.price.total_minor);
    const [{ refunds }] = await t.sql<{ refunds: number }>("select count(*)::int as refunds from traqora.ledger_transactions where booking_id = $1 and kind = 'refund'", [booking.id]);
    expect(refunds).toBe(1);
    const [{ audits }] = await t.sql<{ audits: number }>("select count(*)::int as audits from traqora.audit_log where resource_id = $1 and action = 'refund.approved'", [req.id]);
    expect(audits).toBe(1);
  });
});
