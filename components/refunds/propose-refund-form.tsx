'use client';

import * as React from 'react';
import { Loader2Icon } from 'lucide-react';
import type { ActionResult } from '@/lib/http/action';
import { REFUND_KINDS, type RefundRequest } from '@/lib/refunds/types';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';

type Action = (prev: ActionResult<RefundRequest> | null, form: FormData) => Promise<ActionResult<RefundRequest>>;

const KIND_LABEL: Record<string, string> = { goodwill: 'Goodwill', disruption: 'Disruption compensation', dispute: 'Dispute outcome' };

/** Propose a refund outside the fare's rules; it waits for a different finance or admin user. */
export function ProposeRefundForm({ action }: { action: Action }) {
  const [state, formAction, pending] = React.useActionState(action, null);
  const error = (field: string) => (state && !state.ok ? state.problem.errors?.find((e) => e.field === field)?.message : undefined);
  return (
    <form action={formAction} className="grid gap-3 rounded-xl border bg-card p-4 sm:grid-cols-[8rem_12rem_8rem_minmax(0,1fr)_auto] sm:items-start">
      <Field id="refund-pnr" label="Booking reference" error={error('pnr')}>
        <Input name="pnr" required maxLength={6} autoCapitalize="characters" className="font-mono uppercase" />
      </Field>
      <Field id="refund-kind" label="Kind" error={error('kind')}>
        <NativeSelect name="kind" defaultValue="goodwill">
          {REFUND_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field id="refund-amount" label="Amount (USD)" error={error('amount') ?? error('refund_minor')}>
        <Input name="amount" required inputMode="decimal" placeholder="50.00" />
      </Field>
      <Field id="refund-reason" label="Reason" error={error('reason')}>
        <Input name="reason" required minLength={3} maxLength={500} />
      </Field>
      <Button type="submit" disabled={pending} className="sm:mt-6">
        {pending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
        Propose refund
      </Button>
      {state && !state.ok && !state.problem.errors?.length && (
        <Banner variant="error" compact className="sm:col-span-5">
          {state.problem.detail}
        </Banner>
      )}
      {state?.ok && (
        <Banner variant="success" compact className="sm:col-span-5">
          Refund for {state.data.pnr} proposed; it now waits for a different finance or admin user.
        </Banner>
      )}
    </form>
  );
}
