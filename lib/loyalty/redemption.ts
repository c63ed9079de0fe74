import 'server-only';
import { db } from '@/lib/db/connect';
import type { Price } from '@/lib/flights/types';
import type { QuoteLoyalty } from '@/lib/payments/rail';

// Points paying part of a fare at checkout (supabase/routines/95_loyalty.sql): 100 points (the
// governed rate) = $1, whole cents only, up to the fare and never the taxes. The payment itself
// spends them in its own transaction (pay_booking); this only answers what they would do.

/** Upper bound of a points ask the API takes (the database refuses more than the member has). */
export const MAX_POINTS_ASK = 1_000_000_000;

/** What `points` would take off this fare for the member now, with the slider's range. */
export async function redemptionQuote(userId: string, price: Price, points: number): Promise<QuoteLoyalty> {
  return (await db()).call<QuoteLoyalty>('loyalty_redemption_quote', {
    user_id: userId, base_minor: price.base_minor, currency: price.currency, points,
  });
}

/** The quote line for the points applied (negative: it lowers the amount charged). */
export function redemptionLine(r: QuoteLoyalty) {
  return { kind: 'discount' as const, label: `${r.points.toLocaleString('en-US')} points`, amount_minor: -r.discount_minor };
}
