import { registerEscrowGauges } from '@/lib/bookings/escrow-metric';
import { otherMethods } from '@/lib/http/methods';
import { metrics } from '@/lib/metrics/registry';

export const dynamic = 'force-dynamic';

// Prometheus text exposition. Not wrapped in handler(): scraping should not count itself.
export async function GET() {
  registerEscrowGauges();
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' } });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
