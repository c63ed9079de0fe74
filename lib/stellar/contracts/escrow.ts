import { TOKEN_DECIMALS, tokenUnits } from '@/lib/stellar/token-units';
import { contractCalls } from './calls';
import { address, amount, i128, u64 } from './values';

// The booking escrow (contracts/escrow): the calls the app makes. Payments themselves are
// `pay_quoted` with a server-signed quote (lib/payments/soroban/quote.ts); settlement is the
// server signer's release and cancellation.

export { TOKEN_DECIMALS } from '@/lib/stellar/token-units';

/** App money (integer minor units, 2 decimals) as token base units; a payment is never zero. */
export function toTokenUnits(minor: number | bigint, decimals = TOKEN_DECIMALS): bigint {
  if (BigInt(minor) <= 0n) throw new RangeError('amount must be positive');
  return tokenUnits(minor, decimals);
}

export interface PayForBooking {
  passenger: string;
  bookingId: bigint;
  flightId: bigint;
  amount: bigint;
  seat: string;
}

const booking = (id: bigint) => u64('booking id', id);

/** The escrow's arguments for each call the app makes, by the spec's parameter names. */
export const escrowArgs = {
  pay_for_booking: (p: PayForBooking) => ({
    passenger: address('passenger', p.passenger), booking_id: booking(p.bookingId), flight_id: u64('flight id', p.flightId),
    amount: amount('amount', p.amount), seat: p.seat,
  }),
  release_payment_to_airline: (caller: string, bookingId: bigint) => ({ caller: address('caller', caller), booking_id: booking(bookingId) }),
  refund_passenger: (caller: string, bookingId: bigint) => ({ caller: address('caller', caller), booking_id: booking(bookingId) }),
  settle_cancellation: (caller: string, bookingId: bigint, refund: bigint) => {
    if (i128('refund', refund) < 0n) throw new RangeError('refund must not be negative');
    return { caller: address('caller', caller), booking_id: booking(bookingId), refund };
  },
  expire: (bookingId: bigint) => ({ booking_id: booking(bookingId) }),
  get_booking: (bookingId: bigint) => ({ booking_id: booking(bookingId) }),
  get_config: () => ({}),
};

export type EscrowCall = keyof typeof escrowArgs;

export interface EscrowResults {
  /** The booking as native values (i128/u64 as bigint, addresses as strings). */
  get_booking: Record<string, unknown>;
  /** The escrow's configuration: `token` (the payment token), `treasury`, `fee_bps`, … */
  get_config: Record<string, unknown>;
}

export const escrow = contractCalls<typeof escrowArgs, EscrowResults>('escrow', escrowArgs);
