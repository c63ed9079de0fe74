import { isIP } from 'node:net';
import { config } from '@/lib/config';

// Who is calling, as an address: one reading for everything that needs it (the rate limiter
// counts it, audit rows and API-key last use record it), so an operator comparing a 429 with an
// audit row sees the same address. Next fills X-Forwarded-For from the socket only when it is
// absent, and proxies append to it, so the entry `hops` from the right is the one a trusted
// proxy wrote; anything left of it is what the client claimed and is ignored (the first entry
// is whatever the caller chose to send).

/** The caller's address, `hops` entries from the right of X-Forwarded-For (RATE_LIMIT_PROXY_HOPS by default). */
export function clientAddress(headers: Headers, hops: number = config().env.RATE_LIMIT_PROXY_HOPS): string | null {
  const forwarded = (headers.get('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const candidate = forwarded.length ? forwarded[Math.max(0, forwarded.length - hops)] : headers.get('x-real-ip')?.trim();
  if (!candidate) return null;
  const bare = candidate.replace(/^\[|\](:\d+)?$/g, '').replace(/^::ffff:(?=\d+\.)/i, '');
  return isIP(bare) ? bare : null;
}
