import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { openApiDocument } from '@/lib/openapi/document';

export const dynamic = 'force-dynamic';

// The OpenAPI 3.1 description of this API, generated from the routes' own schemas.
let cached: Record<string, unknown> | undefined;

export const GET = handler({ name: 'openapi' }, async () => {
  cached ??= openApiDocument();
  return Response.json(cached, { headers: { 'cache-control': 'public, max-age=300' } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
