import 'server-only';
import { sessionSecret } from '@/lib/auth/session-secret';
import { db } from '@/lib/db/connect';
import { HttpProblem } from '@/lib/http/problem';
import { OFFER_TTL_SECONDS, signOffer, verifyOffer, type OfferClaims } from './offer-token';
import type { FareConditions, RepricedOffer, Segment } from './types';

/** The offer repriced now, with the claims it was issued with (the route adds those it shows). */
export type Repriced = Omit<RepricedOffer, 'previous_total_minor' | 'cabin' | 'fare_family' | 'passengers' | 'slices'> & { claims: OfferClaims };

/** Verifies an offer id (signature, expiry) or answers the problem a caller should see. */
export function readOffer(id: string, field = 'offer_id'): OfferClaims {
  const check = verifyOffer(id, sessionSecret());
  if (!check.ok && check.reason === 'expired') {
    throw new HttpProblem(410, 'This offer has expired. Search again for current prices.', [{ field, message: 'has expired' }]);
  }
  if (!check.ok) throw new HttpProblem(400, 'This is not a Traqora offer id.', [{ field, message: 'is not a valid offer id' }]);
  return check.claims;
}

/** Prices an offer again from the database: what booking it now would cost. */
export async function repriceOffer(offerId: string): Promise<Repriced> {
  const claims = readOffer(offerId);
  const now = await (await db()).call<{ available: boolean; reason?: string; currency: string; base_minor: number; taxes_minor: number; total_minor: number; seats_left?: number; conditions?: FareConditions; slices?: Segment[][] }>(
    'price_offer', { slices: claims.slices, cabin: claims.cabin, family: claims.family, ...claims.passengers },
  );
  const changed = now.available && now.total_minor !== claims.total_minor;
  return {
    offer_id: offerId,
    claims,
    available: now.available,
    reason: now.reason,
    price: { currency: now.currency ?? claims.currency, base_minor: now.base_minor ?? 0, taxes_minor: now.taxes_minor ?? 0, total_minor: now.total_minor ?? claims.total_minor },
    conditions: now.conditions ?? null,
    price_changed: changed,
    repriced_offer_id: changed
      ? signOffer({ ...claims, total_minor: now.total_minor, expires: Math.floor(Date.now() / 1000) + OFFER_TTL_SECONDS }, sessionSecret())
      : null,
    expires_at: new Date(claims.expires * 1000).toISOString(),
    slices_detail: now.slices ?? [],
    seats_left: now.seats_left ?? 0,
  };
}
