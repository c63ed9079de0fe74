import { Keypair } from '@stellar/stellar-sdk';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/types';
import type { ChainJuryCases } from '@/lib/disputes/chain/cases';
import { book, nonstop, traveller } from '@/tests/support/booking-fixtures';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

// GET /api/v1/disputes/chain/cases (the on-chain jury's list on /disputes) on a real database:
// keyset pages on (executed, created_at, id) that walk every case once while cases are filed
// meanwhile; a case executed while a client pages is listed again, never skipped; a bad cursor or
// limit is a 400 naming it. And the juror's rewards: the contract is read (a get_round_result
// simulation, counted here at readContract, the app's one door to a contract read) only for
// rounds the viewer revealed in on the side the round decided, and not at all once the claim is
// indexed. tests/devnet/chain-dispute.test.ts reads the same rewards from the real contract.

const state = vi.hoisted(() => ({
  db: undefined as unknown,
  viewer: null as unknown,
  chain: { rpcUrl: 'http://rpc.invalid', networkPassphrase: 'Test SDF Network ; September 2015', contractId: 'CDISPUTES' } as unknown,
  reads: [] as { fn: string; args: unknown }[],
  rpcDown: false,
}));
vi.mock('@/lib/db/connect', () => ({ db: async () => state.db }));
vi.mock('@/lib/auth/viewer', () => ({ getViewer: async () => state.viewer, isAccountSuspended: async () => false }));
vi.mock('@/lib/disputes/chain/target', () => ({ disputesChain: () => state.chain }));
vi.mock('@/lib/stellar/contracts/read', () => ({
  readContract: async (_calls: unknown, _target: unknown, fn: string, args: unknown) => {
    state.reads.push({ fn, args });
    if (state.rpcDown) throw new Error('connect ECONNREFUSED');
    return { pot: 1_000n, majority_weight: 3_000n };
  },
}));

let t: TestDatabase;
let me: Viewer;
let booking: string;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 14 });
  state.db = t.db;
  me = { ...(await t.db.call<Omit<Viewer, 'source'>>('upsert_dev_persona', { role: 'traveller', name: 'Chain Juror' })), wallets: [], source: 'dev' };
  booking = (await book(t, me.id, await nonstop(t))).booking.id;
});
afterAll(async () => { await t?.close(); });
beforeEach(() => { state.reads = []; state.rpcDown = false; });

type Route = { GET: (req: NextRequest, ctx?: unknown) => Promise<Response> };
async function list(query: string, viewer: Viewer = me): Promise<Response> {
  state.viewer = viewer;
  const mod = (await import('@/app/api/v1/disputes/chain/cases/route')) as unknown as Route;
  return mod.GET(new NextRequest(new URL(`/api/v1/disputes/chain/cases${query}`, 'http://t.test')), { params: Promise.resolve({}) });
}
async function page(query: string, viewer?: Viewer): Promise<ChainJuryCases> {
  const res = await list(query, viewer);
  expect(res.status).toBe(200);
  return res.json();
}

/**
 * Cases as the contract's records would leave them, written straight into the tables (this
 * list's keyset is under test, not the filing: a real filing freezes its booking, so 120 of them
 * would need 120 bookings). `n` cases share `created_at` (null: now), to exercise the id tie-break.
 */
async function cases(n: number, opts: { executed?: boolean; createdAt?: Date | null } = {}): Promise<string[]> {
  const rows = await t.sql<{ id: string }>(`
    with d as (
      insert into traqora.disputes (booking_id, opened_by, reason, status, held_minor, currency, jury, created_at)
      select b.id, b.user_id, 'Filed with the on-chain jury of the disputes contract.', 'closed', 0, 'USD', 'chain', coalesce($3::timestamptz, now())
      from traqora.bookings b, generate_series(1, $2::int) where b.id = $1 returning id, created_at)
    insert into traqora.chain_disputes (dispute_id, chain_dispute_id, chain_booking_id, filer, claim, stake, status, round, verdict, commit_end, reveal_end, created_at)
    select d.id, (select coalesce(max(chain_dispute_id), 0) from traqora.chain_disputes) + row_number() over (), '1', $4, 1, 250000000,
           case when $5 then 'executed' else 'voting' end, 1, case when $5 then 1 end, now() + interval '1 hour', now() + interval '2 hours', d.created_at
    from d returning dispute_id as id`,
  [booking, n, opts.createdAt ?? null, Keypair.random().publicKey(), opts.executed ?? false]);
  return rows.map((r) => r.id);
}
/** Every case in the list's order, read straight from the table: the oracle the pages must match. */
const inOrder = async () => (await t.sql<{ id: string }>(
  "select dispute_id as id from traqora.chain_disputes order by status = 'executed', created_at desc, dispute_id desc")).map((r) => r.id);

