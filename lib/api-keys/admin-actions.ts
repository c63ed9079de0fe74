'use server';

import { revalidatePath } from 'next/cache';
import { permittedAction } from '@/lib/admin/action';
import { setApiKeyPlan } from './admin';
import { setPlanFormSchema } from './plan-schema';

// The console's plan form (/admin/rate-limits/api-keys), through the console's permitted-action
// core: the same permission, checks and audit as PATCH /api/v1/admin/api-keys/{id}.

const setPlan = permittedAction({ name: 'admin.api-keys.set-plan', permission: 'rate_limits.manage', schema: setPlanFormSchema }, async (input, { audit }) => {
  const key = await setApiKeyPlan(audit(input.reason), input.id, input.plan);
  revalidatePath('/admin/rate-limits/api-keys');
  return key;
});

export async function setPlanAction(prev: Awaited<ReturnType<typeof setPlan>> | null, form: FormData) {
  return setPlan(prev, form);
}
