'use client';

import * as React from 'react';
import { Loader2Icon } from 'lucide-react';
import type { ActionResult } from '@/lib/http/action';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';

type Action = (prev: ActionResult<{ airline: string; address: string | null }> | null, form: FormData) => Promise<ActionResult<{ airline: string; address: string | null }>>;

/**
 * Change (or clear) where an airline is paid on chain; the reason goes into the audit log. With
 * `iata` the form is for that airline (the portal); without, it asks which (the console).
 */
export function PayoutAccountForm({ iata, current, action }: { iata?: string; current: string | null; action: Action }) {
  const [state, formAction, pending] = React.useActionState(action, null);
  const error = (field: string) => (state && !state.ok ? state.problem.errors?.find((e) => e.field === field)?.message : undefined);
  return (
    <form action={formAction} className="flex flex-col gap-4 rounded-xl border bg-card p-4">
      {iata ? (
        <input type="hidden" name="iata" value={iata} />
      ) : (
        <Field id="payout-iata" label="Airline (IATA code)" error={error('iata')}>
          <Input name="iata" required maxLength={2} className="w-24 font-mono uppercase" autoCapitalize="characters" />
        </Field>
      )}
      <Field id="payout-address" label="Stellar address" hint="An account (G…) or a contract (C…). Your share of on-chain bookings is paid here." error={error('address')}>
        <Input name="address" defaultValue={current ?? ''} className="font-mono text-xs sm:text-sm" maxLength={56} autoComplete="off" spellCheck={false} />
      </Field>
      <Field id="payout-reason" label="Reason for the change" hint="Recorded in the audit log." error={error('reason')}>
        <Input name="reason" required minLength={3} maxLength={500} />
      </Field>
      {state && !state.ok && !state.problem.errors?.length && <Banner variant="error" compact>{state.problem.detail}</Banner>}
      {state?.ok && (
        <Banner variant="success" compact>
          {state.data.address ? 'Payout account saved.' : 'Payout account cleared: shares go to the platform’s clearing account.'}
        </Banner>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="intent" value="set" disabled={pending}>
          {pending && <Loader2Icon className="animate-spin" aria-hidden="true" />} Save address
        </Button>
        {current && (
          <Button type="submit" name="intent" value="clear" variant="outline" disabled={pending} formNoValidate>
            Clear
          </Button>
        )}
      </div>
    </form>
  );
}
