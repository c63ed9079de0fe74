'use server';

import { revalidatePath } from 'next/cache';
import { permittedAction } from '@/lib/admin/action';
import { escalateDispute, executeVerdict, requestEvidence, resolveDispute } from '@/lib/disputes/desk';
import { tally } from '@/lib/disputes/jury';
import { disputeIdForm, escalationForm, evidenceRequestForm, splitForm } from '@/lib/disputes/schema';

// The dispute desk's forms, as server actions through the console's permitted-action core
// (auth, validation, the disputes.manage permission, audit context). Each step is one audited
// database call; the answer's problems name the field as the API's do.

const done = (id: string) => {
  revalidatePath('/admin/disputes');
  revalidatePath(`/admin/disputes/${id}`);
};

const ask = permittedAction({ name: 'disputes.evidence_request', permission: 'disputes.manage', schema: evidenceRequestForm }, async (input, { audit }) => {
  const d = await requestEvidence(audit(input.message), input.id, input.message);
  done(input.id);
  return d;
});

const resolve = permittedAction({ name: 'disputes.resolve', permission: 'disputes.manage', schema: splitForm }, async (input, { audit }) => {
  const d = await resolveDispute(audit(input.reason), input.id, { refund_minor: input.refund, airline_minor: input.airline, fee_minor: input.fee });
  done(input.id);
  return d;
});

const escalate = permittedAction({ name: 'disputes.escalate', permission: 'disputes.manage', schema: escalationForm }, async (input, { audit }) => {
  const d = await escalateDispute(audit(input.reason ?? null), input.id, null);
  done(input.id);
  return d;
});

const count = permittedAction({ name: 'disputes.tally', permission: 'disputes.manage', schema: disputeIdForm }, async (input, { audit }) => {
  const d = await tally(audit(), input.id);
  done(input.id);
  return d;
});

const execute = permittedAction({ name: 'disputes.verdict', permission: 'disputes.manage', schema: disputeIdForm }, async (input, { audit }) => {
  const d = await executeVerdict(audit(), input.id);
  done(input.id);
  return d;
});

type State<F extends (...a: never[]) => unknown> = Awaited<ReturnType<F>> | null;

export async function requestEvidenceAction(prev: State<typeof ask>, form: FormData) { return ask(prev, form); }
export async function resolveDisputeAction(prev: State<typeof resolve>, form: FormData) { return resolve(prev, form); }
export async function escalateDisputeAction(prev: State<typeof escalate>, form: FormData) { return escalate(prev, form); }
export async function tallyJuryAction(prev: State<typeof count>, form: FormData) { return count(prev, form); }
export async function executeVerdictAction(prev: State<typeof execute>, form: FormData) { return execute(prev, form); }
