import { Keypair } from '@stellar/stellar-sdk';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { admin, distribute, TRQ } from '@/tests/support/governance-fixtures';

// POST/GET /api/v1/governance/trq/transfers through the route handler: 201 then 200 for a retried
// Idempotency-Key, problem+json naming the field for every bad input (nothing moves), the
// recipient by linked wallet, and the history with nextCursor. (Schema refusals name `body.<field>`,
// the database's name the argument.)

const state = vi.hoisted(() => ({ db: undefined as unknown, viewer: null as unknown }));
vi.mock('@/lib/db/connect', () => ({ db: async () => state.db }));
vi.mock('@/lib/auth/viewer', () => ({ getViewer: async () => state.viewer, isAccountSuspended: async () => false }));

let t: TestDatabase;
let me: Viewer;
let payee: Viewer;
const persona = async (name: string): Promise<Viewer> => ({ ...(await t.db.call<Omit<Viewer, 'source'>>('upsert_dev_persona', { role: 'traveller', name })), source: 'dev' });
beforeAll(async () => {
  t = await openTestDatabase({ seed: false });
  state.db = t.db;
  me = await persona('Api Sender');
  payee = await persona('Api Payee');
  await distribute(t, await admin(t, 'Api Admin'), [[me.id, 100n]]);
});
afterAll(async () => { await t?.close(); });

type Route = Record<string, (req: NextRequest, ctx?: unknown) => Promise<Response>>;
async function call(method: 'GET' | 'POST', opts: { query?: string; body?: unknown; key?: string | null; viewer?: Viewer | null } = {}) {
  state.viewer = opts.viewer === undefined ? me : opts.viewer;
  const mod = (await import('@/app/api/v1/governance/trq/transfers/route')) as unknown as Route;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.key) headers['idempotency-key'] = opts.key;
  const req = new NextRequest(new URL(`/api/v1/governance/trq/transfers${opts.query ?? ''}`, 'http://t.test'), {
    method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  return mod[method](req, { params: Promise.resolve({}) });
}
const balance = async (id: string) => BigInt((await t.db.call<{ balance: string }>('trq_account', { holder: id })).balance);
const fieldOf = async (res: Response) => {
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  return ((await res.json()) as { errors?: Array<{ field: string }> }).errors?.[0]?.field;
};

describe('TRQ transfers API', () => {
  it('sends once per Idempotency-Key: 201, then 200 with the same transfer', async () => {
    const body = { to: payee.id, amount: '12.5', memo: 'for the coffee proposal' };
    const first = await call('POST', { body, key: 'api-transfer-0001' });
    expect(first.status).toBe(201);
    const sent = await first.json();
    expect(sent).toMatchObject({ replayed: false, transfer: { direction: 'out', amount: '125000000', counterparty: { id: payee.id } }, account: { balance: String(875n * TRQ / 10n) } });
    const again = await call('POST', { body, key: 'api-transfer-0001' });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ replayed: true, transfer: { id: sent.transfer.id } });
    expect(await balance(payee.id)).toBe(125n * TRQ / 10n);
    expect(await fieldOf(await call('POST', { body: { ...body, amount: '13' }, key: 'api-transfer-0001' }))).toBe('Idempotency-Key');
  });

  it('refuses bad input with a 4xx naming the field, moving nothing', async () => {
    const before = await balance(me.id);
    const cases: Array<[unknown, string | null, number, string]> = [
      [{ to: payee.id, amount: '1' }, null, 400, 'Idempotency-Key'],
      [{ to: payee.id, amount: '0' }, 'api-bad-00000001', 400, 'body.amount'],
      [{ to: payee.id, amount: '1.12345678' }, 'api-bad-00000002', 400, 'body.amount'],
      [{ to: payee.id, amount: 5 }, 'api-bad-00000003', 400, 'body.amount'],
      [{ to: 'nobody', amount: '1' }, 'api-bad-00000004', 400, 'body.to'],
      [{ to: payee.id, amount: '1000' }, 'api-bad-00000005', 409, 'amount'],
      [{ to: me.id, amount: '1' }, 'api-bad-00000006', 422, 'to'],
      [{ to: '00000000-0000-4000-8000-000000000000', amount: '1' }, 'api-bad-00000007', 404, 'to'],
      [{ to: Keypair.random().publicKey(), amount: '1' }, 'api-bad-00000008', 422, 'to'],
      [{ to: payee.id, amount: '1', memo: 'x'.repeat(201) }, 'api-bad-00000009', 400, 'body.memo'],
    ];
    for (const [body, key, status, field] of cases) {
      const res = await call('POST', { body, key });
      expect([res.status, await fieldOf(res)], JSON.stringify(body)).toEqual([status, field]);
    }
    expect((await call('POST', { body: { to: payee.id, amount: '1' }, key: 'api-anon-000001', viewer: null })).status).toBe(401);
    expect(await balance(me.id)).toBe(before);
  });

  it('sends to a wallet linked to an account', async () => {
    const wallet = Keypair.random().publicKey();
    await t.sql('insert into traqora.wallets (address, user_id) values ($1, $2)', [wallet, payee.id]);
    const before = await balance(payee.id);
    const res = await call('POST', { body: { to: wallet, amount: '2' }, key: 'api-wallet-00001' });
    expect(res.status).toBe(201);
    expect(await balance(payee.id)).toBe(before + 2n * TRQ);
  });

  it('lists the viewer\'s movements with nextCursor, and only theirs', async () => {
    const page1 = await (await call('GET', { query: '?limit=2' })).json();
    expect(page1.data).toHaveLength(2);
    expect(page1.data[0].direction).toBe('out');
    expect(page1.nextCursor).toBe(page1.data[1].id);
    const page2 = await (await call('GET', { query: `?limit=2&cursor=${page1.nextCursor}` })).json();
    expect(page2).toMatchObject({ data: [{ kind: 'distribution', direction: 'in', counterparty: null }], nextCursor: null });
    const theirs = await (await call('GET', { viewer: payee })).json();
    expect(theirs.data.every((m: { direction: string }) => m.direction === 'in')).toBe(true);
    expect(await fieldOf(await call('GET', { query: '?cursor=abc' }))).toBe('query.cursor');
  });
});
