import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analytics } from '@/lib/admin/analytics';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

// The analytics' per-day sums (booking_day_flows, routines/36_admin_analytics.sql) give the same
// figures as the bookings themselves: finished days come from the sums, today and partial edge
// days from the bookings, and a back-dated change forgets the days it touches.

let t: TestDatabase;
let user: string;
let seq = 0;
const DAY = 864e5;
const ago = (days: number, hours = 10) => new Date(Math.floor(Date.now() / DAY) * DAY - days * DAY + hours * 3_600_000).toISOString();

async function booking(b: { total: number; rail?: 'ledger' | 'soroban'; status: string; paid: string | null; closed?: string; refund?: number }): Promise<string> {
  seq++;
  const pnr = `R${[100, 10, 1].map((u) => 'ABCDEFGHJK'[Math.floor(seq / u) % 10]).join('')}ZZ`;
  await t.sql(
    `insert into traqora.bookings (pnr, user_id, status, cabin, fare_family, adults, currency, base_minor, taxes_minor, total_minor, refund_minor,
       conditions, contact, hold_expires_at, created_at, paid_at, closed_at, payment_rail)
     values ($1, $2, $3, 'economy', 'flex', 1, 'USD', $4, 0, $4, $5, '{}', '{"email":"r@example.com"}', now(), coalesce($6::timestamptz, now()), $6, $7, $8)`,
    [pnr, user, b.status, b.total, b.refund ?? null, b.paid, b.closed ?? null, b.paid ? (b.rail ?? 'ledger') : null]);
  return pnr;
}

/** The same figures straight from the bookings (the definitions at the top of 36_admin_analytics.sql). */
async function direct(from: string, to: string) {
  const [r] = await t.sql<{ bookings: number; gmv: number; cancels: number; refunds: number; released: number; escrow: number }>(
    `select (select count(*) from traqora.bookings where paid_at >= $1 and paid_at < $2)::int as bookings,
            (select coalesce(sum(total_minor), 0) from traqora.bookings where paid_at >= $1 and paid_at < $2)::int as gmv,
            (select count(*) from traqora.bookings where paid_at is not null and closed_at >= $1 and closed_at < $2 and status in ('cancelled', 'refunded'))::int as cancels,
            (select coalesce(sum(refund_minor), 0) from traqora.bookings where paid_at is not null and closed_at >= $1 and closed_at < $2 and status = 'refunded')::int as refunds,
            (select coalesce(sum(total_minor), 0) from traqora.bookings where closed_at >= $1 and closed_at < $2 and status = 'completed')::int as released,
            (select coalesce(sum(total_minor), 0) from traqora.bookings where paid_at < $2 and (closed_at is null or closed_at >= $2))::int as escrow`, [from, to]);
  return r;
}
const analytics = (from: string, to: string, interval = 'day') =>
  t.db.call<Analytics>('admin_analytics', { from, to, interval });
const rows = async () => (await t.sql<{ n: number; last: string | null }>('select count(*)::int as n, max(day)::text as last from traqora.booking_day_flows'))[0];

beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 1 });
  user = (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'traveller', name: 'Rollup Rita' })).id;
  // two months of history across rails and outcomes, and today's sales
  for (let d = 60; d >= 0; d--) {
    await booking({ total: 10_000 + d * 100, status: 'paid', paid: ago(d, 9) });
    if (d % 3 === 0) await booking({ total: 20_000, rail: 'soroban', status: 'refunded', paid: ago(d, 1), closed: ago(Math.max(d - 2, 0), 23), refund: 15_000 });
    if (d % 4 === 0) await booking({ total: 30_000, status: 'completed', paid: ago(d, 12), closed: ago(Math.max(d - 5, 0), 23) });
    if (d % 7 === 0) await booking({ total: 7_000, status: 'cancelled', paid: ago(d, 8), closed: ago(d, 20), refund: 0 });
  }
}, 120_000);
afterAll(async () => { await t?.close(); });

describe('analytics from per-day sums', () => {
  it('sums finished days once and gives what the bookings give, for whole days and a period ending mid-day today', async () => {
    const today = new Date(Math.floor(Date.now() / DAY) * DAY);
    const from = ago(45, 0);
    const to = new Date(Date.now() + 60_000).toISOString();   // a partial today
    const a = await analytics(from, to);
    const sums = await rows();
    expect(sums.last).toBe(new Date(today.getTime() - DAY).toISOString().slice(0, 10));   // every finished day, not today
    const want = await direct(a.from, a.to);
    expect(a.totals).toMatchObject({ bookings: want.bookings, gmv_minor: want.gmv, cancellations: want.cancels, refunds_minor: want.refunds,
      released_minor: want.released, escrow_minor: want.escrow });
    const before = await direct(a.previous_from, a.previous_to);
    expect(a.previous).toMatchObject({ bookings: before.bookings, gmv_minor: before.gmv, cancellations: before.cancels, escrow_minor: before.escrow });
    for (const b of [a.series[0], a.series[17], a.series[a.series.length - 1]]) {
      const d = await direct(b.start, b.end);
      expect(b, b.start).toMatchObject({ bookings: d.bookings, gmv_minor: d.gmv, cancellations: d.cancels, refunds_minor: d.refunds, released_minor: d.released, escrow_minor: d.escrow });
    }
    // by week: the same totals from the same sums
    const w = await analytics(from, to, 'week');
    const ww = await direct(w.from, w.to);
    expect(w.totals).toMatchObject({ bookings: ww.bookings, gmv_minor: ww.gmv, escrow_minor: ww.escrow });
    expect((await rows()).n).toBe(sums.n);   // a second call sums nothing again
  });

  it('a back-dated change forgets the days it touches, so the next call is right again; a change made now forgets nothing', async () => {
    const before = await rows();
    const pnr = await booking({ total: 12_345, status: 'paid', paid: ago(10, 15) });
    const after = await rows();
    expect(after.last).toBe(new Date(Date.parse(ago(11, 0))).toISOString().slice(0, 10));   // rows from that day on are gone
    const a = await analytics(ago(20, 0), ago(0, 0));
    const d = await direct(a.from, a.to);
    expect(a.totals).toMatchObject({ bookings: d.bookings, gmv_minor: d.gmv, escrow_minor: d.escrow });
    expect((await rows()).n).toBe(before.n);   // summed again

    // closing it today (as cancellations do, closed_at = now()) leaves the finished days alone
    await t.sql("update traqora.bookings set status = 'cancelled', closed_at = now(), refund_minor = 0 where pnr = $1", [pnr]);
    expect((await rows()).n).toBe(before.n);
    const today = await analytics(ago(0, 0), new Date(Date.now() + 60_000).toISOString());
    expect(today.totals.cancellations).toBeGreaterThanOrEqual(1);
  });
});
