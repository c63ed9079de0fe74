import { z } from 'zod';

// Passenger and contact rules, shared by the booking form (client) and the API (server), so
// both refuse the same input with the same words. Anchored on Duffel's rules: Latin letters,
// spaces, hyphens and apostrophes in names; ages on the travel date decide the passenger type.

export const NAME = /^[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ' -]+$/;
const name = (what: string) => z.string().trim()
  .min(1, `Enter the ${what} as on the passport`)
  .max(40, `${what[0].toUpperCase()}${what.slice(1)} must be at most 40 characters`)
  .regex(NAME, 'Use Latin letters, spaces, hyphens and apostrophes only');

export const PASSENGER_TYPES = ['adult', 'child', 'infant'] as const;
export type PassengerType = (typeof PASSENGER_TYPES)[number];

export const documentSchema = z.object({
  type: z.literal('passport', { error: 'Only passports are accepted' }),
  number: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{5,20}$/, 'Passport numbers are 5–20 letters and digits'),
  issuing_country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'Use the 2-letter country code (e.g. GB)'),
  expires_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the expiry date'),
});

export const passengerSchema = z.object({
  type: z.enum(PASSENGER_TYPES, { error: 'Choose adult, child or infant' }),
  title: z.enum(['mr', 'ms', 'mrs', 'miss', 'mx', 'dr'], { error: 'Choose a title' }).optional(),
  given_name: name('given name'),
  family_name: name('family name'),
  date_of_birth: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date of birth'),
  gender: z.enum(['m', 'f', 'x'], { error: 'Choose a gender' }).optional(),
  document: documentSchema.optional(),
  /** For an infant: the index (0-based) of the adult whose lap they travel on. */
  infant_of: z.number().int().min(0).optional(),
});

export const contactSchema = z.object({
  email: z.email({ error: 'Enter a valid email address' }).max(254),
  phone: z.string().trim().regex(/^\+[1-9]\d{6,14}$/, 'Enter the phone number in international format, e.g. +447700900123'),
});

export type PassengerInput = z.input<typeof passengerSchema>;

/** Age in whole years on a given day. */
export function ageOn(birth: string, day: string): number {
  const [by, bm, bd] = birth.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * Cross-field rules that need the trip: the passenger mix the offer was priced for, ages on
 * the first and last travel days (Amadeus bands: infant < 2, child 2–11, adult 12+), infants on
 * distinct adults' laps, and passports on international trips valid after the last flight.
 */
export function tripRules(trip: { firstDay: string; lastDay: string; international: boolean; counts: { adults: number; children: number; infants: number } }) {
  return (passengers: z.output<typeof passengerSchema>[], ctx: z.RefinementCtx) => {
    const count = (t: PassengerType) => passengers.filter((p) => p.type === t).length;
    for (const [t, n] of [['adult', trip.counts.adults], ['child', trip.counts.children], ['infant', trip.counts.infants]] as const) {
      if (count(t) !== n) ctx.addIssue({ code: 'custom', path: [], message: `This offer is for ${n} ${t}${n === 1 ? '' : 's'}; ${count(t)} given` });
    }
    const laps = new Set<number>();
    passengers.forEach((p, i) => {
      if (Number.isNaN(Date.parse(p.date_of_birth)) || p.date_of_birth > trip.firstDay) {
        ctx.addIssue({ code: 'custom', path: [i, 'date_of_birth'], message: 'Enter a real date of birth before the trip' });
        return;
      }
      const ageStart = ageOn(p.date_of_birth, trip.firstDay);
      const ageEnd = ageOn(p.date_of_birth, trip.lastDay);
      if (p.type === 'adult' && ageStart < 12) ctx.addIssue({ code: 'custom', path: [i, 'date_of_birth'], message: 'Adults must be 12 or older on the day of travel' });
      if (p.type === 'adult' && ageStart > 120) ctx.addIssue({ code: 'custom', path: [i, 'date_of_birth'], message: 'Check the date of birth' });
      if (p.type === 'child' && (ageStart < 2 || ageStart > 11)) ctx.addIssue({ code: 'custom', path: [i, 'date_of_birth'], message: 'Children are 2 to 11 on the day of travel' });
      if (p.type === 'infant' && ageEnd >= 2) ctx.addIssue({ code: 'custom', path: [i, 'date_of_birth'], message: 'Infants must be under 2 for the whole trip' });
      if (p.type === 'infant') {
        const lap = p.infant_of;
        if (lap === undefined || passengers[lap]?.type !== 'adult') {
          ctx.addIssue({ code: 'custom', path: [i, 'infant_of'], message: 'Choose the adult this infant travels with' });
        } else if (laps.has(lap)) {
          ctx.addIssue({ code: 'custom', path: [i, 'infant_of'], message: 'Each adult can hold one infant' });
        } else laps.add(lap);
      }
      if (trip.international) {
        if (!p.document) ctx.addIssue({ code: 'custom', path: [i, 'document'], message: 'A passport is required for international travel' });
        else if (p.document.expires_on <= trip.lastDay) ctx.addIssue({ code: 'custom', path: [i, 'document', 'expires_on'], message: 'The passport must be valid after the last flight' });
      }
    });
  };
}
