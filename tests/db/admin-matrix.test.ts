import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Keypair } from '@stellar/stellar-sdk';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PERMISSIONS, type Permission } from '@/lib/admin/permissions';
import { generateKey } from '@/lib/api-keys/secret';
import { ROLES, type Role, type Viewer } from '@/lib/auth/types';
import { book, nonstop, traveller } from '@/tests/support/booking-fixtures';
import type { Itinerary } from '@/lib/flights/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { multisigChainStandIn } from '@/tests/support/multisig-chain-stand-in';

// The role matrix: every admin endpoint, called as a signed-out caller and as a user of every
// role, answers 401 / 403 / 2xx exactly as lib/admin/permissions.ts says. Expectations come from
// the table; a route file under app/api/v1/admin that this list does not cover fails the test.

const state = vi.hoisted(() => ({ db: undefined as unknown, viewer: null as unknown, multisig: null as unknown }));
vi.mock('@/lib/db/connect', () => ({ db: async () => state.db }));
// RPC reads back every multisig step as a successful approval (tests/support/multisig-chain-stand-in.ts)
vi.mock('@/lib/settlements/multisig-chain', () => ({ multisigChain: () => state.multisig }));
vi.mock('@/lib/auth/viewer', () => ({ getViewer: async () => state.viewer, isAccountSuspended: async () => false }));

let t: TestDatabase;
let admin: Viewer;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 10 });
  state.db = t.db;
  admin = await viewerFor('admin', 'Matrix Root');
  state.multisig = multisigChainStandIn({ step: 'approve', proposalId: 7n });
});
afterAll(async () => { await t?.close(); });

async function viewerFor(role: Role, name: string): Promise<Viewer> {
  const row = await t.db.call<Omit<Viewer, 'source'>>('upsert_dev_persona', { role, name, airline: role === 'operator' ? 'DL' : null });
  return { ...row, source: 'dev' };
}
const freshUser = async () => (await viewerFor('traveller', `Target ${Math.random().toString(36).slice(2, 10)}`)).id;
/** An airdrop batch sent by the matrix's admin, not yet run. */
const matrixAirdrop = async () => (await t.db.call<{ id: string }>('loyalty_airdrop_create', { ctx: rootCtx(), batch: crypto.randomUUID(),
  spec: { kind: 'points', points: 10, reason: 'matrix airdrop' }, recipients: [await freshUser()] })).id;
// A DL flight (the matrix operator's airline) no earlier call has touched, departing later.
const usedFlights = new Set<number>();
let extended = false;
async function freshDlFlight(): Promise<number> {
  if (!extended) {
    await t.sql('select traqora.generate_schedule(current_date + 1, 2)');
    extended = true;
  }
  const rows = await t.sql<{ id: number }>(
    "select id::int from traqora.flights where airline = 'DL' and status = 'scheduled' and departs_at > now() + interval '6 hours' order by departs_at, id");
  const id = rows.map((r) => r.id).find((i) => !usedFlights.has(i));
  if (!id) throw new Error('no DL flight left for the matrix');
  usedFlights.add(id);
  return id;
}
const later = async (id: number) =>
  new Date((await t.sql<{ d: Date }>('select departs_at as d from traqora.flights where id = $1', [id]))[0].d.getTime() + 45 * 60_000).toISOString();
