import { isIP } from 'node:net';

// How the rate limiter counts an address; the address itself is read by lib/http/client-address.ts
// (the one reading the audit trail uses too).
export { clientAddress } from '@/lib/http/client-address';

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
