import type { Env } from '@/lib/config/env';

// API-key plans: named quotas an API key is counted against, per key and per window. Every key
// starts on the default plan, `standard` (RATE_LIMIT_API_KEY, so keys made before plans existed
// count exactly as they did); an admin moves a key to another plan in the console or through
// PATCH /api/v1/admin/api-keys/{id}.
//
// The plans themselves are configuration (RATE_LIMIT_API_PLANS), not a table admins edit, for the
// reasons every other limit is: a quota is a capacity decision made with the deployment (what the
// database and instances can take), it is reviewed and rolled out like code, and reading it costs
// no request a database call or a cache to invalidate across instances. What changes at run time,
// which plan a key is on, is data: a column of api_keys, read by the same call that
// authenticates the key on every request, so a change applies to the key's next request on
// every instance. A key whose plan has since been removed from the configuration is counted on
// the default plan rather than refused: taking a plan away must not cut customers off.

export const DEFAULT_PLAN = 'standard';

export interface ApiPlan {
  name: string;
  /** Requests per window. */
  quota: number;
  windowSeconds: number;
  /** True for `standard`, the plan every new key gets. */
  isDefault: boolean;
}

export type PlanSettings = Pick<Env, 'RATE_LIMIT_API_KEY' | 'RATE_LIMIT_API_PLANS' | 'RATE_LIMIT_WINDOW_SECONDS'>;

/** Every plan, the default first, then the configured ones in their declared order. */
export function apiPlans(env: PlanSettings): ApiPlan[] {
  const windowSeconds = env.RATE_LIMIT_WINDOW_SECONDS;
  return [
    { name: DEFAULT_PLAN, quota: env.RATE_LIMIT_API_KEY, windowSeconds, isDefault: true },
    ...env.RATE_LIMIT_API_PLANS.map((p) => ({ name: p.name, quota: p.quota, windowSeconds, isDefault: false })),
  ];
}

/** The plan called `name`, or null when the configuration has no such plan. */
export function findPlan(name: string, env: PlanSettings): ApiPlan | null {
  return apiPlans(env).find((p) => p.name === name) ?? null;
}

/** The plan a key on `name` is counted against: that plan, or the default when it is no longer configured. */
export function planFor(name: string | null | undefined, env: PlanSettings): ApiPlan {
  return (name ? findPlan(name, env) : null) ?? apiPlans(env)[0];
}

/** Plans with a larger quota than `plan`, smallest first: what a caller refused at its limit can ask for. */
export function higherPlans(plan: ApiPlan, env: PlanSettings): ApiPlan[] {
  return apiPlans(env).filter((p) => p.quota > plan.quota).sort((a, b) => a.quota - b.quota);
}