describe('paging the on-chain cases', () => {
  it('walks 120 cases with no duplicate and no gap while cases are filed between pages; in progress first, newest first', async () => {
    await t.sql('delete from traqora.chain_disputes');
    const base = Date.now() - 86_400_000;
    for (let batch = 0; batch < 12; batch++) {
      // ten cases per instant; every third batch already executed
      await cases(10, { executed: batch % 3 === 0, createdAt: new Date(base + batch * 60_000) });
    }
    const expected = await inOrder();
    expect(expected).toHaveLength(120);

    const seen: string[] = [];
    const filedMeanwhile: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const p: ChainJuryCases = await page(`?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(p.data.length).toBeLessThanOrEqual(7);
      seen.push(...p.data.map((c) => c.dispute_id));
      cursor = p.nextCursor;
      pages++;
      // a new filing meanwhile: in progress, the newest (a filing never starts executed)
      filedMeanwhile.push(...await cases(1));
    } while (cursor !== null && pages < 40);

    expect(pages).toBe(Math.ceil(120 / 7));
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(120);
    // in progress (80) before executed (40)
    const statuses = (await t.sql<{ id: string; executed: boolean }>("select dispute_id as id, status = 'executed' as executed from traqora.chain_disputes"));
    const executed = new Map(statuses.map((s) => [s.id, s.executed]));
    expect(seen.findIndex((id) => executed.get(id))).toBe(80);
    // the cases filed meanwhile are all on a fresh first walk, above the ones paged
    const fresh = await inOrder();
    expect(fresh).toHaveLength(120 + filedMeanwhile.length);
    expect(filedMeanwhile).toHaveLength(pages);
    const first = await page('?limit=50');
    expect(first.data.map((c) => c.dispute_id).slice(0, 5)).toEqual(fresh.slice(0, 5));
    expect([...filedMeanwhile].reverse().slice(0, 5)).toEqual(fresh.slice(0, 5));
  });

  it('a case executed while a client pages is listed again in the executed part, never skipped', async () => {
    await t.sql('delete from traqora.chain_disputes');
    const base = Date.now() - 3_600_000;
    for (let i = 0; i < 6; i++) await cases(1, { createdAt: new Date(base + i * 1000) });
    await cases(4, { executed: true, createdAt: new Date(base - 60_000) });
    const expected = await inOrder();

    const p1 = await page('?limit=3');
    // one already shown and one not yet reached are executed now
    const [shownId, unseenId] = [p1.data[0].dispute_id, expected[4]];
    await t.sql("update traqora.chain_disputes set status = 'executed', verdict = 1 where dispute_id = any($1::uuid[])", [[shownId, unseenId]]);
    const rest: string[] = [];
    let cursor = p1.nextCursor;
    while (cursor) {
      const p: ChainJuryCases = await page(`?limit=3&cursor=${encodeURIComponent(cursor)}`);
      rest.push(...p.data.map((c) => c.dispute_id));
      cursor = p.nextCursor;
    }
    const all = [...p1.data.map((c) => c.dispute_id), ...rest];
    expect(new Set(all)).toEqual(new Set(expected));
    expect(all.filter((id) => id === shownId)).toHaveLength(2);
    expect(all.filter((id) => id === unseenId)).toHaveLength(1);
    expect(all).toHaveLength(expected.length + 1);
  });

  it('answers a cursor it did not issue, or a bad limit, with a 400 problem naming it', async () => {
    const forged = Buffer.from(JSON.stringify({ executed: 'no', created_at: 'yesterday', id: 'x' })).toString('base64url');
    for (const [query, field] of [['?cursor=abc', 'query.cursor'], [`?cursor=${forged}`, 'query.cursor'], ['?limit=0', 'query.limit'], ['?limit=51', 'query.limit'], ['?limit=two', 'query.limit']] as const) {
      const res = await list(query);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(((await res.json()) as { errors: { field: string }[] }).errors[0].field).toBe(field);
    }
    expect((await list('', null as unknown as Viewer)).status).toBe(401);
  });
});

describe('the juror’s rewards on the list', () => {
  const jurors = Array.from({ length: 3 }, () => Keypair.random().publicKey());
  let ledger = 100;
  let chainId = 9_000;

  /** One `disputes` contract event as the indexer offers it, applied by the chain-disputes consumer's function. */
  async function indexed(action: string, fields: Record<string, unknown>, txHash = Math.random().toString(16).slice(2).padEnd(64, '0')) {
    ledger++;
    const [{ id }] = await t.sql<{ id: string }>("select traqora.emit_event('chain.event_indexed', 'chain_event', $1, $2::jsonb) as id", [`ev-${ledger}`, JSON.stringify({
      chain_event_id: `ev-${ledger}`, ledger, closed_at: new Date().toISOString(), contract: 'disputes', action, successful: true, tx_hash: txHash,
      fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])),
    })]);
    expect(await t.db.call('chain_dispute_event', { event_id: Number(id) })).toMatchObject({ applied: true });
  }
  /** A case filed on a fresh booking, revealed by `reveals` ([juror, vote 1 refund | 2 release, weight]) and tallied for `verdict`. */
  async function tallied(reveals: [number, 1 | 2, number][], verdict: 1 | 2): Promise<{ disputeId: string; chainId: string }> {
    const user = await traveller(t, `Filer ${chainId}`);
    const b = (await book(t, user, await nonstop(t, 'LHR', 'JFK'))).booking;
    const [{ booking_id: chainBooking }] = await t.sql<{ booking_id: string }>('select traqora.chain_booking_id($1, 1) as booking_id', [b.id]);
    const id = String(++chainId);
    const now = Math.floor(Date.now() / 1000);
    await indexed('filed', { dispute_id: id, booking_id: chainBooking, filer: Keypair.random().publicKey(), claim: 1, stake: 250000000, commit_end: now - 120, reveal_end: now - 60 });
    for (const [j, vote, weight] of reveals) await indexed('revealed', { dispute_id: id, juror: jurors[j], round: 1, vote, weight });
    const weight = (v: number) => reveals.filter((r) => r[1] === v).reduce((s, r) => s + r[2], 0);
    await indexed('decided', { dispute_id: id, round: 1, verdict, refund_weight: weight(1), release_weight: weight(2) });
    const [{ dispute_id: disputeId }] = await t.sql<{ dispute_id: string }>('select dispute_id from traqora.chain_disputes where chain_dispute_id = $1', [id]);
    return { disputeId, chainId: id };
  }
  const rewardsOf = (p: ChainJuryCases, disputeId: string) => p.data.find((c) => c.dispute_id === disputeId)?.rewards;

  it('reads the contract only for rounds the viewer revealed in on the winning side, and not once the claim is indexed', async () => {
    await t.sql('delete from traqora.chain_disputes');
    await cases(15);                                                            // nobody revealed: no reward anywhere
    const won = await tallied([[0, 1, 1_000], [1, 1, 2_000], [2, 2, 500]], 1);  // juror 0 with the majority
    const lost = await tallied([[0, 2, 1_000], [1, 1, 2_000]], 1);             // juror 0 on the losing side
    const absent = await tallied([[1, 1, 2_000], [2, 2, 500]], 1);             // juror 0 did not serve
    const claimedTx = 'c'.repeat(64);
    const claimed = await tallied([[0, 1, 1_000], [1, 1, 2_000]], 1);
    await indexed('reward_claimed', { dispute_id: claimed.chainId, juror: jurors[0], round: 1, amount: 333 }, claimedTx);

    const juror0: Viewer = { ...me, wallets: [jurors[0]] };
    const listed = await page('?limit=50', juror0);
    expect(listed.data).toHaveLength(19);
    // one simulation: get_round_result of the case juror 0 won and has not claimed
    expect(state.reads.map((r) => r.fn)).toEqual(['get_round_result']);
    expect(state.reads[0].args).toEqual({ dispute_id: BigInt(won.chainId), round: 1 });
    // pot × weight ÷ majority weight, floored (1,000 × 1,000 ÷ 3,000)
    expect(rewardsOf(listed, won.disputeId)).toEqual([{ round: 1, juror: jurors[0], amount: '333', claimed: null }]);
    expect(rewardsOf(listed, lost.disputeId)).toEqual([]);
    expect(rewardsOf(listed, absent.disputeId)).toEqual([]);
    // the claim's own event says what it paid: no read
    expect(rewardsOf(listed, claimed.disputeId)).toEqual([{ round: 1, juror: jurors[0], amount: '333', claimed: { tx_hash: claimedTx } }]);
    expect(listed.data.find((c) => c.dispute_id === claimed.disputeId)!.chain.events.find((e) => e.action === 'reward_claimed'))
      .toMatchObject({ amount: '333', account: jurors[0], tx_hash: claimedTx });

    // a viewer with no wallet, or one who never served, costs no read at all
    state.reads = [];
    await page('?limit=50');
    await page('?limit=50', { ...me, wallets: [Keypair.random().publicKey()] });
    expect(state.reads).toEqual([]);
    // an RPC failure hides that case's rewards for this load; the list still answers
    state.rpcDown = true;
    expect(rewardsOf(await page('?limit=50', juror0), won.disputeId)).toEqual([]);
  });
});
