import { apiKeyCreated, apiKeyList } from '@/lib/api-keys/answers';
import { createApiKey, createKeySchema, listApiKeys, listKeysQuery, ownerContext } from '@/lib/api-keys/keys';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { clientAddress } from '@/lib/rate-limit/client-address';
import { config } from '@/lib/config';

export const dynamic = 'force-dynamic';

// The caller's API keys. POST answers the key itself once (`key`); it is never shown again.
// (No Idempotency-Key here: replaying the answer would mean storing the secret.)

export const GET = handler({ name: 'api-keys.list', auth: 'signed-in', query: listKeysQuery, response: apiKeyList }, async ({ viewer, query }) =>
  Response.json(await listApiKeys(viewer.id, query), { headers: { 'cache-control': 'no-store' } }));

export const POST = handler({ name: 'api-keys.create', auth: 'signed-in', body: createKeySchema, response: apiKeyCreated }, async ({ req, requestId, viewer, body }) => {
  const ctx = ownerContext(viewer, { ip: clientAddress(req.headers, config().env.RATE_LIMIT_PROXY_HOPS), requestId });
  const { key, data } = await createApiKey(ctx, body);
  return Response.json({ key, data }, { status: 201, headers: { 'cache-control': 'no-store', location: `/api/v1/api-keys/${data.id}` } });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
