import type { Env } from '@/lib/config/env';

// Which limits a request counts against: its caller's tier (anonymous per address, signed-in per
// user, API key per key) and, for the few routes worth abusing, a tighter limit of their own.
// The numbers are configuration (RATE_LIMIT_* in lib/config/env.ts, the README's table).

export type Tier = 'anonymous' | 'signed-in' | 'api-key';
export type RouteClass = 'sign-in' | 'booking' | 'payment';

export interface Policy {
  name: Tier | RouteClass;
  quota: number;
  windowSeconds: number;
}

/** Routes (handler() names) with a limit of their own on top of the tier's. */
const ROUTE_CLASSES: Record<string, RouteClass> = {
  'auth.challenge': 'sign-in',
  'auth.token': 'sign-in',
  'dev.session.create': 'sign-in',
  'bookings.create': 'booking',
  'bookings.pay': 'payment',
};

export type LimitSettings = Pick<Env,
  'RATE_LIMIT_ANONYMOUS' | 'RATE_LIMIT_SIGNED_IN' | 'RATE_LIMIT_API_KEY' | 'RATE_LIMIT_SIGN_IN' | 'RATE_LIMIT_BOOKING' |
  'RATE_LIMIT_PAYMENT' | 'RATE_LIMIT_WINDOW_SECONDS' | 'RATE_LIMIT_BLOCK_SECONDS'>;

export function policy(name: Policy['name'], env: LimitSettings): Policy {
  const quota = {
    anonymous: env.RATE_LIMIT_ANONYMOUS,
    'signed-in': env.RATE_LIMIT_SIGNED_IN,
    'api-key': env.RATE_LIMIT_API_KEY,
    'sign-in': env.RATE_LIMIT_SIGN_IN,
    booking: env.RATE_LIMIT_BOOKING,
    payment: env.RATE_LIMIT_PAYMENT,
  }[name];
  return { name, quota, windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS };
}

/** The policies a request to `route` by a caller of `tier` is counted under, broadest first. */
export function policiesFor(route: string, tier: Tier, env: LimitSettings): Policy[] {
  const routeClass = ROUTE_CLASSES[route];
  return routeClass ? [policy(tier, env), policy(routeClass, env)] : [policy(tier, env)];
}
