import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LeaderboardEntry, ProfileSettings, PublicProfile } from '@/lib/loyalty/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { nonstop, traveller } from '@/tests/support/booking-fixtures';
import { balanceMismatches, flyAndRelease, paidBooking, runLoyalty } from '@/tests/support/loyalty-fixtures';

// Public profiles and the leaderboard (supabase/routines/95_loyalty.sql): private by default,
// published under a handle, showing nothing private; the board ranks published members only.

let t: TestDatabase;
const year = new Date().getUTCFullYear();
beforeAll(async () => { t = await openTestDatabase({ seed: true, scheduleDays: 14 }); });
afterAll(async () => { await t?.close(); });
afterEach(async () => { expect(await balanceMismatches(t)).toEqual([]); });

const settings = (user: string) => t.db.call<ProfileSettings>('loyalty_profile_settings', { user_id: user });
const setProfile = (user: string, pub: boolean, handle: string | null) => t.db.call<ProfileSettings>('loyalty_set_profile', { user_id: user, public: pub, handle });
const profile = (handle: string) => t.db.call<PublicProfile | null>('loyalty_public_profile', { handle });
interface Board { year: number; members: number; data: LeaderboardEntry[]; next: { tier_credits: number; handle: string } | null }
const board = (opts: { after?: Board['next']; limit?: number; y?: number } = {}) =>
  t.db.call<Board>('loyalty_leaderboard', { year: opts.y ?? year, after_credits: opts.after?.tier_credits ?? null, after_handle: opts.after?.handle ?? null, limit: opts.limit ?? 50 });
/** Every handle on the board, paging `limit` at a time. */
async function allHandles(limit: number) {
  const seen: string[] = [];
  let after: Board['next'] = null;
  do {
    const page = await board({ after, limit });
    seen.push(...page.data.map((e) => e.handle));
    after = page.next;
  } while (after);
  return seen;
}
/** Active tier credits (and as many points) posted the way the engine posts them. */
async function credit(user: string, amount: number) {
  await t.sql('select traqora.loyalty_member_for_update($1)', [user]);
  await t.sql("select traqora.loyalty_post($1, 'tier_credits', $2, 'active', 'test credits', 'adjustment', null, null, null)", [user, amount]);
}

describe('public profiles', () => {
  it('are private by default: a member with points and trips has no profile and is on no board', async () => {
    const ada = await traveller(t, 'Ada Private');
    const it0 = await nonstop(t, 'JFK', 'LHR');
    await paidBooking(t, ada, it0, 'standard');
    await runLoyalty(t);
    await flyAndRelease(t, it0);
    await runLoyalty(t);
    expect(await settings(ada)).toEqual({ public: false, handle: null });
    expect(await board()).toMatchObject({ members: 0, data: [], next: null });
  });

  it('shows the handle, tier, badges, trips and tier credits of a published member, and nothing private', async () => {
    const grace = await traveller(t, 'Grace Public');
    const it0 = await nonstop(t, 'JFK', 'LHR');
    await paidBooking(t, grace, it0, 'flex');
    await runLoyalty(t);
    await flyAndRelease(t, it0);
    await runLoyalty(t);
    expect(await setProfile(grace, true, 'grace-h')).toEqual({ public: true, handle: 'grace-h' });

    const p = await profile('GRACE-H');   // any case finds it
    expect(p).toMatchObject({ handle: 'grace-h', tier: 'blue', trips: 1, tier_credits: { year }, member_since: expect.stringMatching(/^\d{4}-\d{2}$/) });
    expect(p!.tier_credits.total).toBeGreaterThan(0);
    expect(p!.badges.map((b) => b.code)).toContain('first_flight');
    // exactly these keys: nothing added to the profile slips out unnoticed
    expect(Object.keys(p!).sort()).toEqual(['badges', 'handle', 'member_since', 'tier', 'tier_credits', 'trips']);
    expect(Object.keys(p!.badges[0]).sort()).toEqual(['code', 'description', 'name']);
    const [user] = await t.sql<{ email: string | null; display_name: string }>('select email, display_name from traqora.users where id = $1', [grace]);
    const text = JSON.stringify(p);
    for (const secret of [grace, user.display_name, 'Grace', it0.flight_ids[0].toString(), 'JFK', 'LHR', ...(user.email ? [user.email] : [])]) {
      expect(text).not.toContain(secret);
    }
  });

  it('disappears from the profile page and the board as soon as the member hides it; the handle stays theirs', async () => {
    const lin = await traveller(t, 'Lin Hider');
    const other = await traveller(t, 'Other Taker');
    await credit(lin, 700);
    await setProfile(lin, true, 'lin');
    expect((await board()).data.map((e) => e.handle)).toContain('lin');

    expect(await setProfile(lin, false, null)).toEqual({ public: false, handle: 'lin' });
    expect(await profile('lin')).toBeNull();
    expect((await board()).data.map((e) => e.handle)).not.toContain('lin');
    // the handle is still reserved: someone else cannot take over a link shared earlier
    await expect(setProfile(other, true, 'lin')).rejects.toMatchObject({ status: 409, field: 'handle' });
    // publishing again with the kept handle
    expect(await setProfile(lin, true, null)).toEqual({ public: true, handle: 'lin' });
    expect(await profile('lin')).toMatchObject({ handle: 'lin' });
    await setProfile(lin, false, null);
  });

  it('refuses a malformed handle and publishing without one, naming the handle, and writes nothing', async () => {
    const sam = await traveller(t, 'Sam Refused');
    await expect(setProfile(sam, true, null)).rejects.toMatchObject({ status: 422, field: 'handle' });
    for (const bad of ['ab', 'sam@example.com', 'sam.smith', '-sam', 'Sam', 'x'.repeat(31)]) {
      await expect(setProfile(sam, true, bad)).rejects.toMatchObject({ status: 422, field: 'handle' });
    }
    expect(await settings(sam)).toEqual({ public: false, handle: null });
    const events = await t.sql("select 1 from traqora.domain_events where type = 'loyalty.profile_changed' and aggregate_id = $1", [sam]);
    expect(events).toHaveLength(0);
  });

  it('emits loyalty.profile_changed on a change, and nothing when the settings stay the same', async () => {
    const kai = await traveller(t, 'Kai Events');
    await setProfile(kai, true, 'kai');
    await setProfile(kai, true, 'kai');
    await setProfile(kai, false, null);
    const events = await t.sql<{ payload: Record<string, unknown> }>("select payload from traqora.domain_events where type = 'loyalty.profile_changed' and aggregate_id = $1 order by id", [kai]);
    expect(events.map((e) => e.payload)).toEqual([
      { user_id: kai, public: true, handle: 'kai' },
      { user_id: kai, public: false, handle: 'kai' },
    ]);
  });
});

