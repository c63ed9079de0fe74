'use client';

import * as React from 'react';
import { Loader2Icon } from 'lucide-react';
import type { ActionResult } from '@/lib/http/action';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';

type Action<T> = (prev: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>;

/**
 * One audited console action on one row: a reason (what the audit log keeps) and a button. The
 * row's identity travels in hidden fields; `what` names the row for screen readers.
 */
export function ReasonForm<T>({ id, hidden, action, submit, what, done }: {
  id: string;
  hidden: Record<string, string>;
  action: Action<T>;
  submit: string;
  /** E.g. "the rebate of booking 1234", read after the action's name. */
  what: string;
  done: string;
}) {
  const [state, formAction, pending] = React.useActionState(action, null);
  if (state?.ok) return <p role="status" className="text-sm text-muted-foreground">{done}</p>;
  const problem = state && !state.ok
    ? (state.problem.errors?.[0]?.field.endsWith('reason') ? `Reason ${state.problem.errors[0].message}` : state.problem.detail)
    : null;
  return (
    <form action={formAction} className="flex flex-col gap-1">
      {Object.entries(hidden).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <div className="flex gap-2">
        <Input name="reason" required minLength={3} maxLength={300} aria-label={`Reason to ${submit.toLowerCase()} ${what}`} placeholder="Reason" className="h-8 w-40"
          aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${id}-error` : undefined} />
        <Button type="submit" size="sm" disabled={pending} aria-label={`${submit} ${what}`}>
          {pending && <Loader2Icon className="animate-spin" aria-hidden="true" />} {submit}
        </Button>
      </div>
      {problem && <p id={`${id}-error`} className="text-xs text-destructive">{problem}</p>}
    </form>
  );
}
