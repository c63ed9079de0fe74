import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { holder } from '@/tests/support/governance-fixtures';

// Soroban-rail proposals in the database (supabase/routines/97_governance.sql): the check before
// the wallet signs writes nothing, the propose transaction records one proposal (once), and the
// proposal's state follows what the governor says once voting is over there; the database alone
// neither cancels nor queues it.

let t: TestDatabase;
beforeAll(async () => { t = await openTestDatabase({ seed: false }); });
afterAll(async () => { await t?.close(); });

const HOUR = 3_600_000;
const hex = (c: string) => c.repeat(32);
interface P { id: number; state: string; rail: string; queued_at: string | null; chain: { tx_hash: string; state: string | null; eta_ledger: number | null; snapshot_ledger: number } }
const count = async () => Number((await t.sql<{ n: string }>('select count(*) n from traqora.proposals'))[0].n);

describe('governance_create_chain_proposal', () => {
  it('checks without writing, records the propose transaction once, and follows the governor once voting is over there', async () => {
    const me = await holder(t, 'Chain Proposer');
    const other = await holder(t, 'Chain Other');
    const fields = { proposer: me, kind: 'parameter', title: 'Fee on chain', body: '', changes: [{ key: 'platform.fee_bps', value: 260 }] };
    const before = await count();
    expect(await t.db.call('governance_create_chain_proposal', fields)).toEqual({ ok: true });
    await expect(t.db.call('governance_create_chain_proposal', { ...fields, changes: [{ key: 'platform.fee_bps', value: 1e9 }] })).rejects.toMatchObject({ status: 422, field: 'changes[0].value' });
    expect(await count()).toBe(before);

    const now = Date.now();
    const chain = { chain_proposal_id: hex('c1'), tx_hash: hex('a1'), snapshot_ledger: 1720, deadline_ledger: 19000,
      vote_start: new Date(now + HOUR).toISOString(), vote_end: new Date(now + 25 * HOUR).toISOString() };
    const p = await t.db.call<P>('governance_create_chain_proposal', { ...fields, ...chain });
    expect(p).toMatchObject({ rail: 'soroban', state: 'pending', chain: { tx_hash: hex('a1'), state: null, snapshot_ledger: 1720 } });
    expect(await t.db.call<P>('governance_create_chain_proposal', { ...fields, ...chain })).toMatchObject({ id: p.id });
    await expect(t.db.call('governance_create_chain_proposal', { ...fields, ...chain, proposer: other })).rejects.toMatchObject({ status: 409, field: 'tx_hash' });
    await expect(t.db.call('governance_create_chain_proposal', { ...fields, ...chain, tx_hash: hex('a2') })).rejects.toMatchObject({ status: 409, field: 'tx_hash' });
    await expect(t.db.call('governance_cancel_proposal', { actor: me, id: p.id })).rejects.toMatchObject({ status: 409, field: 'id' });
    await expect(t.db.call('governance_queue', { actor: me, id: p.id })).rejects.toMatchObject({ status: 409, field: 'id' });

    // the governor's 'active' changes nothing (the ledgers' estimated times say pending); 'succeeded' is the state
    expect(await t.db.call<P>('governance_record_chain_state', { actor: null, id: p.id, state: 'active', eta_ledger: null, eta: null })).toMatchObject({ state: 'pending', chain: { state: 'active' } });
    const due = () => t.db.call<{ chain: Array<{ id: number }> }>('governance_due');
    expect((await due()).chain.map((x) => x.id)).not.toContain(p.id);
    expect(await t.db.call<P>('governance_record_chain_state', { actor: null, id: p.id, state: 'succeeded', eta_ledger: null, eta: null })).toMatchObject({ state: 'succeeded' });
    expect((await due()).chain.map((x) => x.id)).toContain(p.id);
    const queued = await t.db.call<P>('governance_record_chain_state', { actor: null, id: p.id, state: 'queued', eta_ledger: 27700, eta: new Date(now + 12 * HOUR).toISOString() });
    expect(queued).toMatchObject({ state: 'queued', chain: { eta_ledger: 27700 } });
    expect(queued.queued_at).not.toBeNull();
    const events = await t.sql<{ n: string }>("select count(*) n from traqora.domain_events where type = 'proposal.queued' and aggregate_id = $1", [String(p.id)]);
    expect(Number(events[0].n)).toBe(1);
    // Executed on chain shows as queued until applied, then executed
    expect(await t.db.call<P>('governance_record_chain_state', { actor: null, id: p.id, state: 'executed', eta_ledger: null, eta: null })).toMatchObject({ state: 'queued', chain: { eta_ledger: 27700 } });
    expect(await t.db.call<P>('governance_apply_chain_execution', { ctx: {}, id: p.id })).toMatchObject({ state: 'executed' });
    await expect(t.db.call('governance_record_chain_state', { actor: null, id: p.id, state: 'nope', eta_ledger: null, eta: null })).rejects.toMatchObject({ status: 422, field: 'state' });
  });

  it('leaves a proposal the governor defeated out of the job\'s list', async () => {
    const me = await holder(t, 'Chain Loser');
    const now = Date.now();
    const p = await t.db.call<P>('governance_create_chain_proposal', { proposer: me, kind: 'parameter', title: 'Defeated on chain', body: '',
      changes: [{ key: 'platform.fee_bps', value: 270 }], chain_proposal_id: hex('c2'), tx_hash: hex('b1'), snapshot_ledger: 10, deadline_ledger: 20,
      vote_start: new Date(now + HOUR).toISOString(), vote_end: new Date(now + 2 * HOUR).toISOString() });
    expect(await t.db.call<P>('governance_record_chain_state', { actor: null, id: p.id, state: 'defeated', eta_ledger: null, eta: null })).toMatchObject({ state: 'defeated' });
    expect((await t.db.call<{ chain: Array<{ id: number }> }>('governance_due')).chain.map((x) => x.id)).not.toContain(p.id);
  });

  it('records a cancellation the proposer\'s wallet sent once, audited, and follows one the governor reports', async () => {
    const me = await holder(t, 'Chain Canceller');
    const other = await holder(t, 'Chain Bystander');
    const now = Date.now();
    const make = (c: string, tx: string) => t.db.call<P>('governance_create_chain_proposal', { proposer: me, kind: 'signal', title: `Withdrawn ${c}`, body: '', changes: null,
      chain_proposal_id: hex(c), tx_hash: hex(tx), snapshot_ledger: 10, deadline_ledger: 20,
      vote_start: new Date(now + HOUR).toISOString(), vote_end: new Date(now + 2 * HOUR).toISOString() });
    const ctx = (actor: string) => ({ actor, role: 'traveller', reason: null, ip: '127.0.0.1', request_id: 'test' });
    const p = await make('c3', 'd1');
    await expect(t.db.call('governance_record_chain_cancel', { ctx: ctx(other), id: p.id, tx_hash: hex('e1') })).rejects.toMatchObject({ status: 403, field: 'id' });
    await expect(t.db.call('governance_record_chain_cancel', { ctx: ctx(me), id: p.id, tx_hash: 'nope' })).rejects.toMatchObject({ status: 422, field: 'tx_hash' });
    const cancelled = await t.db.call<P & { cancelled_at: string | null }>('governance_record_chain_cancel', { ctx: ctx(me), id: p.id, tx_hash: hex('e1') });
    expect(cancelled).toMatchObject({ state: 'cancelled', chain: { state: 'cancelled' } });
    expect(cancelled.cancelled_at).not.toBeNull();
    // again: the same answer; one audit row with the transaction, one event
    expect(await t.db.call<P>('governance_record_chain_cancel', { ctx: ctx(me), id: p.id, tx_hash: hex('e1') })).toMatchObject({ state: 'cancelled' });
    const audits = await t.sql<{ actor: string; after: { tx_hash: string } }>("select actor, after from traqora.audit_log where action = 'proposal.cancelled' and resource_id = $1", [String(p.id)]);
    expect(audits).toEqual([{ actor: me, after: expect.objectContaining({ tx_hash: hex('e1'), rail: 'soroban' }) }]);
    const events = await t.sql<{ payload: { tx_hash: string } }>("select payload from traqora.domain_events where type = 'proposal.cancelled' and aggregate_id = $1", [String(p.id)]);
    expect(events.map((e) => e.payload.tx_hash)).toEqual([hex('e1')]);
    await expect(t.db.call('governance_apply_chain_execution', { ctx: {}, id: p.id })).rejects.toMatchObject({ status: 409 });

    // cancelled from the wallet elsewhere: the governor's state is enough, once
    const q = await make('c4', 'd2');
    const seen = await t.db.call<P & { cancelled_at: string | null }>('governance_record_chain_state', { actor: null, id: q.id, state: 'cancelled', eta_ledger: null, eta: null });
    expect(seen).toMatchObject({ state: 'cancelled' });
    expect(seen.cancelled_at).not.toBeNull();
    await t.db.call('governance_record_chain_state', { actor: null, id: q.id, state: 'cancelled', eta_ledger: null, eta: null });
    const followed = await t.sql<{ n: string }>("select count(*) n from traqora.domain_events where type = 'proposal.cancelled' and aggregate_id = $1", [String(q.id)]);
    expect(Number(followed[0].n)).toBe(1);
  });
});
