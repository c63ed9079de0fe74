'use client';

import * as React from 'react';
import { Loader2Icon } from 'lucide-react';
import type { ActionResult } from '@/lib/http/action';
import { Button } from '@/components/ui/button';

type Action = (prev: ActionResult<Record<string, unknown>> | null, form: FormData) => Promise<ActionResult<Record<string, unknown>>>;

function outcome(r: Record<string, unknown>): string | null {
  if ('skipped' in r) return `Not run: ${String(r.skipped)}`;
  if ('error' in r) return `The check failed: ${String(r.error)}`;
  return null;   // the report above shows the run
}

/** Runs the reconciliation now (it reads every mirrored member, so it may take a while). */
export function CheckNowForm({ action }: { action: Action }) {
  const [state, formAction, pending] = React.useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-col items-end gap-1">
      <Button type="submit" variant="outline" size="sm" disabled={pending}>
        {pending && <Loader2Icon className="animate-spin" aria-hidden="true" />} Check now
      </Button>
      <p role="status" className="text-xs text-muted-foreground">
        {pending ? 'Reading the contract…' : state && !state.ok ? state.problem.detail : state?.ok ? outcome(state.data) : null}
      </p>
    </form>
  );
}
