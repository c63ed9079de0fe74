import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/connect';
import type { AirportSuggestion } from './types';

export type { AirportSuggestion } from './types';

export const airportQuerySchema = z.object({
  q: z.string().trim().min(1, 'type at least one character').max(60, 'at most 60 characters'),
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(20, 'must be at most 20').default(8),
});

/** Airports matching a code, city, name or country, best first. */
export async function searchAirports(q: string, limit: number): Promise<AirportSuggestion[]> {
  return (await db()).call<AirportSuggestion[]>('search_airports', { query: q, limit });
}