describe('the leaderboard', () => {
  it('ranks published members by tier credits this year, ties by handle, pages without repeats or gaps', async () => {
    const credits: Record<string, number> = { 'lb-a': 900, 'lb-b': 500, 'lb-c': 500, 'lb-d': 100, 'lb-e': 0 };
    for (const [handle, amount] of Object.entries(credits)) {
      const user = await traveller(t, `Board ${handle}`);
      if (amount) await credit(user, amount);
      await setProfile(user, true, handle);
    }
    const hidden = await traveller(t, 'Board Hidden');
    await credit(hidden, 5000);                      // the most credits, but never published
    await setProfile(hidden, false, 'lb-hidden');    // a handle chosen, still private

    const first = await board({ limit: 2 });
    const mine = (await board({ limit: 100 })).data.filter((e) => e.handle.startsWith('lb-'));
    expect(mine.map((e) => [e.handle, e.tier_credits])).toEqual([['lb-a', 900], ['lb-b', 500], ['lb-c', 500], ['lb-d', 100], ['lb-e', 0]]);
    // equal credits, equal rank; the next rank skips (competition ranking)
    const rank = Object.fromEntries(mine.map((e) => [e.handle, e.rank]));
    expect(rank['lb-b']).toBe(rank['lb-c']);
    expect(rank['lb-d']).toBe(rank['lb-b'] + 2);
    expect(first.data).toHaveLength(2);
    expect(first.next).not.toBeNull();

    for (const limit of [1, 2, 3]) {
      const handles = await allHandles(limit);
      expect(new Set(handles).size).toBe(handles.length);
      expect(handles).toEqual((await board({ limit: 100 })).data.map((e) => e.handle));
      expect(handles).not.toContain('lb-hidden');
    }
  });

  it('counts only the year asked for', async () => {
    const old = await traveller(t, 'Board Last Year');
    await credit(old, 300);
    await setProfile(old, true, 'lb-old');
    const lastYear = await board({ y: year - 1, limit: 100 });
    expect(lastYear.data.find((e) => e.handle === 'lb-old')).toMatchObject({ tier_credits: 0 });
    expect((await board({ limit: 100 })).data.find((e) => e.handle === 'lb-old')).toMatchObject({ tier_credits: 300 });
  });
});
