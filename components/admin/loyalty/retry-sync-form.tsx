'use client';

import * as React from 'react';
import { Loader2Icon } from 'lucide-react';
import type { ActionResult } from '@/lib/http/action';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';

type Retried = { member_id: string; status: string };
type Action<T extends Retried> = (prev: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>;

/** Queue one failed member sync again, with the reason the audit log keeps. */
export function RetrySyncForm<T extends Retried>({ memberId, action }: { memberId: string; action: Action<T> }) {
  const [state, formAction, pending] = React.useActionState(action, null);
  const id = `retry-sync-${memberId}`;
  if (state?.ok) return <p role="status" className="text-sm text-muted-foreground">Queued again ({state.data.status})</p>;
  const problem = state && !state.ok ? (state.problem.errors?.[0]?.message ? `Reason ${state.problem.errors[0].message}` : state.problem.detail) : null;
  return (
    <form action={formAction} className="flex flex-col gap-1">
      <input type="hidden" name="memberId" value={memberId} />
      <div className="flex gap-2">
        <Input name="reason" required minLength={3} maxLength={300} aria-label={`Reason to retry the sync of member ${memberId.slice(0, 8)}`} placeholder="Reason" className="h-8 w-40"
          aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${id}-error` : undefined} />
        <Button type="submit" size="sm" disabled={pending} aria-label={`Retry the sync of member ${memberId.slice(0, 8)}`}>
          {pending && <Loader2Icon className="animate-spin" aria-hidden="true" />} Retry
        </Button>
      </div>
      {problem && <p id={`${id}-error`} className="text-xs text-destructive">{problem}</p>}
    </form>
  );
}
