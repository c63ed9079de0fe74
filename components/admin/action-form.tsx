'use client';

import * as React from 'react';
import type { ActionResult } from '@/lib/http/action';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';

type Action<T> = (prev: ActionResult<T> | null, input: FormData) => Promise<ActionResult<T>>;

/**
 * A console form posting to a server action (permittedAction): works without JavaScript, keeps
 * the answer in useActionState, shows each field's problem next to the form and a success line.
 * `children` are the fields; `fieldErrors` renders them with their messages.
 */
export function ActionForm<T>({ action, submit, done, variant, className, children }: {
  action: Action<T>;
  submit: string;
  done: string;
  variant?: 'default' | 'destructive' | 'outline';
  className?: string;
  children?: (errors: Record<string, string>) => React.ReactNode;
}) {
  const [state, formAction, pending] = React.useActionState(action, null);
  const errors = Object.fromEntries((state && !state.ok ? state.problem.errors ?? [] : []).map((e) => [e.field, e.message]));
  return (
    <form action={formAction} className={className ?? 'flex flex-col gap-3'}>
      {children?.(errors)}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant={variant} disabled={pending}>{submit}</Button>
        {state?.ok && <p role="status" className="text-sm text-success">{done}</p>}
      </div>
      {state && !state.ok && (
        <Banner variant="error" title="Not done">
          {state.problem.detail}{' '}
          {Object.entries(errors).map(([field, message]) => `${field} ${message}.`).join(' ')}
        </Banner>
      )}
    </form>
  );
}
