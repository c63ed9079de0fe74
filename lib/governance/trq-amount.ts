// TRQ amounts: bigint base units (7 decimals, as the trq contract) ↔ what people read and type.

export const TRQ_DECIMALS = 7;
const UNIT = 10n ** BigInt(TRQ_DECIMALS);

/** "1234.5" → 12345000000n; null when it is not a non-negative amount with ≤ 7 decimals. */
export function parseTrq(text: string): bigint | null {
  const m = /^\s*(\d{1,12})(?:\.(\d{1,7}))?\s*$/.exec(text);
  if (!m) return null;
  return BigInt(m[1]) * UNIT + BigInt((m[2] ?? '').padEnd(TRQ_DECIMALS, '0'));
}

/** Base units → "1,234.5 TRQ"-style text (grouped, trailing zeros dropped). */
export function formatTrq(base: string | bigint, opts: { unit?: boolean } = {}): string {
  const v = BigInt(base);
  const whole = v / UNIT;
  const frac = (v % UNIT).toString().padStart(TRQ_DECIMALS, '0').replace(/0+$/, '');
  const text = `${whole.toLocaleString('en-US')}${frac ? `.${frac}` : ''}`;
  return opts.unit === false ? text : `${text} TRQ`;
}

/** Share of `part` in `whole` as a fraction 0..1 (0 when whole is 0). */
export function share(part: string | bigint, whole: string | bigint): number {
  const w = BigInt(whole);
  if (w === 0n) return 0;
  return Number((BigInt(part) * 1_000_000n) / w) / 1_000_000;
}
