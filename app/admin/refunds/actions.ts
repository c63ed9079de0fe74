'use server';

import { revalidatePath } from 'next/cache';
import { permittedAction } from '@/lib/admin/action';
import { HttpProblem } from '@/lib/http/problem';
import { decideRefund, proposeRefund } from '@/lib/refunds/review';
import { decisionForm, proposalForm } from '@/lib/refunds/schema';

// The refund queue's forms, as server actions through the console's permitted-action core
// (auth, validation, permission, audit context), with the same problem semantics as the API.

const propose = permittedAction({ name: 'refunds.propose', permission: 'refunds.propose', schema: proposalForm }, async (input, { audit }) => {
  const request = await proposeRefund(audit(input.reason), input.pnr, input.kind, input.amount);
  revalidatePath('/admin/refunds');
  return request;
});

const decide = permittedAction({ name: 'refunds.decide', permission: 'refunds.decide', schema: decisionForm }, async (input, { audit }) => {
  if (input.decision === 'deny' && !input.reason) throw new HttpProblem(400, 'Some fields need attention.', [{ field: 'reason', message: 'a denial needs a reason' }]);
  const request = await decideRefund(audit(input.reason ?? null), input.id, input.decision);
  revalidatePath('/admin/refunds');
  return request;
});

export async function proposeRefundAction(prev: Awaited<ReturnType<typeof propose>> | null, form: FormData) {
  return propose(prev, form);
}

export async function decideRefundAction(prev: Awaited<ReturnType<typeof decide>> | null, form: FormData) {
  return decide(prev, form);
}
