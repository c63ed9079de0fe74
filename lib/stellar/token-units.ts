// App money (integer minor units, 2 decimals) and the payment token's base units on chain.
// Stellar assets (e.g. USDC's Stellar Asset Contract) carry 7 decimals. No dependencies, so the
// browser can use it without loading the contract specs.

export const TOKEN_DECIMALS = 7;

const scale = (decimals: number) => 10n ** BigInt(decimals - 2);

/** Minor units as token base units; zero allowed (a refund of nothing). */
export function tokenUnits(minor: number | bigint, decimals = TOKEN_DECIMALS): bigint {
  const m = BigInt(minor);
  if (m < 0n) throw new RangeError('amount must not be negative');
  return m * scale(decimals);
}

/** Token base units back to minor units (whole cents; sub-cent dust is dropped). */
export function minorUnits(units: bigint | string, decimals = TOKEN_DECIMALS): number {
  return Number(BigInt(units) / scale(decimals));
}
