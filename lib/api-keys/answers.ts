import { z } from 'zod';
import { dataOf, describes, pageOf, timestamp } from '@/lib/openapi/answers';
import type { ApiKey } from './keys';

// What the API-key routes answer (the OpenAPI document's schemas; lib/openapi/answers.ts). The
// secret itself (`key`) is in the answer that creates it and nowhere else.

export const apiKey = describes<ApiKey>()(z.object({
  id: z.uuid(),
  name: z.string(),
  scope: z.enum(['read', 'read_write']),
  prefix: z.string().regex(/^trq_[a-z0-9]{8}$/),
  status: z.enum(['active', 'expired', 'revoked']),
  created_at: timestamp,
  expires_at: timestamp.nullable(),
  revoked_at: timestamp.nullable(),
  rotated_to: z.uuid().nullable(),
  last_used_at: timestamp.nullable(),
  last_used_ip: z.string().nullable(),
  plan: z.string().describe('The rate-limit plan the key is counted on: standard (the default) or one RATE_LIMIT_API_PLANS defines.'),
}));

const secret = z.string().startsWith('trq_');

export const apiKeyList = pageOf(apiKey);
export const apiKeyRevoked = dataOf(apiKey);
/** POST /api-keys: the key (shown once) and what it is. */
export const apiKeyCreated = describes<{ key: string; data: ApiKey }>()(z.object({ key: secret, data: apiKey }));
/** POST /api-keys/{id}/rotation: the new key (shown once), what it is, and the old one with its end. */
export const apiKeyRotated = describes<{ key: string; data: ApiKey; previous: ApiKey }>()(apiKeyCreated.extend({ previous: apiKey }));
