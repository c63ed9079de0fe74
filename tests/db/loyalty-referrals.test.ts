import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LoyaltyReferrals } from '@/lib/loyalty/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { nonstop, traveller, trialBalance } from '@/tests/support/booking-fixtures';
import { balanceMismatches, flyAndRelease, paidBooking, runLoyalty, summary } from '@/tests/support/loyalty-fixtures';

// Referrals (supabase/routines/93_referrals.sql): a claim records who invited whom; the referee's
// first flown trip pays both bonuses once, the referrer within a yearly cap; abuse is refused.

let t: TestDatabase;
let admin: string;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 14 });
  admin = (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'admin', name: 'Referral admin' })).id;
});
afterAll(async () => { await t?.close(); });
afterEach(async () => {
  expect(await balanceMismatches(t)).toEqual([]);
  expect(Object.values(await trialBalance(t)).every((v) => v === 0)).toBe(true);
});

const setParameter = (key: string, value: number) => t.db.call('set_governed_parameter', { key, value, actor: admin, source: 'admin' });
const claim = (user: string, code: string) => t.db.call<{ status: string; replayed: boolean; referrer_id: string }>('loyalty_claim_referral', { user_id: user, code });
const referrals = (user: string) => t.db.call<LoyaltyReferrals>('loyalty_referrals', { user_id: user });
/** A member with a referral code (enrolled on the page's first read, as the API does). */
async function referrer(name: string) {
  const user = await traveller(t, name);
  await t.sql('insert into traqora.loyalty_members (user_id) values ($1)', [user]);
  return { user, code: (await summary(t, user)).referral_code! };
}
/** The traveller books, flies and is released; the loyalty consumer runs after each step. */
async function flyFirstTrip(user: string, from = 'JFK', to = 'LHR') {
  const it0 = await nonstop(t, from, to);
  const booking = await paidBooking(t, user, it0, 'standard');
  await runLoyalty(t);
  await flyAndRelease(t, it0);
  await runLoyalty(t);
  return booking;
}
const referralRows = (user: string) => t.sql<{ amount: string }>("select amount from traqora.loyalty_ledger where member_id = $1 and source = 'referral'", [user]);

describe('referrals', () => {
  it("a referee's first flown trip pays both bonuses once; later trips and re-delivered events pay nothing more", async () => {
    const { user: alice, code } = await referrer('Alice Referrer');
    const bob = await traveller(t, 'Bob Referee');
    expect(await claim(bob, code.toLowerCase())).toMatchObject({ status: 'claimed', referrer_id: alice, replayed: false });
    expect(await claim(bob, code)).toMatchObject({ replayed: true });    // the same claim again: idempotent
    expect((await referrals(alice)).referees).toEqual([expect.objectContaining({ name: 'Bob R.', status: 'joined', points: 0 })]);

    const booking = await flyFirstTrip(bob);
    expect((await referralRows(bob)).map((r) => Number(r.amount))).toEqual([1000]);
    expect((await referralRows(alice)).map((r) => Number(r.amount))).toEqual([2000]);
    expect(await referrals(alice)).toMatchObject({ this_year: { rewarded: 1, cap: 10 }, bonus: { referrer: 2000, referee: 1000 },
      referees: [{ name: 'Bob R.', status: 'rewarded', points: 2000 }] });
    expect(await referrals(bob)).toMatchObject({ referred_by: { status: 'rewarded', points: 1000 } });
    const [event] = await t.sql<{ payload: Record<string, unknown> }>("select payload from traqora.domain_events where type = 'loyalty.referral_rewarded' and aggregate_id = $1", [bob]);
    expect(event.payload).toMatchObject({ referrer_id: alice, referee_id: bob, booking_id: booking.id, referee_points: 1000, referrer_points: 2000 });

    // a second trip, and the whole outbox delivered again, pay nothing more
    await flyFirstTrip(bob, 'LHR', 'JFK');
    for (const { id } of await t.sql<{ id: string }>("select id from traqora.domain_events where type like 'booking.%' and payload->>'user_id' = $1", [bob])) {
      await t.db.call('loyalty_handle_event', { event_id: Number(id) });
    }
    expect(await referralRows(bob)).toHaveLength(1);
    expect(await referralRows(alice)).toHaveLength(1);
  });

  it('refuses self-referral (own code, a shared wallet), a second referrer, a cycle, a flown traveller and unknown codes; nothing is written', async () => {
    const { user: carol, code } = await referrer('Carol Host');
    const { code: otherCode } = await referrer('Other Host');
    await expect(claim(carol, code)).rejects.toMatchObject({ status: 422, field: 'code' });
    await expect(claim(carol, 'nope')).rejects.toMatchObject({ status: 400, field: 'code' });
    await expect(claim(carol, 'ABCDEF12')).rejects.toMatchObject({ status: 404, field: 'code' });

    // the same person's second account: its wallet paid a booking of Carol's on chain
    const twin = await traveller(t, 'Carol Twin');
    const address = 'G' + 'A'.repeat(55);
    await t.sql('insert into traqora.wallets (address, user_id) values ($1, $2)', [address, twin]);
    const it0 = await nonstop(t, 'JFK', 'LHR');
    const held = await paidBooking(t, carol, it0, 'standard');
    await t.sql("insert into traqora.chain_payments (tx_hash, booking_id, user_id, payer) values ($1, $2, $3, $4)", ['ab'.repeat(32), held.id, carol, address]);
    await expect(claim(twin, code)).rejects.toMatchObject({ status: 422, field: 'code', message: expect.stringMatching(/wallet/) });

    const dan = await traveller(t, 'Dan Joiner');
    await claim(dan, code);
    await expect(claim(dan, otherCode)).rejects.toMatchObject({ status: 409, field: 'code' });
    // Carol cannot join with the code of someone she referred
    const danCode = (await summary(t, dan)).referral_code!;
    await expect(claim(carol, danCode)).rejects.toMatchObject({ status: 422, field: 'code' });

    // a traveller who has flown already cannot claim
    const flown = await traveller(t, 'Already Flown');
    await flyFirstTrip(flown, 'LHR', 'JFK');
    await expect(claim(flown, code)).rejects.toMatchObject({ status: 409, field: 'code' });

    expect((await referrals(carol)).referees.map((r) => r.name)).toEqual(['Dan J.']);
  });

  it('a referrer earns at most the yearly cap; referees beyond it still earn theirs', async () => {
    await setParameter('loyalty.referral_yearly_cap', 1);
    try {
      const { user: erin, code } = await referrer('Erin Capped');
      const [f1, f2] = [await traveller(t, 'First Friend'), await traveller(t, 'Second Friend')];
      await claim(f1, code);
      await claim(f2, code);
      await flyFirstTrip(f1);
      await flyFirstTrip(f2, 'LHR', 'JFK');
      expect((await referralRows(erin)).map((r) => Number(r.amount))).toEqual([2000]);
      expect((await referralRows(f2)).map((r) => Number(r.amount))).toEqual([1000]);
      const page = await referrals(erin);
      expect(page.this_year).toEqual({ rewarded: 1, cap: 1 });
      expect(page.referees.map((r) => r.status).sort()).toEqual(['capped', 'rewarded']);
    } finally {
      await setParameter('loyalty.referral_yearly_cap', 10);
    }
  });
});

