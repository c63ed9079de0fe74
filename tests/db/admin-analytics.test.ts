import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Analytics } from '@/lib/admin/analytics';
import type { Viewer } from '@/lib/auth/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

// The overview's numbers on a handful of bookings whose every figure can be worked out by hand.

const state = vi.hoisted(() => ({ db: undefined as unknown, viewer: null as unknown }));
vi.mock('@/lib/db/connect', () => ({ db: async () => state.db }));
vi.mock('@/lib/auth/viewer', () => ({ getViewer: async () => state.viewer, isAccountSuspended: async () => false }));

let t: TestDatabase;
let user: string;
let seq = 0;

async function booking(b: { total: number; rail?: 'ledger' | 'soroban'; status: string; paid?: string; closed?: string; refund?: number; created?: string }) {
  seq++;
  const pnr = `AN${'ABCDEFGHJK'[Math.floor(seq / 10) % 10]}${'ABCDEFGHJK'[seq % 10]}ZZ`;
  await t.sql(
    `insert into traqora.bookings (pnr, user_id, status, cabin, fare_family, adults, currency, base_minor, taxes_minor, total_minor, refund_minor,
       conditions, contact, hold_expires_at, created_at, paid_at, closed_at, payment_rail)
     values ($1, $2, $3, 'economy', 'flex', 1, 'USD', $4, 0, $4, $5, '{}', '{"email":"a@example.com"}', now(), $6, $7, $8, $9)`,
    [pnr, user, b.status, b.total, b.refund ?? null, b.created ?? b.paid ?? '2026-03-01T08:00:00Z', b.paid ?? null, b.closed ?? null, b.paid ? (b.rail ?? 'ledger') : null]);
}

beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 1 });
  state.db = t.db;
  user = (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'traveller', name: 'Analytic Ann' })).id;
  state.viewer = { ...(await t.db.call<Omit<Viewer, 'source'>>('upsert_dev_persona', { role: 'finance', name: 'Fay Numbers' })), source: 'dev' };
  await booking({ total: 5000, status: 'paid', paid: '2026-02-27T10:00:00Z' });                                         // B5: held in escrow throughout
  await booking({ total: 10000, status: 'completed', paid: '2026-03-01T10:00:00Z', closed: '2026-03-02T09:00:00Z' });    // B1: flown, released
  await booking({ total: 20000, rail: 'soroban', status: 'refunded', paid: '2026-03-01T12:00:00Z', closed: '2026-03-03T15:00:00Z', refund: 15000 }); // B2
  await booking({ total: 30000, status: 'cancelled', paid: '2026-03-02T11:00:00Z', closed: '2026-03-02T18:00:00Z', refund: 0 }); // B3
  await booking({ total: 7000, status: 'expired', created: '2026-03-01T09:00:00Z', closed: '2026-03-01T09:15:00Z' });    // B4: never paid
}, 60_000);
afterAll(async () => { await t?.close(); });

async function get(query: string): Promise<Response> {
  const { GET } = await import('@/app/api/v1/admin/analytics/route');
  return GET(new NextRequest(new URL(`/api/v1/admin/analytics?${query}`, 'http://t.test')));
}

describe('GET /api/v1/admin/analytics', () => {
  it('computes each day’s sales, cancellations, refunds, releases and escrow, and the period against the one before', async () => {
    const res = await get('from=2026-03-01&to=2026-03-03&interval=day');
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: Analytics };
    expect(data).toMatchObject({ currency: 'USD', interval: 'day', from: expect.stringMatching(/^2026-03-01T00:00:00/), to: expect.stringMatching(/^2026-03-04T00:00:00/) });
    const day = (i: number) => data.series[i];
    expect(data.series.map((b) => b.start.slice(0, 10))).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(day(0)).toMatchObject({ bookings: 2, gmv_minor: 30000, avg_fare_minor: 15000, cancellations: 0, cancellation_rate: 0, refunds_minor: 0,
      released_minor: 0, escrow_minor: 35000, escrow_ledger_minor: 15000, escrow_onchain_minor: 20000 });
    expect(day(1)).toMatchObject({ bookings: 1, gmv_minor: 30000, cancellations: 1, cancellation_rate: 1, released_minor: 10000,
      escrow_minor: 25000, escrow_ledger_minor: 5000, escrow_onchain_minor: 20000 });
    expect(day(2)).toMatchObject({ bookings: 0, gmv_minor: 0, avg_fare_minor: null, cancellation_rate: null, refund_rate: null, cancellations: 1,
      refunds_minor: 15000, escrow_minor: 5000, escrow_onchain_minor: 0 });
    expect(data.totals).toEqual({ bookings: 3, gmv_minor: 60000, avg_fare_minor: 20000, cancellations: 2, cancellation_rate: 0.6667,
      refunds_minor: 15000, refund_rate: 0.25, released_minor: 10000, escrow_minor: 5000, escrow_ledger_minor: 5000, escrow_onchain_minor: 0,
      // no points earned nor proposals closed by March (tests/db/admin-analytics-programme.test.ts has them)
      loyalty_points_outstanding: 0, loyalty_liability_minor: 0, governance_proposals_closed: 0, governance_participation_rate: null });
    // the three days before: B5 sold, nothing closed; escrow at 1 March is B5
    expect(data.previous).toMatchObject({ bookings: 1, gmv_minor: 5000, cancellations: 0, escrow_minor: 5000 });
    expect(data.previous_from).toMatch(/^2026-02-26T00:00:00/);
  });

  it('buckets by calendar week and month in UTC, starting at the bucket that holds from', async () => {
    const week = (await (await get('from=2026-03-01&to=2026-03-07&interval=week')).json()).data as Analytics;
    expect(week.series.map((b) => b.start.slice(0, 10))).toEqual(['2026-02-23', '2026-03-02']);   // Mondays
    expect(week.series.map((b) => b.bookings)).toEqual([3, 1]);
    const month = (await (await get('from=2026-02-15&to=2026-03-31&interval=month')).json()).data as Analytics;
    expect(month.series.map((b) => [b.start.slice(0, 10), b.bookings, b.gmv_minor])).toEqual([['2026-02-01', 1, 5000], ['2026-03-01', 3, 60000]]);
    expect(month.totals.bookings).toBe(4);
  });

  it('answers bad ranges with a 400 naming the field', async () => {
    for (const [query, field] of [['interval=year', 'query.interval'], ['from=2026-03-05&to=2026-03-01', 'query.to'],
      ['from=2020-01-01&to=2026-01-01', 'query.from'], ['from=soon', 'query.from']] as const) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      expect((await res.json()).errors.map((e: { field: string }) => e.field), query).toEqual([field]);
    }
  });
});
