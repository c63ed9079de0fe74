import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { TripFacts } from './trip';
import type { Cabin, FareFamily, Passengers } from './types';

// Offers are not stored: an offer id is its content, signed. Search stays read-only and any
// instance can verify an offer; the price in it is only what the traveller saw — booking
// reprices from the database and refuses a different total.

export const OFFER_TTL_SECONDS = 20 * 60;

export interface OfferClaims {
  slices: number[][];
  cabin: Cabin;
  family: FareFamily;
  passengers: Passengers;
  total_minor: number;
  currency: string;
  /** Unix seconds after which the offer cannot be booked. */
  expires: number;
  /**
   * The trip's days and borders as the search saw its flights (trip.ts): booking checks the
   * passengers against them without a round trip. Absent from ids signed before they existed.
   */
  trip?: TripFacts;
}

const b64 = (s: string) => Buffer.from(s).toString('base64url');

// The HMAC key as a KeyObject, made once per secret: a string key is converted again at every
// createHmac, and a search signs every offer on its page (~1.7 µs of ~4.4 per signature).
let signing: { secret: string; key: KeyObject } | undefined;

function mac(payload: string, secret: string): string {
  if (signing?.secret !== secret) signing = { secret, key: createSecretKey(Buffer.from(`offer:${secret}`)) };
  return createHmac('sha256', signing.key).update(payload).digest('base64url').slice(0, 32);
}

export function signOffer(claims: OfferClaims, secret: string): string {
  const payload = b64(JSON.stringify([claims.slices, claims.cabin, claims.family, claims.passengers.adults,
    claims.passengers.children, claims.passengers.infants, claims.total_minor, claims.currency, claims.expires,
    ...(claims.trip ? [claims.trip.first_day, claims.trip.last_day, claims.trip.international] : [])]));
  return `off_${payload}.${mac(payload, secret)}`;
}

export type OfferCheck = { ok: true; claims: OfferClaims } | { ok: false; reason: 'malformed' | 'expired' };

/** Verifies an offer id's signature and expiry. */
export function verifyOffer(id: string, secret: string, nowSeconds = Date.now() / 1000): OfferCheck {
  const m = /^off_([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{32})$/.exec(id);
  if (!m) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(mac(m[1], secret));
  if (!timingSafeEqual(expected, Buffer.from(m[2]))) return { ok: false, reason: 'malformed' };
  try {
    const [slices, cabin, family, adults, children, infants, total, currency, expires, firstDay, lastDay, international] = JSON.parse(Buffer.from(m[1], 'base64url').toString());
    const claims: OfferClaims = { slices, cabin, family, passengers: { adults, children, infants }, total_minor: total, currency, expires };
    if (typeof firstDay === 'string' && typeof lastDay === 'string' && typeof international === 'boolean') {
      claims.trip = { first_day: firstDay, last_day: lastDay, international };
    }
    if (expires <= nowSeconds) return { ok: false, reason: 'expired' };
    return { ok: true, claims };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}
