import 'server-only';
import type { NextRequest } from 'next/server';
import type { Credential } from '@/lib/api-keys/credential';
import { config } from '@/lib/config';
import { db } from '@/lib/db/connect';
import { HttpProblem } from '@/lib/http/problem';
import { limitCaller } from './caller';
import { clientAddress } from './client-address';
import { rateLimitHeaders, type LimitState } from './headers';
import { RateLimits } from './limits';
import { countDecision } from './metrics';
import { higherPlans } from './plans';
import { policiesFor, type Policy } from './policies';
import { addressRules } from './rules';

// The rate limit every API request passes (handler() calls this before anything else does
// work): the deny and allow lists first, then each policy the request counts under. Returns the
// RateLimit header fields for the answer; over a limit, throws a 429 problem carrying them and
// Retry-After. Counts live in the database on a server (every instance shares them), in memory
// on PGlite (one process owns that database anyway).

const g = globalThis as unknown as { __traqoraRateLimits?: RateLimits };

async function limits(): Promise<RateLimits> {
  if (!g.__traqoraRateLimits) {
    const { env, mode } = config();
    const database = mode.database === 'pglite' ? null : await db();
    g.__traqoraRateLimits ??= new RateLimits(database, env.RATE_LIMIT_BLOCK_SECONDS);
  }
  return g.__traqoraRateLimits;
}

export async function enforceRateLimit(req: NextRequest, route: string, credential: Credential | null): Promise<Record<string, string>> {
  const { env } = config();
  const address = clientAddress(req.headers, env.RATE_LIMIT_PROXY_HOPS);
  const verdict = (await addressRules(await db())).verdict(address);
  if (verdict === 'deny') {
    countDecision('deny-list', 'denied');
    throw new HttpProblem(403, 'Requests from this network are not accepted. Contact support if you think this is a mistake.');
  }
  if (verdict === 'allow') {
    countDecision('allow-list', 'allow-listed');
    return {};
  }
  const caller = await limitCaller(req, credential, address);
  const counted = await limits();
  const states: LimitState[] = [];
  for (const policy of policiesFor(route, caller, env)) {
    const outcome = await counted.consume(policy, caller.subject);
    states.push(outcome.state);
    if (!outcome.ok) {
      countDecision(policy.name, outcome.blocked ? 'blocked' : 'limited');
      throw new HttpProblem(429, refusal(policy, outcome.retryAfter, env), undefined,
        { 'violated-policies': [policy.name], retry_after: outcome.retryAfter, ...(policy.plan ? { plan: policy.plan.name } : {}) },
        { ...rateLimitHeaders(states), 'retry-after': String(outcome.retryAfter) });
    }
    countDecision(policy.name, 'allowed');
  }
  return rateLimitHeaders(states);
}

/** The 429's sentence: which limit, when to come back, and, for an API key, how to get more. */
function refusal(policy: Policy, retryAfter: number, env: Parameters<typeof higherPlans>[1]): string {
  const again = `Try again in ${retryAfter} s.`;
  if (!policy.plan) return `Too many requests: the ${policy.name} limit is ${policy.quota} per ${policy.windowSeconds} s. ${again}`;
  const limit = `Too many requests: this API key's ${policy.plan.name} plan allows ${policy.quota} requests per ${policy.windowSeconds} s. ${again}`;
  const more = higherPlans(policy.plan, env);
  return more.length
    ? `${limit} For more, ask Traqora support to move the key to a larger plan (${more.map((p) => `${p.name}: ${p.quota}`).join(', ')} per ${policy.windowSeconds} s).`
    : `${limit} This is the largest plan: spread requests over the window, or contact Traqora support.`;
}
