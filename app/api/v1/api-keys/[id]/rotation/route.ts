import { z } from 'zod';
import { apiKeyRotated } from '@/lib/api-keys/answers';
import { ownerContext, rotateApiKey, rotateKeySchema } from '@/lib/api-keys/keys';
import { config } from '@/lib/config';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { clientAddress } from '@/lib/rate-limit/client-address';

export const dynamic = 'force-dynamic';

// Rotates a key: a new key (answered once, like a new one) with the same name and scope; the
// old one keeps working for overlap_seconds (default a day) so deployments can switch over.
const params = z.object({ id: z.uuid('must be an API key id') });

export const POST = handler({ name: 'api-keys.rotate', auth: 'signed-in', params, body: rotateKeySchema, response: apiKeyRotated }, async ({ req, requestId, viewer, params, body }) => {
  const ctx = ownerContext(viewer, { ip: clientAddress(req.headers, config().env.RATE_LIMIT_PROXY_HOPS), requestId });
  const { key, data, previous } = await rotateApiKey(ctx, params.id, body);
  return Response.json({ key, data, previous }, { status: 201, headers: { 'cache-control': 'no-store' } });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
