'use client';

import * as React from 'react';
import { useRouter } from 'next/navigation';
import { fetchJson } from '@/components/api/fetch-json';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';

// Delegate to someone in the directory, or back to yourself; and your own delegate statement.
export function DelegateButton({ delegate, label, variant = 'outline' }: { delegate: string | null; label: string; variant?: 'outline' | 'default' }) {
  const router = useRouter();
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const go = async () => {
    setBusy(true);
    setError(null);
    try {
      await fetchJson('/api/v1/governance/delegation', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ delegate }) });
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="inline-flex flex-col gap-1">
      <Button size="sm" variant={variant} onClick={go} disabled={busy}>{label}</Button>
      {error && <span role="alert" className="text-xs text-destructive">{error}</span>}
    </span>
  );
}

export function StatementForm({ initial }: { initial: string | null }) {
  const router = useRouter();
  const [text, setText] = React.useState(initial ?? '');
  const [status, setStatus] = React.useState<string | null>(null);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      await fetchJson('/api/v1/governance/delegation/statement', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ statement: text }) });
      setStatus('Saved.');
      router.refresh();
    } catch (err) {
      setStatus((err as Error).message);
    }
  };
  return (
    <form onSubmit={save} className="flex flex-col gap-2">
      <Field id="statement" label="Your delegate statement" hint={`What you stand for, shown in the directory · ${text.length} / 2,000`}>
        <textarea className="min-h-24 rounded-md border border-input bg-card px-3 py-2 text-sm" maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} />
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="outline">Save statement</Button>
        {status && <p role="status" className="text-sm text-muted-foreground">{status}</p>}
      </div>
    </form>
  );
}
