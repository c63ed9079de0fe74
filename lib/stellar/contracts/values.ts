import { StrKey } from '@stellar/stellar-sdk';

// Checks for the values the spec-built calls take, so a wrong argument fails here with a
// sentence naming it rather than as an opaque XDR error (or, worse, on chain).

/** A Stellar account (G…) or contract (C…) address. */
export function address(what: string, value: string): string {
  if (typeof value !== 'string' || (!StrKey.isValidEd25519PublicKey(value) && !StrKey.isValidContract(value))) {
    throw new TypeError(`${what} must be a Stellar address`);
  }
  return value;
}

/** A contract address (C…). */
export function contractAddress(what: string, value: string): string {
  if (typeof value !== 'string' || !StrKey.isValidContract(value)) throw new TypeError(`${what} must be a contract address (C…)`);
  return value;
}

function integer(what: string, value: bigint, bits: number, signed: boolean): bigint {
  if (typeof value !== 'bigint') throw new TypeError(`${what} must be a bigint`);
  const min = signed ? -(2n ** BigInt(bits - 1)) : 0n;
  const max = signed ? 2n ** BigInt(bits - 1) : 2n ** BigInt(bits);
  if (value < min || value >= max) throw new RangeError(`${what} must fit in ${signed ? 'an i' : 'a u'}${bits}`);
  return value;
}

export const u64 = (what: string, value: bigint) => integer(what, value, 64, false);
export const u128 = (what: string, value: bigint) => integer(what, value, 128, false);
export const i128 = (what: string, value: bigint) => integer(what, value, 128, true);

export function u32(what: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) throw new RangeError(`${what} must be a u32`);
  return value;
}

/** A token amount: an i128 greater than zero. */
export function amount(what: string, value: bigint): bigint {
  if (i128(what, value) <= 0n) throw new RangeError(`${what} must be positive`);
  return value;
}

/** 32 bytes (a hash, a proposal id, a salt), from bytes or 64 hex digits. */
export function bytes32(what: string, value: Uint8Array | string): Buffer {
  const bytes = typeof value === 'string' && /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex')
    : value instanceof Uint8Array ? Buffer.from(value) : null;
  if (!bytes || bytes.length !== 32) throw new TypeError(`${what} must be 32 bytes`);
  return bytes;
}

/** One of the values an integer-coded choice allows. */
export function oneOf<T extends number>(what: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) throw new RangeError(`${what} must be one of ${allowed.join(', ')}`);
  return value;
}
