import { z } from 'zod';
import { cabin } from '@/lib/flights/answers';
import { calendarDate, dataOf, describes, timestamp } from '@/lib/openapi/answers';
import type { PriceWatch, RouteHistory } from './types';

// What the price-watch routes answer (the OpenAPI document's schemas; lib/openapi/answers.ts).

const iata = z.string().regex(/^[A-Z]{3}$/);

export const priceWatch = describes<PriceWatch>()(z.object({
  id: z.number().int(),
  origin: iata,
  destination: iata,
  depart_date: calendarDate,
  depart_date_to: calendarDate,
  return_date: calendarDate.nullable(),
  trip: z.enum(['one_way', 'return']),
  cabin,
  adults: z.number().int(),
  children: z.number().int(),
  currency: z.string(),
  target_minor: z.number().int().nullable(),
  drop_bps: z.number().int(),
  active: z.boolean(),
  current_minor: z.number().int().nullable(),
  last_sampled_at: timestamp.nullable(),
  alerts: z.number().int(),
  history: z.array(z.object({ at: timestamp, price_minor: z.number().int().nullable() })),
  volatility_bps: z.number().int(),
  created_at: timestamp,
  updated_at: timestamp,
  // only on a POST that repeated an Idempotency-Key: the watch it created the first time
  replayed: z.boolean().optional(),
}));

export const watchAnswer = dataOf(priceWatch);

/** GET /watches: one page, newest first. */
export const watchPage = describes<{ data: PriceWatch[]; nextCursor: string | null }>()(z.object({ data: z.array(priceWatch), nextCursor: z.string().nullable() }));

export const watchDeleted = describes<{ deleted: number }>()(z.object({ deleted: z.number().int() }));

/** GET /watches/route-history: a route's daily lows and how today's fare compares. */
export const routeHistory = describes<RouteHistory>()(z.object({
  origin: iata,
  destination: iata,
  cabin,
  currency: z.string(),
  history: z.array(z.object({ date: calendarDate, price_minor: z.number().int() })),
  current_minor: z.number().int().nullable(),
  typical_low_minor: z.number().int().nullable(),
  typical_high_minor: z.number().int().nullable(),
  insight: z.enum(['low', 'typical', 'high']).nullable(),
}));