describe('the referees list', () => {
  type Page = LoyaltyReferrals & { referees_next: { claimed_at: string; tie: string } | null };
  it('pages newest first on the claim, with no repeat and no gap while friends keep joining', async () => {
    const { user: gina, code } = await referrer('Gina Pager');
    const before: string[] = [];
    // friends joining in one transaction share a claim time: the tie-break keeps them apart
    for (let i = 0; i < 7; i++) {
      const friend = await traveller(t, `Friend${i} Early`);
      await claim(friend, code);
      before.unshift(`Friend${i} E.`);
    }
    await t.sql("update traqora.loyalty_referrals set claimed_at = '2026-01-02T03:04:05.123456Z' where referrer_id = $1 and referee_id in (select id from traqora.users where display_name in ('Friend2 Early', 'Friend3 Early', 'Friend4 Early'))", [gina]);
    const order = (await t.sql<{ name: string }>(
      `select split_part(u.display_name, ' ', 1) || ' E.' as name from traqora.loyalty_referrals r join traqora.users u on u.id = r.referee_id
       where r.referrer_id = $1 order by r.claimed_at desc, md5(r.referee_id::text) desc`, [gina])).map((r) => r.name);
    expect(order.slice().sort()).toEqual(before.slice().sort());

    const seen: string[] = [];
    let after: Page['referees_next'] = null;
    let pages = 0;
    do {
      const page: Page = await t.db.call('loyalty_referrals', { user_id: gina, after, limit: 2 });
      seen.push(...page.referees.map((r) => r.name));
      after = page.referees_next;
      pages++;
      await claim(await traveller(t, `Late${pages} Joiner`), code);    // lands above the first page
    } while (after && pages < 20);
    expect(pages).toBe(4);
    expect(seen).toEqual(order);
    const fresh = await t.db.call<Page>('loyalty_referrals', { user_id: gina, limit: 100 });
    expect(fresh.referees.map((r) => r.name)).toEqual(['Late4 J.', 'Late3 J.', 'Late2 J.', 'Late1 J.', ...order]);
    expect(fresh.referees_next).toBeNull();
    expect((await t.db.call<Page>('loyalty_referrals', { user_id: gina, limit: 0 })).referees).toHaveLength(1);
  });

  it('answers GET /loyalty/referrals with nextCursor, and a cursor it did not issue is a 400 naming query.cursor', async () => {
    const { vi } = await import('vitest');
    const { user: hal, code } = await referrer('Hal Route');
    for (let i = 0; i < 3; i++) await claim(await traveller(t, `Routed${i} Friend`), code);
    vi.doMock('@/lib/db/connect', () => ({ db: async () => t.db }));
    vi.doMock('@/lib/auth/viewer', async () => ({
      getViewer: async () => ({ id: hal, roles: [], source: 'dev', name: 'Hal Route' }), isAccountSuspended: async () => false }));
    try {
      const route = await import('@/app/api/v1/loyalty/referrals/route');
      const { NextRequest } = await import('next/server');
      const get = async (q: string) => {
        const res = await route.GET(new NextRequest(new URL(`/api/v1/loyalty/referrals${q}`, 'http://t.test')), { params: Promise.resolve({}) });
        return { status: res.status, body: await res.json() };
      };
      const first = await get('?limit=2');
      expect(first.status).toBe(200);
      expect(first.body.data).toMatchObject({ code, referees: [{ name: 'Routed2 F.' }, { name: 'Routed1 F.' }] });
      expect(first.body.data).not.toHaveProperty('referees_next');
      const second = await get(`?limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body).toMatchObject({ data: { code, referees: [{ name: 'Routed0 F.' }] }, nextCursor: null });
      for (const cursor of ['abc', Buffer.from(JSON.stringify({ claimed_at: 'yesterday', tie: 'x' })).toString('base64url')]) {
        const bad = await get(`?cursor=${cursor}`);
        expect({ status: bad.status, fields: bad.body.errors.map((e: { field: string }) => e.field) }).toEqual({ status: 400, fields: ['query.cursor'] });
      }
    } finally {
      vi.doUnmock('@/lib/db/connect');
      vi.doUnmock('@/lib/auth/viewer');
    }
  });
});
