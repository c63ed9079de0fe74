'use client';

import * as React from 'react';
import { useRouter } from 'next/navigation';
import { PlusIcon, Trash2Icon } from 'lucide-react';
import type { ActionResult } from '@/lib/http/action';
import type { GovernedParameter } from '@/lib/parameters/types';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { ChainPropose } from './chain-propose';
import { ParameterDiff, formatBounds, formatParameter, unitLabel } from './parameter-diff';
import { ProposalBody } from './proposal-body';

type Action = (prev: null, input: { kind: 'signal' | 'parameter'; title: string; body: string; changes: Array<{ key: string; value: number }> }) => Promise<ActionResult<{ id: number }>>;
interface Row { key: string; value: string }

/** A value's problem against its parameter's bounds, or null (the server checks again). */
export function boundsProblem(p: GovernedParameter | undefined, raw: string): string | null {
  if (!p) return 'Pick a parameter.';
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v)) return 'Enter a number.';
  if (v < p.min || v > p.max) return `Must be between ${p.min} and ${p.max}.`;
  if (p.integral && !Number.isInteger(v)) return 'Must be a whole number.';
  return null;
}

// Title, markdown body with a preview, and for a parameter change a picker per parameter with its
// bounds and a preview of the diff. Sent to a server action (validatedAction), or on the soroban
// rail proposed on the governor from the wallet (chain-propose.tsx); field problems come back
// named and are shown beside their fields.
export function CreateProposalForm({ action, parameters, chain }: { action: Action; parameters: GovernedParameter[]; chain?: { wallets: string[] } }) {
  const router = useRouter();
  const byKey = new Map(parameters.map((p) => [p.key, p]));
  const [kind, setKind] = React.useState<'signal' | 'parameter'>('parameter');
  const [title, setTitle] = React.useState('');
  const [body, setBody] = React.useState('');
  const [preview, setPreview] = React.useState(false);
  const [rows, setRows] = React.useState<Row[]>([{ key: 'platform.fee_bps', value: '' }]);
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [failure, setFailure] = React.useState<string | null>(null);
  const [pending, start] = React.useTransition();

  const rowProblems = rows.map((r) => boundsProblem(byKey.get(r.key), r.value));
  const diff = rows.flatMap((r, i) => {
    const p = byKey.get(r.key);
    return p && !rowProblems[i] ? [{ key: p.key, value: Number(r.value), before: p.value, current: p.value, unit: p.unit, min: p.min, max: p.max, description: p.description }] : [];
  });

  const fields = () => ({ kind, title, body, changes: kind === 'parameter' ? rows.map((r) => ({ key: r.key, value: Number(r.value) })) : [] });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setFailure(null);
    if (chain) return;   // proposed from the wallet buttons
    start(async () => {
      const res = await action(null, fields());
      if (res.ok) { router.push(`/governance/proposals/${res.data.id}`); return; }
      setErrors(Object.fromEntries((res.problem.errors ?? []).map((x) => [x.field, x.message])));
      setFailure(res.problem.detail ?? res.problem.title);
    });
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-5" noValidate>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Kind</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-2"><input type="radio" name="kind" checked={kind === 'parameter'} onChange={() => setKind('parameter')} /> Parameter change — executed after a timelock if it passes</label>
          <label className="flex items-center gap-2"><input type="radio" name="kind" checked={kind === 'signal'} onChange={() => setKind('signal')} /> Signal — a question, no automatic effect</label>
        </div>
      </fieldset>
      <Field id="title" label="Title" hint={`${title.length} / 256`} error={errors.title}>
        <Input value={title} maxLength={256} onChange={(e) => setTitle(e.target.value)} required />
      </Field>
      {kind === 'parameter' && (
        <fieldset className="flex flex-col gap-3">
          <legend className="mb-1 text-sm font-medium">Parameters</legend>
          {rows.map((r, i) => {
            const p = byKey.get(r.key);
            const problem = errors[`changes.${i}.value`] ?? errors[`changes[${i}].value`] ?? (r.value ? rowProblems[i] : null);
            return (
              <div key={i} className="grid gap-3 rounded-lg border p-3 sm:grid-cols-[1fr_12rem_auto] sm:items-start">
                <Field id={`param-${i}`} label="Parameter" hint={p ? `Now ${formatParameter(p.value, p.unit)} · bounds ${formatBounds(p)}` : undefined}>
                  <NativeSelect value={r.key} onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)))}>
                    {parameters.map((o) => <option key={o.key} value={o.key}>{o.key}</option>)}
                  </NativeSelect>
                </Field>
                <Field id={`value-${i}`} label={`New value${p ? ` (${unitLabel(p.unit)})` : ''}`} error={problem ?? undefined}>
                  <Input inputMode="decimal" value={r.value} onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))} />
                </Field>
                <Button variant="ghost" size="icon" className="sm:mt-6" aria-label={`Remove ${r.key}`} disabled={rows.length === 1} onClick={() => setRows(rows.filter((_, j) => j !== i))}><Trash2Icon /></Button>
              </div>
            );
          })}
          {errors.changes && <p role="alert" className="text-sm text-destructive">{errors.changes}</p>}
          <Button variant="outline" className="self-start" disabled={rows.length >= 10} onClick={() => setRows([...rows, { key: parameters.find((p) => !rows.some((r) => r.key === p.key))?.key ?? parameters[0].key, value: '' }])}>
            <PlusIcon aria-hidden="true" /> Another parameter
          </Button>
          {diff.length > 0 && (
            <section aria-label="Preview of the change" className="rounded-lg bg-muted/40 p-3">
              <h2 className="mb-2 text-sm font-semibold">Preview</h2>
              <ParameterDiff changes={diff} />
            </section>
          )}
        </fieldset>
      )}
      <div className="flex flex-col gap-2">
        <div className="flex items-center justify-between">
          <label htmlFor="body" className="text-sm font-medium">Description (markdown)</label>
          <Button variant="ghost" size="sm" onClick={() => setPreview(!preview)} aria-pressed={preview}>{preview ? 'Edit' : 'Preview'}</Button>
        </div>
        {preview ? (
          <div className="min-h-40 rounded-md border p-3"><ProposalBody body={body} /></div>
        ) : (
          <textarea id="body" className="min-h-40 rounded-md border border-input bg-card px-3 py-2 text-sm" maxLength={10000} value={body} onChange={(e) => setBody(e.target.value)}
            aria-describedby="body-hint" aria-invalid={errors.body ? true : undefined} />
        )}
        <p id="body-hint" className="text-xs text-muted-foreground">{body.length} / 10,000 characters · HTML is not rendered.</p>
        {errors.body && <p className="text-sm text-destructive">{errors.body}</p>}
      </div>
      {failure && <p role="alert" className="text-sm text-destructive">{failure}</p>}
      {chain ? (
        <ChainPropose fields={fields} wallets={chain.wallets} disabled={pending}
          onDone={(id) => router.push(`/governance/proposals/${id}`)}
          onProblem={(errs, message) => { setErrors(errs); setFailure(message); }} />
      ) : (
        <Button type="submit" size="lg" className="self-start" disabled={pending}>{pending ? 'Creating…' : 'Create proposal'}</Button>
      )}
    </form>
  );
}
