import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { book, nonstop, traveller } from '@/tests/support/booking-fixtures';

// The traveller lists (bookings, wallet entries, on-chain history) page by keyset: a row written
// while a client pages lands above the first page, so walking the pages sees every row that
// existed when paging began exactly once, whatever is added in between.

let t: TestDatabase;
beforeAll(async () => { t = await openTestDatabase({ seed: true, scheduleDays: 14 }); });
afterAll(async () => { await t?.close(); });

type Page<T> = { data: T[]; next: unknown };

/** Walks every page of a list, calling `between` after each page (to insert rows meanwhile). */
async function walk<T>(fetch: (after: unknown) => Promise<Page<T>>, between: () => Promise<void>): Promise<{ rows: T[]; pages: number }> {
  const rows: T[] = [];
  let after: unknown = null;
  let pages = 0;
  do {
    const page = await fetch(after);
    rows.push(...page.data);
    pages++;
    after = page.next;
    await between();
  } while (after !== null && pages < 50);
  return { rows, pages };
}

describe('list_bookings', () => {
  it('pages newest first with no duplicate and no skip while bookings are made', async () => {
    const user = await traveller(t, 'Pager');
    const itinerary = await nonstop(t);
    const before: string[] = [];
    for (let i = 0; i < 7; i++) before.unshift((await book(t, user, itinerary)).booking.pnr);
    const added: string[] = [];
    const { rows, pages } = await walk<{ pnr: string }>(
      async (after) => {
        const a = after as { created_at: string; id: string } | null;
        return t.db.call('list_bookings', { user_id: user, after_created_at: a?.created_at ?? null, after_id: a?.id ?? null, limit: 3 });
      },
      async () => { added.push((await book(t, user, itinerary)).booking.pnr); });
    expect(pages).toBe(3);
    expect(rows.map((b) => b.pnr)).toEqual(before);
    // The rows added meanwhile are all on a fresh first page.
    const fresh = await t.db.call<Page<{ pnr: string }>>('list_bookings', { user_id: user, limit: 100 });
    expect(fresh.data.map((b) => b.pnr)).toEqual([...added].reverse().concat(before));
    expect(fresh.next).toBeNull();
  });

  it('bounds the limit and shows nobody else’s bookings', async () => {
    const user = await traveller(t, 'Bounded');
    const itinerary = await nonstop(t);
    for (let i = 0; i < 2; i++) await book(t, user, itinerary);
    expect((await t.db.call<Page<unknown>>('list_bookings', { user_id: user, limit: 0 })).data).toHaveLength(1);
    expect((await t.db.call<Page<unknown>>('list_bookings', { user_id: user, limit: 1000 })).data).toHaveLength(2);
    const stranger = await traveller(t, 'Stranger');
    expect(await t.db.call('list_bookings', { user_id: stranger })).toEqual({ data: [], next: null });
  });
});

describe('wallet_history', () => {
  it('pages the entries by posting while payments land, the balance always the whole account’s', async () => {
    const user = await traveller(t, 'Spender');
    const itinerary = await nonstop(t);
    const pay = async () => {
      const { booking } = await book(t, user, itinerary);
      await t.db.call('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: 5_000_000 });
    };
    for (let i = 0; i < 4; i++) await pay();                 // a deposit, then four payments
    const all = await t.db.call<{ entries: { id: number; kind: string }[]; next: number | null; balance_minor: number }>('wallet_history', { user_id: user, limit: 100 });
    expect(all.entries.map((e) => e.kind)).toEqual(['payment', 'payment', 'payment', 'payment', 'demo_deposit']);
    expect(all.next).toBeNull();
    const seen: number[] = [];
    let after: number | null = null;
    let balance = 0;
    do {
      const page: { entries: { id: number }[]; next: number | null; balance_minor: number } =
        await t.db.call('wallet_history', { user_id: user, after_posting: after, limit: 2 });
      seen.push(...page.entries.map((e) => e.id));
      balance = page.balance_minor;
      after = page.next;
      await pay();
    } while (after !== null);
    expect(seen).toEqual(all.entries.map((e) => e.id));
    expect(balance).toBeLessThan(all.balance_minor);             // three more payments since
    expect(Object.keys(all)).not.toContain('posting');
    expect(all.entries.every((e) => !('posting' in e))).toBe(true);
  });
});

describe('chain_wallet_history', () => {
  it('pages on when each entry was written, stable while payments are recorded and confirmed', async () => {
    const payer = 'GBRPYHIL2CI3FNQ4BXLFMNDLFJUNPU2HY3ZMFSHONUCEOASW7QC7OX2H';
    const user = await traveller(t, 'Chained');
    const { booking } = await book(t, user, await nonstop(t));
    let n = 0;
    const tx = () => (++n).toString(16).padStart(64, 'c');
    const failed = async () => {
      const h = tx();
      await t.db.call('record_chain_payment', { user_id: user, pnr: booking.pnr, tx_hash: h, payer });
      await t.db.call('fail_chain_payment', { tx_hash: h, error: 'refused' });
      return h;
    };
    const before: string[] = [];
    for (let i = 0; i < 5; i++) before.unshift(await failed());
    type K = { created_at: string; kind: string; ref: string };
    const { rows, pages } = await walk<{ tx_hash: string }>(
      async (after) => {
        const a = after as K | null;
        return t.db.call('chain_wallet_history', { user_id: user, after_created_at: a?.created_at ?? null, after_kind: a?.kind ?? null, after_ref: a?.ref ?? null, limit: 2 });
      },
      async () => { await failed(); });
    expect(pages).toBe(3);
    expect(rows.map((e) => e.tx_hash)).toEqual(before);
    const fresh = await t.db.call<Page<{ tx_hash: string; status: string }>>('chain_wallet_history', { user_id: user, limit: 100 });
    expect(fresh.data).toHaveLength(8);
    expect(fresh.data.every((e) => e.status === 'failed' && !('k' in e))).toBe(true);
  });
});