/** A fresh traveller's paid booking (ledger rail) on a BA flight later than today. */
async function paidPnr(): Promise<string> {
  await freshDlFlight();   // makes sure the extended schedule exists
  const [f] = await t.sql<{ id: number }>("select id::int from traqora.flights where airline = 'BA' and departs_at > now() + interval '6 hours' order by departs_at, id limit 1");
  const user = await freshUser();
  const { booking } = await book(t, user, { flight_ids: [f.id] } as unknown as Itinerary);
  await t.db.call('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: 10_000_000 });
  return booking.pnr;
}
const rootCtx = () => ({ actor: admin.id, role: 'admin', reason: 'matrix set-up', ip: null, request_id: 'matrix-setup-0001' });

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface Call { params: Record<string, string>; body?: unknown; query?: string; headers?: Record<string, string> }
interface Endpoint {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The route's URL pattern, as its folder names it. */
  pattern: string;
  permission: Permission;
  /** A valid request (fresh fixtures each time, so an allowed call always succeeds). */
  call: () => Promise<Call>;
}

const ENDPOINTS: Endpoint[] = [
  { method: 'GET', pattern: '/api/v1/admin/users', permission: 'users.read', call: async () => ({ params: {}, query: '?status=active&limit=5' }) },
  { method: 'POST', pattern: '/api/v1/admin/users/[id]/roles', permission: 'roles.grant',
    call: async () => ({ params: { id: await freshUser() }, body: { role: 'ops', reason: 'on call' } }) },
  { method: 'DELETE', pattern: '/api/v1/admin/users/[id]/roles', permission: 'roles.grant', call: async () => {
    const id = await freshUser();
    await t.db.call('admin_grant_role', { ctx: rootCtx(), user_id: id, role: 'ops', airline: null });
    return { params: { id }, body: { role: 'ops' } };
  } },
  { method: 'POST', pattern: '/api/v1/admin/users/[id]/suspension', permission: 'users.suspend',
    call: async () => ({ params: { id: await freshUser() }, body: { reason: 'matrix suspension' } }) },
  { method: 'DELETE', pattern: '/api/v1/admin/users/[id]/suspension', permission: 'users.suspend', call: async () => {
    const id = await freshUser();
    await t.db.call('admin_suspend_user', { ctx: rootCtx(), user_id: id });
    return { params: { id } };
  } },
  { method: 'GET', pattern: '/api/v1/admin/audit', permission: 'audit.read', call: async () => ({ params: {}, query: '?action=user.suspended&limit=3' }) },
  { method: 'GET', pattern: '/api/v1/admin/audit.csv', permission: 'audit.read', call: async () => ({ params: {}, query: '?resource_type=user' }) },
  { method: 'GET', pattern: '/api/v1/admin/audit/verify', permission: 'audit.read', call: async () => ({ params: {} }) },
  // airline-scoped endpoints are called for DL, the matrix operator's own airline (another
  // airline is a 403 for it: tests/db/airline-portal-access.test.ts)
  { method: 'GET', pattern: '/api/v1/admin/airlines/[iata]/payout-account', permission: 'airline.read', call: async () => ({ params: { iata: 'DL' } }) },
  { method: 'PUT', pattern: '/api/v1/admin/airlines/[iata]/payout-account', permission: 'payouts.manage',
    call: async () => ({ params: { iata: 'DL' }, body: { address: Keypair.random().publicKey() } }) },
  { method: 'DELETE', pattern: '/api/v1/admin/airlines/[iata]/payout-account', permission: 'payouts.manage', call: async () => ({ params: { iata: 'DL' } }) },
  { method: 'GET', pattern: '/api/v1/admin/airlines/[iata]/bookings', permission: 'airline.read', call: async () => ({ params: { iata: 'DL' }, query: '?status=paid&limit=5' }) },
  { method: 'GET', pattern: '/api/v1/admin/airlines/[iata]/bookings.csv', permission: 'airline.read', call: async () => ({ params: { iata: 'DL' }, query: '?q=Lovelace' }) },
  { method: 'GET', pattern: '/api/v1/admin/airlines/[iata]/payouts', permission: 'airline.read', call: async () => ({ params: { iata: 'DL' }, query: '?limit=5' }) },
  { method: 'GET', pattern: '/api/v1/admin/multisig/proposals', permission: 'settlements.manage', call: async () => ({ params: {} }) },
  { method: 'POST', pattern: '/api/v1/admin/multisig/proposals/[id]/steps', permission: 'settlements.manage', call: async () => ({ params: { id: '7' },
    body: { step: 'approve', tx_hash: randomBytes(32).toString('hex'), signer: (state.multisig as ReturnType<typeof multisigChainStandIn>).signer.publicKey() } }) },
  { method: 'GET', pattern: '/api/v1/admin/reconciliation', permission: 'settlements.manage', call: async () => ({ params: {} }) },
  { method: 'GET', pattern: '/api/v1/admin/settlements', permission: 'settlements.manage', call: async () => ({ params: {}, query: '?status=failed&limit=5' }) },
  { method: 'POST', pattern: '/api/v1/admin/settlements/[id]/retry', permission: 'settlements.manage', call: async () => {
    const pnr = await paidPnr();
    const [row] = await t.sql<{ id: number }>(
      "insert into traqora.chain_settlements (booking_id, seq, chain_booking_id, kind, status, attempts, error) select id, 1, '42', 'release', 'failed', 1, 'matrix' from traqora.bookings where pnr = $1 returning id::int", [pnr]);
    return { params: { id: String(row.id) }, body: { reason: 'RPC was down' } };
  } },
  { method: 'GET', pattern: '/api/v1/admin/analytics', permission: 'analytics.read', call: async () => ({ params: {}, query: '?interval=week' }) },
  { method: 'GET', pattern: '/api/v1/admin/bookings', permission: 'bookings.read', call: async () => ({ params: {}, query: '?status=held&sort=total' }) },
  { method: 'GET', pattern: '/api/v1/admin/bookings.csv', permission: 'bookings.read', call: async () => ({ params: {}, query: '?q=Lovelace' }) },
  { method: 'GET', pattern: '/api/v1/admin/bookings/[pnr]', permission: 'bookings.read', call: async () => ({ params: { pnr: await heldBooking() } }) },
  { method: 'GET', pattern: '/api/v1/admin/refunds', permission: 'refunds.propose', call: async () => ({ params: {}, query: '?status=pending&limit=3' }) },
  { method: 'POST', pattern: '/api/v1/admin/refunds', permission: 'refunds.propose',
    call: async () => ({ params: {}, body: { pnr: await paidPnr(), kind: 'goodwill', refund_minor: 1000, reason: 'bereavement' } }) },
  { method: 'POST', pattern: '/api/v1/admin/refunds/[id]/decision', permission: 'refunds.decide', call: async () => {
    const req = await t.db.call<{ id: string }>('propose_refund', { ctx: rootCtx(), pnr: await paidPnr(), kind: 'goodwill', refund_minor: 1000 });
    return { params: { id: req.id }, body: { decision: 'approve', reason: 'policy allows it' } };
  } },
  { method: 'GET', pattern: '/api/v1/admin/flights', permission: 'flights.manage', call: async () => ({ params: {}, query: '?limit=3' }) },
  { method: 'POST', pattern: '/api/v1/admin/flights/[id]/status', permission: 'flights.manage', call: async () => {
    const id = await freshDlFlight();
    return { params: { id: String(id) }, body: { status: 'delayed', departs_at: await later(id), reason: 'late inbound aircraft' } };
  } },
  { method: 'POST', pattern: '/api/v1/admin/flights/[id]/refunds', permission: 'flights.manage', call: async () => {
    const id = await freshDlFlight();
    await t.db.call('admin_set_flight_status', { ctx: rootCtx(), flight_id: id, status: 'delayed', departs_at: await later(id), arrives_at: null });
    const user = await freshUser();
    const { booking } = await book(t, user, { flight_ids: [id] } as unknown as Itinerary);
    await t.db.call('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: 10_000_000 });
    return { params: { id: String(id) }, body: { pnr: booking.pnr, refund_minor: 1500, reason: 'two-hour delay' } };
  } },
  { method: 'POST', pattern: '/api/v1/admin/flights/status-updates', permission: 'flights.manage',
    call: async () => ({ params: {}, body: { reason: 'storm at the hub', updates: [{ flight_id: await freshDlFlight(), status: 'cancelled' }] } }) },
  { method: 'GET', pattern: '/api/v1/admin/loyalty/members/[id]', permission: 'rewards.manage', call: async () => ({ params: { id: await freshUser() } }) },
  { method: 'POST', pattern: '/api/v1/admin/loyalty/members/[id]/adjustments', permission: 'rewards.manage', call: async () => ({
    params: { id: await freshUser() }, body: { points: 500, reason: 'matrix goodwill' }, headers: { 'idempotency-key': `matrix-${Math.random().toString(36).slice(2, 12)}` } }) },
  { method: 'GET', pattern: '/api/v1/admin/loyalty/campaigns', permission: 'rewards.manage', call: async () => ({ params: {}, query: '?limit=5' }) },
  { method: 'POST', pattern: '/api/v1/admin/loyalty/campaigns', permission: 'rewards.manage', call: async () => ({
    params: {}, headers: { 'idempotency-key': `matrix-${Math.random().toString(36).slice(2, 12)}` },
    body: { name: 'Matrix bonus', kind: 'fixed', value: 100, starts_at: new Date(Date.now() + 864e5).toISOString(), ends_at: new Date(Date.now() + 2 * 864e5).toISOString() } }) },
  { method: 'DELETE', pattern: '/api/v1/admin/loyalty/campaigns/[id]', permission: 'rewards.manage', call: async () => {
    const c = await t.db.call<{ id: number }>('loyalty_create_campaign', { ctx: rootCtx(), key: `matrix-${Math.random().toString(36).slice(2, 12)}`,
      campaign: { name: 'Matrix to end', kind: 'fixed', value: 100, starts_at: new Date(Date.now() + 864e5).toISOString(), ends_at: new Date(Date.now() + 2 * 864e5).toISOString() } });
    return { params: { id: String(c.id) } };
  } },
  { method: 'GET', pattern: '/api/v1/admin/loyalty/chain-syncs', permission: 'rewards.manage', call: async () => ({ params: {}, query: '?status=failed&limit=5' }) },
  { method: 'POST', pattern: '/api/v1/admin/loyalty/chain-syncs/[memberId]/retry', permission: 'rewards.manage', call: async () => {
    // a member whose mirror to the loyalty contract failed (a fresh one per call: a retried row is pending again)
    const member = await freshUser();
    await t.db.call('loyalty_enrol', { user_id: member });
    await t.sql("insert into traqora.loyalty_chain_syncs (member_id, status, attempts, error) values ($1, 'failed', 5, 'matrix')", [member]);
    return { params: { memberId: member }, body: { reason: 'RPC was down' } };
  } },
  { method: 'GET', pattern: '/api/v1/admin/loyalty/chain-reconciliation', permission: 'rewards.manage', call: async () => ({ params: {}, query: '?limit=5' }) },
  { method: 'POST', pattern: '/api/v1/admin/loyalty/chain-reconciliation/[memberId]/requeue', permission: 'rewards.manage', call: async () => {
    // a member a finished reconciliation reported (a fresh one per call: a re-queued mismatch is a 409)
    const member = await freshUser();
    const address = Keypair.random().publicKey();
    await t.db.call('loyalty_enrol', { user_id: member });
    await t.sql("insert into traqora.loyalty_chain_syncs (member_id, version, synced_version, status, sent_version, address, points, tier) values ($1, 1, 1, 'confirmed', 1, $2, 0, 'blue')", [member, address]);
    const [run] = await t.sql<{ id: number }>("insert into traqora.loyalty_chain_reconciliations (source, status, checked, mismatched, finished_at) values ('job', 'done', 1, 1, now()) returning id::int");
    await t.sql(`insert into traqora.loyalty_chain_mismatches (run_id, member_id, kinds, address, engine_points, engine_tier, version, synced_version, sync_status, chain_points, chain_tier, chain_sync_seq)
                 values ($1, $2, array['points'], $3, 0, 'blue', 1, 1, 'confirmed', 50, 'blue', 1)`, [run.id, member, address]);
    return { params: { memberId: member }, body: { run_id: run.id, reason: 'chain disagrees' } };
  } },
  { method: 'GET', pattern: '/api/v1/admin/loyalty/fee-rebates', permission: 'rewards.manage', call: async () => ({ params: {}, query: '?status=failed&limit=5' }) },
  { method: 'POST', pattern: '/api/v1/admin/loyalty/fee-rebates/[chainBookingId]/retry', permission: 'rewards.manage', call: async () => {
    // a rebate given up after its attempts (a fresh one per call: a retried rebate is pending again)
    const member = await freshUser();
    await t.db.call('loyalty_enrol', { user_id: member });
    const id = String(Math.floor(Math.random() * 1e12));
    await t.sql(`insert into traqora.loyalty_fee_rebates (chain_booking_id, member_id, pnr, release_tx, release_event_id, fee_minor, tier, bps, amount_minor, currency, address, status, attempts, error)
                 values ($1, $2, 'MATRIX', $3, 'matrix', 800, 'gold', 2500, 200, 'USD', $4, 'failed', 5, 'matrix')`, [id, member, 'a'.repeat(64), Keypair.random().publicKey()]);
    return { params: { chainBookingId: id }, body: { reason: 'treasury topped up' } };
  } },
  { method: 'GET', pattern: '/api/v1/admin/loyalty/airdrops', permission: 'rewards.manage', call: async () => ({ params: {}, query: '?limit=5' }) },
  { method: 'POST', pattern: '/api/v1/admin/loyalty/airdrops', permission: 'rewards.manage', call: async () => ({
    params: {}, body: { batch_id: crypto.randomUUID(), kind: 'points', points: 10, reason: 'matrix airdrop', recipients: [await freshUser()] } }) },
  { method: 'GET', pattern: '/api/v1/admin/loyalty/airdrops/[id]', permission: 'rewards.manage', call: async () => ({ params: { id: await matrixAirdrop() } }) },
  { method: 'POST', pattern: '/api/v1/admin/loyalty/airdrops/[id]/run', permission: 'rewards.manage', call: async () => ({ params: { id: await matrixAirdrop() }, query: '?limit=5' }) },
  { method: 'GET', pattern: '/api/v1/admin/notifications/deliveries', permission: 'notifications.manage', call: async () => ({ params: {}, query: '?status=dead&limit=5' }) },
  { method: 'POST', pattern: '/api/v1/admin/notifications/deliveries/[id]/retry', permission: 'notifications.manage', call: async () => {
    const user = await freshUser();
    const { created: [n] } = await t.db.call<{ created: number[] }>('create_notifications', { items: [{ user_id: user, type: 'booking_paid', source_key: 'matrix', title: 'T', body: 'B', channels: {} }] });
    const [d] = await t.sql<{ id: number }>("insert into traqora.notification_deliveries (notification_id, channel, status, attempts, last_error) values ($1, 'email', 'dead', 5, 'matrix') returning id::int", [n]);
    return { params: { id: String(d.id) }, body: { reason: 'matrix' } };
  } },
  { method: 'GET', pattern: '/api/v1/admin/rate-limits', permission: 'rate_limits.manage', call: async () => ({ params: {} }) },
  { method: 'POST', pattern: '/api/v1/admin/rate-limits', permission: 'rate_limits.manage',
    call: async () => ({ params: {}, body: { cidr: `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.0/24`, action: 'deny', note: 'matrix' } }) },
  { method: 'DELETE', pattern: '/api/v1/admin/rate-limits/[id]', permission: 'rate_limits.manage', call: async () => {
    const rule = await t.db.call<{ id: number }>('add_rate_limit_rule', { ctx: rootCtx(), cidr: `172.16.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}/32`, action: 'allow', note: null });
    return { params: { id: String(rule.id) } };
  } },
  { method: 'GET', pattern: '/api/v1/admin/api-keys', permission: 'rate_limits.manage', call: async () => ({ params: {}, query: '?plan=standard&limit=3' }) },
  { method: 'PATCH', pattern: '/api/v1/admin/api-keys/[id]', permission: 'rate_limits.manage', call: async () => {
    const user = await freshUser();
    const fresh = generateKey();
    const key = await t.db.call<{ id: string }>('create_api_key', { ctx: { actor: user, role: 'traveller', reason: null, ip: null, request_id: 'matrix-key-0001' },
      name: 'Matrix key', scope: 'read', expires_at: null, prefix: fresh.prefix, secret_hash: fresh.hash });
    return { params: { id: key.id }, body: { plan: 'partner', reason: 'matrix' } };
  } },
  { method: 'GET', pattern: '/api/v1/admin/disputes', permission: 'disputes.manage', call: async () => ({ params: {}, query: '?status=open&limit=3' }) },
  { method: 'POST', pattern: '/api/v1/admin/disputes/[id]/evidence-request', permission: 'disputes.manage',
    call: async () => ({ params: { id: await openedDispute() }, body: { message: 'Please add your boarding pass.' } }) },
  { method: 'POST', pattern: '/api/v1/admin/disputes/[id]/resolution', permission: 'disputes.manage', call: async () => {
    const id = await openedDispute();
    const [{ held }] = await t.sql<{ held: number }>('select held_minor::int as held from traqora.disputes where id = $1', [id]);
    return { params: { id }, body: { refund_minor: 1000, airline_minor: held - 1000, fee_minor: 0, reason: 'matrix split' } };
  } },
  { method: 'POST', pattern: '/api/v1/admin/disputes/[id]/escalation', permission: 'disputes.manage',
    call: async () => { await ensureJurors(); return { params: { id: await openedDispute() }, body: { reason: 'for the jury' } }; } },
  { method: 'POST', pattern: '/api/v1/admin/disputes/[id]/tally', permission: 'disputes.manage', call: async () => ({ params: { id: await revealedDispute() } }) },
  { method: 'POST', pattern: '/api/v1/admin/disputes/[id]/verdict', permission: 'disputes.manage', call: async () => {
    const id = await revealedDispute();
    await t.db.call('jury_tally', { ctx: rootCtx(), dispute_id: id });
    await t.db.call('governance_advance_clock', { seconds: 3 * 86_400 });
    return { params: { id } };
  } },
];

/** A fresh traveller's open dispute on a paid booking (with a PNG). */
async function openedDispute(): Promise<string> {
  const pnr = await paidPnr();
  const [{ user }] = await t.sql<{ user: string }>('select user_id as user from traqora.bookings where pnr = $1', [pnr]);
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('matrix evidence')]).toString('base64');
  return (await t.db.call<{ id: string }>('open_dispute', { user_id: user, pnr, reason: 'The airline denied boarding without cause.', files: [{ name: 'pass.png', content: png }] })).id;
}
let jurorsReady = false;
async function ensureJurors(): Promise<void> {
  if (!jurorsReady) {
    // three jurors who are never slashed keep every fixture drawable
    await t.db.call('set_governed_parameter', { key: 'disputes.jury_size', value: 3, actor: null, source: 'admin' });
    await t.db.call('set_governed_parameter', { key: 'disputes.slash_bps', value: 0, actor: null, source: 'admin' });
    const ids = await Promise.all([1, 2, 3, 4].map(() => freshUser()));
    await t.db.call('trq_distribute', { ctx: rootCtx(), reason: 'matrix jurors', recipients: ids.map((user_id) => ({ user_id, amount: '10000000000' })) });
    for (const id of ids) await t.db.call('jury_opt_in', { user_id: id, amount: '1000000000' });
    jurorsReady = true;
  }
}
/** An escalated dispute whose jury's windows have passed (nobody voted), ready to tally. */
async function revealedDispute(): Promise<string> {
  await ensureJurors();
  const id = await openedDispute();
  await t.db.call('escalate_dispute', { ctx: rootCtx(), id });
  await t.db.call('draw_jury', { dispute_id: id });
  await t.db.call('governance_advance_clock', { seconds: 4 * 86_400 });
  return id;
}

