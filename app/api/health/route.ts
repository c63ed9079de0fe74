import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { checkHealth } from '@/lib/platform/health';

export const dynamic = 'force-dynamic';

export const GET = handler({ name: 'health' }, async () => {
  const health = await checkHealth();
  return Response.json(health, { status: health.status === 'ok' ? 200 : 503, headers: { 'cache-control': 'no-store' } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
