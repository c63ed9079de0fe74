import { z } from 'zod';
import { config } from '@/lib/config';
import { PLAN_NAME } from '@/lib/config/env';
import { apiPlans } from '@/lib/rate-limit/plans';

// What the admin API and the console's form take to list keys and move a key to a plan. A plan
// is any name the configuration defines (RATE_LIMIT_API_PLANS), checked when the request comes
// in, so a wrong name is a 400 naming `plan` that lists the plans there are.

const configuredPlan = z.string({ error: 'must be a plan name' }).trim().superRefine((name, ctx) => {
  const plans = apiPlans(config().env).map((p) => p.name);
  if (!plans.includes(name)) ctx.addIssue({ code: 'custom', message: `must be one of ${plans.join(', ')}` });
});

export const setPlanSchema = z.object({
  plan: configuredPlan,
  reason: z.string().trim().max(200, 'at most 200 characters').optional(),
});

/** The console form: the key is a field of the form rather than the URL. */
export const setPlanFormSchema = setPlanSchema.extend({ id: z.uuid({ error: 'must be an API key id' }) });

export const keyIdParams = z.object({ id: z.uuid({ error: 'must be an API key id' }) });

export const adminKeysQuery = z.object({
  q: z.string().trim().max(100, 'at most 100 characters').optional(),
  plan: z.string().trim().regex(PLAN_NAME, 'must be a plan name such as partner').optional(),
  cursor: z.string().max(500, 'is not a cursor this list issued').optional(),
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(50),
});
