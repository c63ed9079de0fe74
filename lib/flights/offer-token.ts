import { createHmac, timingSafeEqual } from 'node:crypto';
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
}

const b64 = (s: string) => Buffer.from(s).toString('base64url');

function mac(payload: string, secret: string): string {
  return createHmac('sha256', `offer:${secret}`).update(payload).digest('base64url').slice(0, 32);
}

export function signOffer(claims: OfferClaims, secret: string): string {
  const payload = b64(JSON.stringify([claims.slices, claims.cabin, claims.family, claims.passengers.adults,
    claims.passengers.children, claims.passengers.infants, claims.total_minor, claims.currency, claims.expires]));
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
    const [slices, cabin, family, adults, children, infants, total, currency, expires] = JSON.parse(Buffer.from(m[1], 'base64url').toString());
    const claims: OfferClaims = { slices, cabin, family, passengers: { adults, children, infants }, total_minor: total, currency, expires };
    if (expires <= nowSeconds) return { ok: false, reason: 'expired' };
    return { ok: true, claims };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}
