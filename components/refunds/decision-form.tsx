'use client';

import * as React from 'react';
import type { ActionResult } from '@/lib/http/action';
import type { RefundRequest } from '@/lib/refunds/types';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';

type Action = (prev: ActionResult<RefundRequest> | null, form: FormData) => Promise<ActionResult<RefundRequest>>;

/** Approve (pays) or deny one pending request; the reason is required to deny. */
export function DecisionForm({ id, pnr, action }: { id: string; pnr: string; action: Action }) {
  const [state, formAction, pending] = React.useActionState(action, null);
  const problem = state && !state.ok ? (state.problem.errors?.[0]?.message ?? state.problem.detail) : null;
  return (
    <form action={formAction} className="flex flex-col gap-2">
      <input type="hidden" name="id" value={id} />
      <label htmlFor={`decision-reason-${id}`} className="sr-only">
        Reason for the decision on {pnr}
      </label>
      <Input id={`decision-reason-${id}`} name="reason" placeholder="Reason (needed to deny)" maxLength={500} className="h-8" aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `decision-error-${id}` : undefined} />
      <div className="flex gap-2">
        <Button type="submit" name="decision" value="approve" size="sm" disabled={pending} aria-label={`Approve refund for ${pnr}`}>
          Approve
        </Button>
        <Button type="submit" name="decision" value="deny" size="sm" variant="outline" disabled={pending} aria-label={`Deny refund for ${pnr}`}>
          Deny
        </Button>
      </div>
      {problem && (
        <p id={`decision-error-${id}`} role="alert" className="text-sm text-destructive">
          {problem}
        </p>
      )}
    </form>
  );
}
