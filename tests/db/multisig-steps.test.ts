import { randomBytes } from 'node:crypto';
import { Keypair } from '@stellar/stellar-sdk';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { multisigChainStandIn } from '@/tests/support/multisig-chain-stand-in';

// POST /api/v1/admin/multisig/proposals/{id}/steps: the server believes a signer's approval or
// execution only as RPC reports it (here a stand-in; the real host in tests/devnet), writes one
// audit row per transaction, replays a second report, and refuses what the transaction is not.

const state = vi.hoisted(() => ({ db: undefined as unknown, viewer: null as unknown, multisig: null as unknown }));
vi.mock('@/lib/db/connect', () => ({ db: async () => state.db }));
vi.mock('@/lib/auth/viewer', () => ({ getViewer: async () => state.viewer, isAccountSuspended: async () => false }));
vi.mock('@/lib/settlements/multisig-chain', () => ({ multisigChain: () => state.multisig }));

let t: TestDatabase;
let finance: Viewer;
beforeAll(async () => {
  t = await openTestDatabase({ seed: false });
  state.db = t.db;
  finance = { ...(await t.db.call<Omit<Viewer, 'source'>>('upsert_dev_persona', { role: 'finance', name: 'Multisig Finance' })), source: 'dev' };
  state.viewer = finance;
}, 120_000);
afterAll(async () => { await t?.close(); });

async function post(id: string, body: unknown) {
  const { POST } = await import('@/app/api/v1/admin/multisig/proposals/[id]/steps/route');
  const req = new NextRequest(new URL(`/api/v1/admin/multisig/proposals/${id}/steps`, 'http://t.test'), {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return POST(req, { params: Promise.resolve({ id }) });
}
const audits = (resource: string) => t.sql<{ action: string; actor: string; actor_role: string; after: Record<string, unknown> }>(
  "select action, actor, actor_role, after from traqora.audit_log where resource_type = 'multisig_proposal' and resource_id = $1 order by id", [resource]);

describe('a signer’s multisig step, confirmed from RPC', () => {
  it('audits an approval once, with the signer, hash and approvals the chain reported; a second report replays it', async () => {
    const chain = multisigChainStandIn({ step: 'approve', proposalId: 41n });
    state.multisig = chain;
    const hash = randomBytes(32).toString('hex');
    const body = { step: 'approve', tx_hash: hash.toUpperCase(), signer: chain.signer.publicKey() };
    const first = await post('41', body);
    expect(first.status).toBe(201);
    expect((await first.json()).data).toMatchObject({ proposal_id: '41', step: 'approve', signer: chain.signer.publicKey(), tx_hash: hash, approvals: 2, replayed: false });
    const again = await post('41', body);
    expect(again.status).toBe(200);
    expect((await again.json()).data).toMatchObject({ replayed: true, tx_hash: hash });
    const rows = await audits(`${chain.contractId}/41`);
    expect(rows).toEqual([{ action: 'multisig.approved', actor: finance.id, actor_role: 'finance',
      after: { signer: chain.signer.publicKey(), tx_hash: hash, approvals: 2, ledger: 1234 } }]);
  });

  it('refuses a transaction that is not this step, proposal or signer (422 naming tx_hash), and writes nothing', async () => {
    const chain = multisigChainStandIn({ step: 'approve', proposalId: 42n });
    state.multisig = chain;
    const signer = chain.signer.publicKey();
    for (const [id, body, why] of [
      ['43', { step: 'approve', signer }, 'another proposal'],
      ['42', { step: 'approve', signer: Keypair.random().publicKey() }, 'another signer'],
      ['42', { step: 'execute', signer }, 'not an execution'],
    ] as const) {
      const res = await post(id, { ...body, tx_hash: randomBytes(32).toString('hex') });
      expect(res.status, why).toBe(422);
      expect((await res.json()).errors, why).toEqual([expect.objectContaining({ field: 'tx_hash' })]);
    }
    state.multisig = multisigChainStandIn({ step: 'approve', proposalId: 42n, signer: chain.signer, status: 'FAILED' });
    expect((await post('42', { step: 'approve', signer, tx_hash: randomBytes(32).toString('hex') })).status).toBe(422);
    expect(await t.sql("select 1 from traqora.audit_log where resource_type = 'multisig_proposal' and resource_id like '%/42'")).toEqual([]);
  });

  it('answers 202 until RPC has seen the transaction, 503 while RPC does not answer, 409 without a configured multisig, 400 naming bad fields, 404 for no proposal number', async () => {
    state.multisig = multisigChainStandIn({ status: 'NOT_FOUND' });
    const pending = await post('7', { step: 'approve', signer: Keypair.random().publicKey(), tx_hash: randomBytes(32).toString('hex') });
    expect(pending.status).toBe(202);
    state.multisig = { ...multisigChainStandIn(), getTransaction: async () => { throw new Error('connect ECONNREFUSED'); } };
    const down = await post('7', { step: 'approve', signer: Keypair.random().publicKey(), tx_hash: randomBytes(32).toString('hex') });
    expect(down.status).toBe(503);
    expect(down.headers.get('content-type')).toBe('application/problem+json');
    state.multisig = null;
    const off = await post('7', { step: 'approve', signer: Keypair.random().publicKey(), tx_hash: randomBytes(32).toString('hex') });
    expect(off.status).toBe(409);
    const bad = await post('7', { step: 'sign', signer: 'GNOPE', tx_hash: 'abc' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.signer', 'body.step', 'body.tx_hash']);
    expect((await post('x7', { step: 'approve', signer: Keypair.random().publicKey(), tx_hash: randomBytes(32).toString('hex') })).status).toBe(404);
  });
});