let held: string | undefined;
async function heldBooking(): Promise<string> {
  if (!held) {
    const user = await traveller(t, 'Matrix Booker');
    held = (await book(t, user, await nonstop(t, 'JFK', 'LHR'))).booking.pnr;
  }
  return held;
}

const ADMIN_API = path.join(process.cwd(), 'app/api/v1/admin');

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? routeFiles(path.join(dir, e.name)) : e.name === 'route.ts' ? [path.join(dir, e.name)] : []);
}
const patternOf = (file: string) => '/' + path.relative(process.cwd(), path.dirname(file)).split(path.sep).slice(1).join('/');

async function send(e: Endpoint, c: Call, viewer: Viewer | null): Promise<Response> {
  state.viewer = viewer;
  const url = e.pattern.replace(/\[(\w+)\]/g, (_, k: string) => c.params[k]) + (c.query ?? '');
  const req = new NextRequest(new URL(url, 'http://t.test'), {
    method: e.method,
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.9, 10.0.0.1', ...c.headers },
    body: c.body === undefined ? undefined : JSON.stringify(c.body),
  });
  const mod = (await import(/* @vite-ignore */ path.join(process.cwd(), 'app', e.pattern, 'route.ts'))) as Record<string, Handler>;
  return mod[e.method](req, { params: Promise.resolve(c.params) });
}

