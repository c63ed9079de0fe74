// The cabins Traqora sells, cheapest first, with the names travellers read. Search validation,
// the search form, offers and receipts all use this list; the database's check constraints
// name the same codes (tests/unit/cabins.test.ts keeps the two equal).

export const CABINS = [
  { code: 'economy', label: 'Economy' },
  { code: 'premium_economy', label: 'Premium economy' },
  { code: 'business', label: 'Business' },
  { code: 'first', label: 'First' },
] as const;

export type Cabin = (typeof CABINS)[number]['code'];

/** The codes alone, as zod's enum wants them. */
export const CABIN_CODES = CABINS.map((c) => c.code) as [Cabin, ...Cabin[]];

/** "must be economy, premium_economy, business or first": the API's sentence for a wrong cabin. */
export const CABIN_CHOICES = `${CABIN_CODES.slice(0, -1).join(', ')} or ${CABIN_CODES.at(-1)}`;

export function isCabin(value: unknown): value is Cabin {
  return CABINS.some((c) => c.code === value);
}

/** "Premium economy"; an unknown code is shown as it came. */
export function cabinLabel(code: string): string {
  return CABINS.find((c) => c.code === code)?.label ?? code;
}
