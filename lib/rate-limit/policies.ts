import type { Env } from '@/lib/config/env';
import { planFor, type ApiPlan } from './plans';

// Which limits a request counts against: its caller's tier (anonymous per address, signed-in per
// user, API key per key on the key's plan) and, for the few routes worth abusing, a tighter limit
// of their own. The numbers are configuration (RATE_LIMIT_* in lib/config/env.ts, the README's table).

export type Tier = 'anonymous' | 'signed-in' | 'api-key';
export type RouteClass = 'sign-in' | 'booking' | 'payment';

export interface Policy {
  /** A tier, a route class, or `api-key:<plan>`: the name RateLimit-Policy and the metrics carry. */
  name: string;
  quota: number;
  windowSeconds: number;
  /** For an API key's policy: the plan it is. */
  plan?: ApiPlan;
}

/** Who is counted, as far as choosing policies goes: the tier, and an API key's plan. */
export interface CountedAs {
  tier: Tier;
  plan?: string;
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
  'RATE_LIMIT_ANONYMOUS' | 'RATE_LIMIT_SIGNED_IN' | 'RATE_LIMIT_API_KEY' | 'RATE_LIMIT_API_PLANS' | 'RATE_LIMIT_SIGN_IN' |
  'RATE_LIMIT_BOOKING' | 'RATE_LIMIT_PAYMENT' | 'RATE_LIMIT_WINDOW_SECONDS' | 'RATE_LIMIT_BLOCK_SECONDS'>;

export function policy(name: Exclude<Tier, 'api-key'> | RouteClass, env: LimitSettings): Policy {
  const quota = {
    anonymous: env.RATE_LIMIT_ANONYMOUS,
    'signed-in': env.RATE_LIMIT_SIGNED_IN,
    'sign-in': env.RATE_LIMIT_SIGN_IN,
    booking: env.RATE_LIMIT_BOOKING,
    payment: env.RATE_LIMIT_PAYMENT,
  }[name];
  return { name, quota, windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS };
}

/**
 * An API key's policy: its plan's quota, named after the plan. Each plan counts in a counter of
 * its own (the limiter keys its counters by policy name), so a key moved to another plan starts
 * a fresh count there on its next request: an upgrade lifts a refusal at once, and a downgrade
 * lets at most one window of the new quota through on top of what the key already made.
 */
export function planPolicy(plan: string | undefined, env: LimitSettings): Policy {
  const p = planFor(plan, env);
  return { name: `api-key:${p.name}`, quota: p.quota, windowSeconds: p.windowSeconds, plan: p };
}

/** The policies a request to `route` by `caller` is counted under, broadest first. */
export function policiesFor(route: string, caller: CountedAs, env: LimitSettings): Policy[] {
  const tier = caller.tier === 'api-key' ? planPolicy(caller.plan, env) : policy(caller.tier, env);
  const routeClass = ROUTE_CLASSES[route];
  return routeClass ? [tier, policy(routeClass, env)] : [tier];
}
