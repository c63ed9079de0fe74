import { z } from 'zod';
import { dataOf, describes } from '@/lib/openapi/answers';
import type { IngestOutcome } from './types';

// What POST /webhooks/flight-status/{provider} answers (the OpenAPI document's schema;
// lib/openapi/answers.ts): what became of the report. A replayed event is a 409, not this.

export const ingestOutcome = describes<IngestOutcome>()(z.object({
  replayed: z.boolean(),
  event_id: z.string(),
  outcome: z.enum(['applied', 'unchanged', 'stale', 'refused', 'unknown_flight']).optional(),
  detail: z.string().nullable().optional(),
  flight_id: z.number().int().nullable().optional(),
}));

export const webhookAnswer = dataOf(ingestOutcome);
