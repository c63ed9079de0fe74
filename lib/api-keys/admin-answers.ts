import { z } from 'zod';
import { dataOf, describes, pageOf, timestamp } from '@/lib/openapi/answers';
import type { AdminApiKey } from './admin';

// What the console's API-key routes answer (GET /api/v1/admin/api-keys, PATCH …/{id}): a key as
// api_key_json writes it (routines/13_api_platform.sql) plus its owner.

export const adminApiKeyAnswer = describes<AdminApiKey>()(z.object({
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
  owner: z.object({ id: z.uuid(), name: z.string(), email: z.string().nullable() }),
}));

export const adminApiKeysAnswer = pageOf(adminApiKeyAnswer);
export const adminApiKeyChangedAnswer = dataOf(adminApiKeyAnswer);
