// How an app booking is named on chain. The escrow keys bookings by a u64
// (`pay_for_booking(passenger, booking_id: u64, …)`); the app keys them by a UUID and a PNR.
// A PNR is 6 characters from a 32-letter alphabet (no I, O, 0, 1), i.e. exactly 30 bits, so
// the on-chain id is the PNR read as a base-32 number: unique because PNRs are, reversible
// without a lookup table, and computable by the wallet from the PNR alone. The database
// (traqora.chain_booking_id / chain_booking_pnr) implements the same mapping.

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const PNR = /^[A-HJ-NP-Z2-9]{6}$/;

/** The escrow booking id for a PNR. */
export function chainBookingId(pnr: string): bigint {
  if (!PNR.test(pnr)) throw new Error(`not a PNR: ${pnr}`);
  let id = 0n;
  for (const ch of pnr) id = (id << 5n) | BigInt(ALPHABET.indexOf(ch));
  return id;
}

/** The PNR an escrow booking id stands for, or null when the id is not one the app issues. */
export function pnrForChainBookingId(id: bigint | string): string | null {
  let n: bigint;
  try { n = BigInt(id); } catch { return null; }
  if (n < 0n || n >= 1n << 30n) return null;
  let pnr = '';
  for (let i = 0; i < 6; i++) {
    pnr = ALPHABET[Number(n & 31n)] + pnr;
    n >>= 5n;
  }
  return pnr;
}
