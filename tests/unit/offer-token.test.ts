import { describe, expect, it } from 'vitest';
import { signOffer, verifyOffer, type OfferClaims } from '@/lib/flights/offer-token';

const secret = 'x'.repeat(40);
const claims: OfferClaims = { slices: [[101, 202], [303]], cabin: 'economy', family: 'standard', passengers: { adults: 2, children: 1, infants: 0 },
  total_minor: 123400, currency: 'USD', expires: 2_000_000_000 };

describe('offer ids', () => {
  it('carry the offer and verify with the secret', () => {
    expect(verifyOffer(signOffer(claims, secret), secret, 1_900_000_000)).toEqual({ ok: true, claims });
  });

  it('carry the trip\'s facts when signed with them (ids signed without them still verify, without)', () => {
    const withTrip: OfferClaims = { ...claims, trip: { first_day: '2033-05-18', last_day: '2033-05-25', international: true } };
    expect(verifyOffer(signOffer(withTrip, secret), secret, 1_900_000_000)).toEqual({ ok: true, claims: withTrip });
    const id = signOffer(withTrip, secret);
    const [payload, mac] = id.slice(4).split('.');
    const data = JSON.parse(Buffer.from(payload, 'base64url').toString());
    data[11] = false; // a domestic trip needs no passport: the signature says otherwise
    expect(verifyOffer(`off_${Buffer.from(JSON.stringify(data)).toString('base64url')}.${mac}`, secret, 1_900_000_000)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('expire', () => {
    expect(verifyOffer(signOffer(claims, secret), secret, 2_000_000_001)).toEqual({ ok: false, reason: 'expired' });
  });

  it('cannot be altered: a cheaper price or other flights break the signature', () => {
    const id = signOffer(claims, secret);
    const [payload, mac] = id.slice(4).split('.');
    const data = JSON.parse(Buffer.from(payload, 'base64url').toString());
    data[6] = 1; // total
    const forged = `off_${Buffer.from(JSON.stringify(data)).toString('base64url')}.${mac}`;
    expect(verifyOffer(forged, secret, 1_900_000_000)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyOffer(id, 'y'.repeat(40), 1_900_000_000)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyOffer('off_nope', secret)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyOffer('', secret)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('verify only with the secret they were signed with, when secrets alternate (the key is kept per secret)', () => {
    const other = 'y'.repeat(40);
    const mine = signOffer(claims, secret);
    const theirs = signOffer(claims, other);
    expect(theirs).not.toBe(mine);
    expect(verifyOffer(mine, other, 1_900_000_000)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyOffer(theirs, secret, 1_900_000_000)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyOffer(mine, secret, 1_900_000_000)).toEqual({ ok: true, claims });
    expect(signOffer(claims, secret)).toBe(mine);
  });
});
