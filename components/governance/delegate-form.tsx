'use client';

import * as React from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { ActionMessage, useApiAction } from './use-api-action';

// Delegate to someone in the directory, or back to yourself; and your own delegate statement.
export function DelegateButton({ delegate, label, variant = 'outline' }: { delegate: string | null; label: string; variant?: 'outline' | 'default' }) {
  const { run, busy, status } = useApiAction();
  return (
    <span className="inline-flex flex-col gap-1">
      <Button size="sm" variant={variant} onClick={() => run('/api/v1/governance/delegation', { body: { delegate } })} disabled={busy}>{label}</Button>
      <ActionMessage status={status} className="text-xs" />
    </span>
  );
}

export function StatementForm({ initial }: { initial: string | null }) {
  const { run, busy, status } = useApiAction();
  const [text, setText] = React.useState(initial ?? '');
  const save = (e: React.FormEvent) => {
    e.preventDefault();
    void run('/api/v1/governance/delegation/statement', { body: { statement: text }, done: () => 'Saved.' });
  };
  return (
    <form onSubmit={save} className="flex flex-col gap-2">
      <Field id="statement" label="Your delegate statement" hint={`What you stand for, shown in the directory · ${text.length} / 2,000`}>
        <textarea className="min-h-24 rounded-md border border-input bg-card px-3 py-2 text-sm" maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} />
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="outline" disabled={busy}>Save statement</Button>
        <ActionMessage status={status} />
      </div>
    </form>
  );
}
