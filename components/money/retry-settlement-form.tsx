'use client';

import * as React from 'react';
import { Loader2Icon } from 'lucide-react';
import type { ActionResult } from '@/lib/http/action';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';

type Retried = { id: number; status: string };
type Action<T extends Retried> = (prev: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>;

/** Re-queue one failed settlement for the signer, with the reason the audit log keeps. */
export function RetrySettlementForm<T extends Retried>({ id, pnr, action }: { id: number; pnr: string; action: Action<T> }) {
  const [state, formAction, pending] = React.useActionState(action, null);
  if (state?.ok) return <p role="status" className="text-sm text-muted-foreground">Queued again ({state.data.status})</p>;
  const problem = state && !state.ok ? (state.problem.errors?.[0]?.message ? `Reason ${state.problem.errors[0].message}` : state.problem.detail) : null;
  return (
    <form action={formAction} className="flex flex-col gap-1">
      <input type="hidden" name="id" value={id} />
      <div className="flex gap-2">
        <Input name="reason" required minLength={3} maxLength={500} aria-label={`Reason to retry settlement ${id} of ${pnr}`} placeholder="Reason" className="h-8 w-40"
          aria-invalid={problem ? true : undefined} aria-describedby={problem ? `retry-${id}-error` : undefined} />
        <Button type="submit" size="sm" disabled={pending} aria-label={`Retry settlement ${id} of ${pnr}`}>
          {pending && <Loader2Icon className="animate-spin" aria-hidden="true" />} Retry
        </Button>
      </div>
      {problem && <p id={`retry-${id}-error`} className="text-xs text-destructive">{problem}</p>}
    </form>
  );
}
