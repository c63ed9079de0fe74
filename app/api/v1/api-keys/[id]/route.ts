import { z } from 'zod';
import { apiKeyRevoked } from '@/lib/api-keys/answers';
import { ownerContext, revokeApiKey } from '@/lib/api-keys/keys';
import { config } from '@/lib/config';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { clientAddress } from '@/lib/rate-limit/client-address';

export const dynamic = 'force-dynamic';

// Revokes one of the caller's keys at once (repeating it answers the same revoked key).
const params = z.object({ id: z.uuid('must be an API key id') });

export const DELETE = handler({ name: 'api-keys.revoke', auth: 'signed-in', params, response: apiKeyRevoked }, async ({ req, requestId, viewer, params }) => {
  const ctx = ownerContext(viewer, { ip: clientAddress(req.headers, config().env.RATE_LIMIT_PROXY_HOPS), requestId });
  return { data: await revokeApiKey(ctx, params.id) };
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods('DELETE');
