import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ageOn, contactSchema, passengerSchema, tripRules } from '@/lib/bookings/passenger-schema';
import { requestHash } from '@/lib/http/idempotency';

const trip = (over: Partial<Parameters<typeof tripRules>[0]> = {}) =>
  ({ firstDay: '2026-12-10', lastDay: '2026-12-17', international: false, counts: { adults: 1, children: 0, infants: 0 }, ...over });
const check = (people: unknown[], t = trip()) => {
  const r = z.array(passengerSchema).superRefine(tripRules(t)).safeParse(people);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};
const adult = { type: 'adult', given_name: 'Ada', family_name: 'Lovelace', date_of_birth: '1985-03-04' };
const passport = { type: 'passport', number: 'P1234567', issuing_country: 'gb', expires_on: '2030-01-01' };

describe('passenger rules', () => {
  it('accepts Latin names with accents, hyphens and apostrophes', () => {
    expect(check([{ ...adult, given_name: "Zoë-Anne", family_name: "O'Brien" }])).toEqual([]);
  });

  it('refuses other scripts, digits and over-long names, naming the field', () => {
    expect(check([{ ...adult, given_name: 'Ада' }])).toEqual(['0.given_name: Use Latin letters, spaces, hyphens and apostrophes only']);
    expect(check([{ ...adult, family_name: 'x'.repeat(41) }])[0]).toMatch(/^0.family_name: Family name must be at most 40/);
    expect(check([{ ...adult, given_name: '' }])[0]).toMatch(/^0.given_name: Enter the given name/);
  });

  it('checks ages on the travel dates', () => {
    expect(ageOn('2014-12-11', '2026-12-10')).toBe(11);
    expect(check([{ ...adult, date_of_birth: '2015-01-01' }])).toEqual(['0.date_of_birth: Adults must be 12 or older on the day of travel']);
    const counts = { adults: 1, children: 1, infants: 1 };
    const child = { ...adult, type: 'child', given_name: 'Kid', date_of_birth: '2024-12-11' };         // 1 on the day: too young
    const infant = { ...adult, type: 'infant', given_name: 'Baby', date_of_birth: '2024-12-15', infant_of: 0 }; // turns 2 during the trip
    expect(check([adult, child, infant], trip({ counts }))).toEqual([
      '1.date_of_birth: Children are 2 to 11 on the day of travel',
      '2.date_of_birth: Infants must be under 2 for the whole trip',
    ]);
  });

  it('needs the offer’s passenger mix and one lap per infant', () => {
    expect(check([adult, adult])).toEqual([': This offer is for 1 adult; 2 given']);
    const infant = { ...adult, type: 'infant', given_name: 'Baby', date_of_birth: '2026-01-01', infant_of: 0 };
    expect(check([adult, infant, { ...infant, given_name: 'Twin' }], trip({ counts: { adults: 1, children: 0, infants: 2 } })))
      .toContain('2.infant_of: Each adult can hold one infant');
    expect(check([adult, { ...infant, infant_of: 1 }], trip({ counts: { adults: 1, children: 0, infants: 1 } })))
      .toEqual(['1.infant_of: Choose the adult this infant travels with']);
  });

  it('requires a passport on international trips, valid after the last flight', () => {
    const intl = trip({ international: true });
    expect(check([adult], intl)).toEqual(['0.document: A passport is required for international travel']);
    expect(check([{ ...adult, document: { ...passport, expires_on: '2026-12-17' } }], intl)).toEqual(['0.document.expires_on: The passport must be valid after the last flight']);
    expect(check([{ ...adult, document: passport }], intl)).toEqual([]);
  });

  it('validates contact details: email and an E.164 phone', () => {
    expect(contactSchema.safeParse({ email: 'a@b.co', phone: '+447700900123' }).success).toBe(true);
    const bad = contactSchema.safeParse({ email: 'nope', phone: '07700 900123' });
    expect(bad.error?.issues.map((i) => i.path[0])).toEqual(['email', 'phone']);
  });
});

describe('requestHash', () => {
  it('ignores key order but not values', () => {
    expect(requestHash({ a: 1, b: [1, { c: 2, d: 3 }] })).toBe(requestHash({ b: [1, { d: 3, c: 2 }], a: 1 }));
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
  });
});
