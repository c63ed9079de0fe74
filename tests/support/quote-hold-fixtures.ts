import type { Booking } from '@/lib/bookings/types';
import { problemFromSqlState } from '@/lib/db/port';
import type { TestDatabase } from './database';
import { book, nonstop } from './booking-fixtures';

// Points held for a wallet payment (supabase/routines/95_loyalty.sql): the hold the quote's
// transaction writes, and a booking paid on chain the way the soroban rail records it
// (record_chain_payment, then confirm_chain_payment naming the quote it paid).

export const PAYER = 'GBRPYHIL2CI3FNQ4BXLFMNDLFJUNPU2HY3ZMFSHONUCEOASW7QC7OX2H';

export interface QuoteHold {
  hold_id: number;
  quote_ref: string;
  points: number;
  discount_minor: number;
  currency: string;
  status: 'held' | 'spent' | 'dropped' | 'lapsed';
  shortfall_points: number;
  balance: number;
  replayed: boolean;
  expires_at: string;
}

let n = 0;
const unique = (width: number, pad: string) => `${process.pid.toString(16)}${(++n).toString(16)}`.padStart(width, pad);
/** A quote's ref: the hex of a 64-byte signature. */
export const quoteRef = () => unique(128, 'c');
export const txHash = () => unique(64, 'b');

/** A traqora-schema function through raw SQL, its problems mapped as the port maps them. */
export async function sqlCall<T>(t: TestDatabase, text: string, values: unknown[]): Promise<T> {
  try {
    return (await t.sql<{ r: T }>(text, values))[0].r;
  } catch (err) {
    const e = err as { code?: string; message: string; detail?: string };
    throw problemFromSqlState(e.code, e.message, e.detail) ?? err;
  }
}

export function holdForQuote(t: TestDatabase, user: string, booking: Booking, points: number,
                             opts: { ref?: string; expiresAt?: Date; currency?: string } = {}): Promise<QuoteHold> {
  return sqlCall<QuoteHold>(t, 'select traqora.loyalty_hold_for_quote($1, $2, $3, $4, $5, $6, $7, $8) as r', [
    user, booking.id, booking.pnr, booking.price.base_minor, opts.currency ?? 'USD', points, opts.ref ?? quoteRef(),
    (opts.expiresAt ?? new Date(Date.now() + 15 * 60_000)).toISOString()]);
}

export async function heldBooking(t: TestDatabase, user: string, family = 'flex'): Promise<Booking> {
  return (await book(t, user, await nonstop(t), { family })).booking;
}

/** The wallet's transaction recorded, then confirmed from RPC with the quote it paid. */
export async function payOnChain(t: TestDatabase, user: string, booking: Booking, quoteRef: string | null, tx = txHash()) {
  await t.db.call('record_chain_payment', { user_id: user, pnr: booking.pnr, tx_hash: tx, payer: PAYER });
  return confirmOnChain(t, tx, quoteRef);
}

export function confirmOnChain(t: TestDatabase, tx: string, quoteRef: string | null) {
  return t.db.call<{ booking: Booking; replayed?: boolean }>('confirm_chain_payment',
    { tx_hash: tx, ledger: 4242, closed_at: new Date().toISOString(), payer: PAYER, quote_ref: quoteRef });
}

export async function holdsOf(t: TestDatabase, booking: string) {
  return t.sql<{ quote_ref: string; points: number; status: string; shortfall_points: number }>(
    'select quote_ref, points::int, status, shortfall_points::int from traqora.loyalty_quote_holds where booking_id = $1 order by id', [booking]);
}
