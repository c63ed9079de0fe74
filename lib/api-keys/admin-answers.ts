import { z } from 'zod';
import { dataOf, describes, pageOf } from '@/lib/openapi/answers';
import { apiKey } from './answers';
import type { AdminApiKey } from './admin';

// What the console's API-key routes answer (GET /api/v1/admin/api-keys, PATCH …/{id}): a key as
// api_key_json writes it (routines/13_api_platform.sql) plus its owner.

export const adminApiKeyAnswer = describes<AdminApiKey>()(apiKey.extend({
  owner: z.object({ id: z.uuid(), name: z.string(), email: z.string().nullable() }),
}));

export const adminApiKeysAnswer = pageOf(adminApiKeyAnswer);
export const adminApiKeyChangedAnswer = dataOf(adminApiKeyAnswer);
