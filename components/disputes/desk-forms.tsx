'use client';

import * as React from 'react';
import type { ActionResult } from '@/lib/http/action';
import type { Dispute } from '@/lib/disputes/types';
import { ActionForm } from '@/components/admin/action-form';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';

type Action = (prev: ActionResult<Dispute> | null, form: FormData) => Promise<ActionResult<Dispute>>;

const decimal = (minor: number) => (minor / 100).toFixed(2);
const toMinor = (s: string) => (/^\d{1,9}(\.\d{1,2})?$/.test(s.trim()) ? Math.round(Number(s) * 100) : NaN);

/** Support asks the traveller for more evidence. */
export function RequestEvidenceForm({ id, action }: { id: string; action: Action }) {
  return (
    <ActionForm action={action} submit="Ask for more evidence" done="The traveller was asked." variant="outline">
      {(errors) => (
        <>
          <input type="hidden" name="id" value={id} />
          <Field id="evidence-message" label="What do you need?" error={errors.message}>
            <Input name="message" required minLength={3} maxLength={1000} placeholder="Please add your boarding pass and the gate agent's note." />
          </Field>
        </>
      )}
    </ActionForm>
  );
}

/**
 * The split form: refund + airline share + fee must equal the held amount. The sum is checked
 * as the person types (and again by the server, which names the field).
 */
export function ResolveForm({ id, held, currency, feeBps, action }: { id: string; held: number; currency: string; feeBps: number; action: Action }) {
  const [refund, setRefund] = React.useState(decimal(held));
  const [fee, setFee] = React.useState('0.00');
  const [airline, setAirline] = React.useState('0.00');
  const sum = toMinor(refund) + toMinor(airline) + toMinor(fee);
  const off = Number.isNaN(sum) ? null : sum - held;
  const releaseSplit = () => {
    const f = Math.floor((held * feeBps) / 10000);
    setRefund('0.00');
    setFee(decimal(f));
    setAirline(decimal(held - f));
  };
  return (
    <ActionForm action={action} submit="Resolve and pay" done="Resolved and paid.">
      {(errors) => (
        <>
          <input type="hidden" name="id" value={id} />
          <div className="grid gap-3 sm:grid-cols-3">
            <Field id="split-refund" label={`Refund to traveller (${currency})`} error={errors.refund ?? errors.refund_minor}>
              <Input name="refund" inputMode="decimal" value={refund} onChange={(e) => setRefund(e.target.value)} required />
            </Field>
            <Field id="split-airline" label={`Airline share (${currency})`} error={errors.airline ?? errors.airline_minor}>
              <Input name="airline" inputMode="decimal" value={airline} onChange={(e) => setAirline(e.target.value)} required />
            </Field>
            <Field id="split-fee" label={`Platform fee (${currency})`} error={errors.fee ?? errors.fee_minor}>
              <Input name="fee" inputMode="decimal" value={fee} onChange={(e) => setFee(e.target.value)} required />
            </Field>
          </div>
          <p role="status" className={off === 0 ? 'text-sm text-muted-foreground' : 'text-sm text-destructive'}>
            {off === null ? 'Amounts such as 50 or 50.25.' : off === 0 ? `Sums to the held ${decimal(held)} ${currency}.` : `Sums to ${decimal(sum)}: ${off > 0 ? 'over' : 'under'} the held ${decimal(held)} ${currency} by ${decimal(Math.abs(off))}.`}
          </p>
          <div className="flex flex-wrap gap-2 text-sm">
            <button type="button" className="text-primary underline-offset-4 hover:underline" onClick={() => { setRefund(decimal(held)); setAirline('0.00'); setFee('0.00'); }}>
              Full refund
            </button>
            <span aria-hidden="true">·</span>
            <button type="button" className="text-primary underline-offset-4 hover:underline" onClick={releaseSplit}>
              Release to airline (less the fee)
            </button>
          </div>
          <Field id="split-reason" label="Reason (the traveller sees it)" error={errors.reason}>
            <Input name="reason" required minLength={3} maxLength={1000} placeholder="Gate closed before the published time; half refunded." />
          </Field>
        </>
      )}
    </ActionForm>
  );
}

export function EscalateForm({ id, action }: { id: string; action: Action }) {
  return (
    <ActionForm action={action} submit="Escalate to the jury" done="Escalated: the jury is drawn." variant="outline">
      {(errors) => (
        <>
          <input type="hidden" name="id" value={id} />
          <Field id="escalate-reason" label="Note for the audit trail (optional)" error={errors.reason}>
            <Input name="reason" maxLength={1000} placeholder="Facts disputed by both sides." />
          </Field>
        </>
      )}
    </ActionForm>
  );
}

/** One-button steps (tally a round, pay the verdict). */
export function StepForm({ id, action, submit, done }: { id: string; action: Action; submit: string; done: string }) {
  return (
    <ActionForm action={action} submit={submit} done={done}>
      {() => <input type="hidden" name="id" value={id} />}
    </ActionForm>
  );
}
