import path from 'node:path';
import { Keypair } from '@stellar/stellar-sdk';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/types';
import type { Itinerary } from '@/lib/flights/types';
import { book } from '@/tests/support/booking-fixtures';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

// The airline portal's API as an airline's operator: its own airline's rows only. The role
// matrix (admin-matrix.test.ts) proves the operator may call these for its own airline (DL);
// here every portal endpoint asked about another airline (BA) is a 403 that writes and reveals
// nothing, and what DL's operator does see holds no BA row.

const state = vi.hoisted(() => ({ db: undefined as unknown, viewer: null as unknown }));
vi.mock('@/lib/db/connect', () => ({ db: async () => state.db }));
vi.mock('@/lib/auth/viewer', () => ({ getViewer: async () => state.viewer, isAccountSuspended: async () => false }));

let t: TestDatabase;
let operator: Viewer;
const pnrs: Record<'DL' | 'BA', string> = { DL: '', BA: '' };
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 10 });
  state.db = t.db;
  operator = { ...(await t.db.call<Omit<Viewer, 'source'>>('upsert_dev_persona', { role: 'operator', name: 'Portal DL operator', airline: 'DL' })), source: 'dev' };
  for (const airline of ['DL', 'BA'] as const) {
    const [f] = await t.sql<{ id: number }>("select id::int from traqora.flights where airline = $1 and departs_at > now() + interval '6 hours' order by departs_at, id limit 1", [airline]);
    const user = (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'traveller', name: `Portal ${airline} flyer` })).id;
    const { booking } = await book(t, user, { flight_ids: [f.id] } as unknown as Itinerary);
    await t.db.call('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: 10_000_000 });
    pnrs[airline] = booking.pnr;
  }
});
afterAll(async () => { await t?.close(); });

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function call(method: 'GET' | 'PUT' | 'DELETE', route: string, iata: string, query = '', body?: unknown, viewer: Viewer = operator): Promise<Response> {
  state.viewer = viewer;
  const url = `/api/v1/admin/airlines/${iata}/${route}${query}`;
  const req = new NextRequest(new URL(url, 'http://t.test'), { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const mod = (await import(/* @vite-ignore */ path.join(process.cwd(), 'app/api/v1/admin/airlines/[iata]', route, 'route.ts'))) as Record<string, Handler>;
  return mod[method](req, { params: Promise.resolve({ iata }) });
}

describe('airline portal: an operator sees only its own airline', () => {
  it('every portal endpoint about another airline is a 403 naming the permission, and changes nothing', async () => {
    const audits = async () => (await t.sql<{ n: number }>('select count(*)::int as n from traqora.audit_log'))[0].n;
    const before = await audits();
    for (const [method, route, perm, body] of [
      ['GET', 'bookings', 'airline.read'], ['GET', 'bookings.csv', 'airline.read'], ['GET', 'payouts', 'airline.read'], ['GET', 'payout-account', 'airline.read'],
      ['PUT', 'payout-account', 'payouts.manage', { address: Keypair.random().publicKey() }], ['DELETE', 'payout-account', 'payouts.manage'],
    ] as const) {
      const res = await call(method, route, 'BA', '', body);
      expect(res.status, `${method} ${route}`).toBe(403);
      expect(await res.json()).toMatchObject({ permission: perm });
    }
    expect(await audits()).toBe(before);
    expect((await t.sql('select 1 from traqora.airline_payout_accounts where airline = $1', ['BA'])).length).toBe(0);
  });

  it('its own airline’s bookings, CSV and payouts hold its rows and none of another airline’s', async () => {
    const list = await call('GET', 'bookings', 'dl', '?limit=200');
    expect(list.status).toBe(200);
    const body = (await list.json()) as { data: { pnr: string; flight: string }[] };
    expect(body.data.map((r) => r.pnr)).toContain(pnrs.DL);
    expect(body.data.map((r) => r.pnr)).not.toContain(pnrs.BA);
    expect(body.data.every((r) => r.flight.startsWith('DL'))).toBe(true);

    const search = await call('GET', 'bookings', 'DL', `?q=${pnrs.BA}`);
    expect(((await search.json()) as { data: unknown[] }).data).toEqual([]);

    const csv = await (await call('GET', 'bookings.csv', 'DL')).text();
    expect(csv.split('\r\n')[0]).toBe('pnr,status,flight,flight_status,origin,destination,departs_at,segment,cabin,passengers,lead_passenger,share_minor,currency,payment_rail,paid_at');
    expect(csv).toContain(pnrs.DL);
    expect(csv).not.toContain(pnrs.BA);

    const payouts = (await (await call('GET', 'payouts', 'DL')).json()) as { data: { airline: string; held_minor: number } };
    expect(payouts.data.airline).toBe('DL');
    expect(payouts.data.held_minor).toBeGreaterThan(0);
  });

  it('a CSV the database refuses (an airline that does not exist) is a 404 problem, not a download cut off after its headers', async () => {
    const admin: Viewer = { ...(await t.db.call<Omit<Viewer, 'source'>>('upsert_dev_persona', { role: 'admin', name: 'Portal admin' })), source: 'dev' };
    const res = await call('GET', 'bookings.csv', 'ZZ', '', undefined, admin);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 404, errors: [{ field: 'iata' }] });
  });

  it('changes its own payout account (audited as operator) and reads it back; bad input is a 400 naming the field', async () => {
    const address = Keypair.random().publicKey();
    const put = await call('PUT', 'payout-account', 'DL', '', { address, reason: 'new treasury account' });
    expect(put.status).toBe(200);
    const [row] = await t.sql<{ action: string; actor_role: string }>('select action, actor_role from traqora.audit_log order by id desc limit 1');
    expect(row).toEqual({ action: 'airline.payout_account_set', actor_role: 'operator' });
    expect(((await (await call('GET', 'payout-account', 'DL')).json()) as { data: { address: string } }).data.address).toBe(address);

    const bad = await call('PUT', 'payout-account', 'DL', '', { address: 'GNOTANADDRESS' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ field: 'body.address' }] });
    const badQuery = await call('GET', 'bookings', 'DL', '?from=2026-02-30');
    expect(badQuery.status).toBe(400);
    expect(await badQuery.json()).toMatchObject({ errors: [{ field: 'query.from' }] });
  });
});