const auditCount = async () => (await t.sql<{ n: number }>('select count(*)::int as n from traqora.audit_log'))[0].n;

describe('admin role matrix', () => {
  it('covers every method of every admin route file', () => {
    const declared = routeFiles(ADMIN_API).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^export const (GET|POST|PUT|PATCH|DELETE)\b/gm)].map((m) => `${m[1]} ${patternOf(file)}`));
    expect(ENDPOINTS.map((e) => `${e.method} ${e.pattern}`).sort()).toEqual(declared.sort());
  });

  const callers: (Role | 'signed-out')[] = ['signed-out', ...ROLES];
  for (const e of ENDPOINTS) {
    describe(`${e.method} ${e.pattern} (${e.permission})`, () => {
      for (const caller of callers) {
        const allowed = caller !== 'signed-out' && (PERMISSIONS[e.permission] as readonly Role[]).includes(caller);
        const expected = caller === 'signed-out' ? 401 : allowed ? '2xx' : 403;
        it(`${caller} → ${expected}`, async () => {
          const viewer = caller === 'signed-out' ? null : await viewerFor(caller, `Matrix ${caller}`);
          const call = await e.call();
          const before = await auditCount();
          const res = await send(e, call, viewer);
          const audited = (await auditCount()) - before;
          if (expected === '2xx') {
            expect(res.status, await res.clone().text()).toBeGreaterThanOrEqual(200);
            expect(res.status).toBeLessThan(300);
            // every admin mutation writes exactly one audit row, naming the role acted in
            expect(audited).toBe(e.method === 'GET' ? 0 : 1);
            if (e.method !== 'GET') {
              const [row] = await t.sql<{ actor: string; actor_role: string; ip: string; request_id: string }>('select * from traqora.audit_log order by id desc limit 1');
              // the address the nearest proxy saw (RATE_LIMIT_PROXY_HOPS = 1 from the right, lib/http/client-address.ts)
              expect(row).toMatchObject({ actor: viewer!.id, actor_role: caller, ip: '10.0.0.1', request_id: res.headers.get('x-request-id') });
            }
          } else {
            expect(res.status).toBe(expected);
            expect(res.headers.get('content-type')).toBe('application/problem+json');
            if (expected === 403) expect(await res.json()).toMatchObject({ status: 403, permission: e.permission });
            expect(audited).toBe(0);
          }
        });
      }
    });
  }
});
