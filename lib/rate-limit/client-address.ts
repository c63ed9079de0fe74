import { isIP } from 'node:net';

// Who an anonymous caller is: their address as the nearest trusted proxy saw it. Next fills
// X-Forwarded-For from the socket only when it is absent, and proxies append to it, so the
// entry `hops` from the right is the one a trusted proxy wrote; anything left of it is what the
// client claimed and is ignored.

export function clientAddress(headers: Headers, hops: number): string | null {
  const forwarded = (headers.get('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const candidate = forwarded.length ? forwarded[Math.max(0, forwarded.length - hops)] : headers.get('x-real-ip')?.trim();
  if (!candidate) return null;
  const bare = candidate.replace(/^\[|\](:\d+)?$/g, '').replace(/^::ffff:(?=\d+\.)/i, '');
  return isIP(bare) ? bare : null;
}

/**
 * The unit an address is counted as: itself for IPv4, its /64 for IPv6 (one subscriber usually
 * holds a whole /64, so counting single IPv6 addresses would let them rotate freely).
 */
export function addressSubject(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head, tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
