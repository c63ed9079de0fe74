import { z } from 'zod';
import { dataOf, describes } from '@/lib/openapi/answers';
import type { AirportSuggestion } from './types';

// What GET /api/v1/airports answers (the OpenAPI document's schema; see lib/openapi/answers.ts).

export const airportSuggestion = describes<AirportSuggestion>()(z.object({
  iata: z.string().regex(/^[A-Z]{3}$/),
  name: z.string(),
  city: z.string().nullable(),
  country: z.string(),
  country_code: z.string().regex(/^[A-Z]{2}$/),
  time_zone: z.string(),
}));

export const airportsAnswer = dataOf(z.array(airportSuggestion));
