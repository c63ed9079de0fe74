import { Contract, StrKey, type xdr } from '@stellar/stellar-sdk';
import { contractSpec } from '@/lib/stellar/specs';
import { TOKEN_DECIMALS, tokenUnits } from '@/lib/stellar/token-units';

// Invocations of the escrow contract the app makes, encoded from the committed interface spec
// (contracts/spec/escrow.json) with stellar-sdk's contract.Spec — never by hand — so a change to
// the contract's signature fails the tests here instead of on chain.

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

function account(what: string, address: string) {
  if (!StrKey.isValidEd25519PublicKey(address) && !StrKey.isValidContract(address)) throw new TypeError(`${what} must be a Stellar address`);
  return address;
}

function u64(what: string, v: bigint) {
  if (v < 0n || v >= 2n ** 64n) throw new RangeError(`${what} must fit in a u64`);
  return v;
}

/** The escrow's arguments for each call the app makes, by the spec's parameter names. */
export const escrowArgs = {
  pay_for_booking: (p: PayForBooking) => ({
    passenger: account('passenger', p.passenger), booking_id: u64('booking id', p.bookingId), flight_id: u64('flight id', p.flightId),
    amount: p.amount > 0n ? p.amount : (() => { throw new RangeError('amount must be positive'); })(), seat: p.seat,
  }),
  release_payment_to_airline: (caller: string, bookingId: bigint) => ({ caller: account('caller', caller), booking_id: u64('booking id', bookingId) }),
  refund_passenger: (caller: string, bookingId: bigint) => ({ caller: account('caller', caller), booking_id: u64('booking id', bookingId) }),
  settle_cancellation: (caller: string, bookingId: bigint, refund: bigint) => ({
    caller: account('caller', caller), booking_id: u64('booking id', bookingId),
    refund: refund >= 0n ? refund : (() => { throw new RangeError('refund must not be negative'); })(),
  }),
  expire: (bookingId: bigint) => ({ booking_id: u64('booking id', bookingId) }),
  get_booking: (bookingId: bigint) => ({ booking_id: u64('booking id', bookingId) }),
} as const;

export type EscrowCall = keyof typeof escrowArgs;

/** The ScVal arguments of an escrow call, in the spec's order and types. */
export function encodeEscrowArgs<F extends EscrowCall>(fn: F, args: ReturnType<(typeof escrowArgs)[F]>): xdr.ScVal[] {
  return contractSpec('escrow').funcArgsToScVals(fn, args as Record<string, unknown>);
}

/** The invoke-contract operation for an escrow call on the given contract. */
export function escrowOperation<F extends EscrowCall>(contractId: string, fn: F, args: ReturnType<(typeof escrowArgs)[F]>): xdr.Operation {
  return new Contract(contractId).call(fn, ...encodeEscrowArgs(fn, args));
}

/** A get_booking result as native values (i128/u64 as bigint, addresses as strings). */
export function decodeEscrowBooking(result: xdr.ScVal | string): Record<string, unknown> {
  return contractSpec('escrow').funcResToNative('get_booking', result) as Record<string, unknown>;
}
