import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Booking } from '@/lib/bookings/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { traveller } from '@/tests/support/booking-fixtures';
import { summary } from '@/tests/support/loyalty-fixtures';
import { heldBooking, holdsOf, payOnChain, quoteRef } from '@/tests/support/quote-hold-fixtures';

// The soroban rail's side of points paying part of a wallet payment (supabase/routines/
// 90_soroban_rail.sql, hold_chain_payment_points): the server prices the discount, signs the
// quote, then holds the points under the quote's signature in one transaction with a fresh look at
// the booking. A discount that moved in between holds nothing. On the devnet, the whole path:
// tests/devnet/chain-points.test.ts.

let t: TestDatabase;
let admin: string;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 14 });
  admin = (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'admin', name: 'Points admin' })).id;
});
afterAll(async () => { await t?.close(); });

let n = 0;
async function member(points: number) {
  const user = await traveller(t, `Holder${++n}`);
  await t.db.call('loyalty_adjust', { ctx: { actor: admin, role: 'admin', reason: 'Test points', ip: null, request_id: `hold-${n}` }, user_id: user, points, key: `chain-hold-key-${n}-${Date.now()}` });
  return user;
}
const hold = (user: string, b: Booking, points: number, discount: number, opts: { ref?: string; expiresAt?: string } = {}) =>
  t.db.call<{ points: number; discount_minor: number; balance: number; hold_id: number }>('hold_chain_payment_points', {
    user_id: user, pnr: b.pnr, points, quote_ref: opts.ref ?? quoteRef(), discount_minor: discount,
    expires_at: opts.expiresAt ?? new Date(Math.min(Date.parse(b.hold_expires_at), Date.now() + 15 * 60_000)).toISOString(),
  });

describe('points held for a signed wallet quote', () => {
  it('holds the points the quote was priced with, and the confirmation of that quote spends them', async () => {
    const user = await member(5_000);
    const b = await heldBooking(t, user);
    const ref = quoteRef();
    expect(await hold(user, b, 1_234, 12_34, { ref })).toMatchObject({ points: 1_234, discount_minor: 12_34, balance: 5_000 - 1_234 });
    expect(await holdsOf(t, b.id)).toMatchObject([{ quote_ref: ref, points: 1_234, status: 'held' }]);
    expect((await summary(t, user)).points.active).toBe(5_000);
    await payOnChain(t, user, b, ref);
    expect(await holdsOf(t, b.id)).toMatchObject([{ status: 'spent' }]);
    expect((await summary(t, user)).points.active).toBe(5_000 - 1_234);
  });

  it('holds nothing when the discount moved since the quote was priced, or the ask is refused', async () => {
    const user = await member(1_000);
    const b = await heldBooking(t, user);
    await expect(hold(user, b, 500, 4_99)).rejects.toMatchObject({ status: 409, field: 'points' });
    await expect(hold(user, b, 1_001, 10_01)).rejects.toMatchObject({ status: 409, field: 'points' });
    expect(await holdsOf(t, b.id)).toEqual([]);
    await t.sql("update traqora.bookings set currency = 'EUR' where id = $1", [b.id]);
    await expect(hold(user, b, 500, 5_00)).rejects.toMatchObject({ status: 422, field: 'points' });
    await t.sql("update traqora.bookings set currency = 'USD' where id = $1", [b.id]);
    expect(await holdsOf(t, b.id)).toEqual([]);
  });

  it('refuses a malformed quote ref, a quote outliving the seat hold, and another traveller’s booking', async () => {
    const user = await member(1_000);
    const b = await heldBooking(t, user);
    await expect(hold(user, b, 100, 1_00, { ref: 'not-a-signature' })).rejects.toMatchObject({ status: 400, field: 'quote_ref' });
    await expect(hold(user, b, 100, 1_00, { expiresAt: new Date(Date.parse(b.hold_expires_at) + 1000).toISOString() })).rejects.toMatchObject({ status: 400, field: 'expires_at' });
    const stranger = await member(1_000);
    await expect(hold(stranger, b, 100, 1_00)).rejects.toMatchObject({ status: 404 });
    expect(await holdsOf(t, b.id)).toEqual([]);
  });
});
