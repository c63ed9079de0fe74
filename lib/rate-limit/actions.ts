'use server';

import { revalidatePath } from 'next/cache';
import { permittedAction } from '@/lib/admin/action';
import { addRateLimitRule, removeRateLimitRule } from './admin';
import { removeRuleSchema, ruleSchema } from './schema';

// The console's rate-limit forms (/admin/rate-limits), as server actions through the console's
// permitted-action core: the same checks and audit as the API.

const add = permittedAction({ name: 'admin.rate-limits.add', permission: 'rate_limits.manage', schema: ruleSchema }, async (input, { audit }) => {
  const rule = await addRateLimitRule(audit(input.note), input);
  revalidatePath('/admin/rate-limits');
  return rule;
});

const remove = permittedAction({ name: 'admin.rate-limits.remove', permission: 'rate_limits.manage', schema: removeRuleSchema }, async (input, { audit }) => {
  const rule = await removeRateLimitRule(audit(), input.id);
  revalidatePath('/admin/rate-limits');
  return rule;
});

export async function addRuleAction(prev: Awaited<ReturnType<typeof add>> | null, form: FormData) {
  return add(prev, form);
}

export async function removeRuleAction(prev: Awaited<ReturnType<typeof remove>> | null, form: FormData) {
  return remove(prev, form);
}
