'use client';

import * as React from 'react';
import { ApiError, fetchJson } from '@/components/api/fetch-json';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import type { IssuedKey } from './types';

const LIFETIMES = [
  { value: '', label: 'Never expires' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
];

/** Name, scope and lifetime of a new key; the answer (with the key) goes to onIssued. */
export function CreateKeyForm({ onIssued }: { onIssued: (issued: IssuedKey) => void }) {
  const [pending, setPending] = React.useState(false);
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [failure, setFailure] = React.useState<string | null>(null);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const days = String(form.get('lifetime') ?? '');
    const body = {
      name: String(form.get('name') ?? '').trim(),
      scope: String(form.get('scope') ?? 'read'),
      ...(days ? { expires_at: new Date(Date.now() + Number(days) * 864e5).toISOString() } : {}),
    };
    if (!body.name) {
      setErrors({ name: 'Give the key a name you will recognise, e.g. “Agency feed”.' });
      return;
    }
    setPending(true);
    setErrors({});
    setFailure(null);
    try {
      const issued = await fetchJson<IssuedKey>('/api/v1/api-keys', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      (event.target as HTMLFormElement).reset();
      onIssued(issued);
    } catch (err) {
      const fields = err instanceof ApiError ? err.problem.errors ?? [] : [];
      setErrors(Object.fromEntries(fields.map((f) => [f.field.replace(/^body\./, ''), f.message])));
      setFailure(err instanceof Error ? err.message : 'The key could not be created.');
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="grid gap-4 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end" noValidate aria-label="Create an API key">
      <Field id="key-name" label="Name" error={errors.name}>
        <Input name="name" maxLength={80} placeholder="Agency feed" autoComplete="off" />
      </Field>
      <Field id="key-scope" label="Access" error={errors.scope}>
        <NativeSelect name="scope" defaultValue="read">
          <option value="read">Read only</option>
          <option value="read_write">Read and write</option>
        </NativeSelect>
      </Field>
      <Field id="key-lifetime" label="Expires" error={errors.expires_at}>
        <NativeSelect name="lifetime" defaultValue="90">
          {LIFETIMES.map((l) => <option key={l.value} value={l.value}>{l.label}</option>)}
        </NativeSelect>
      </Field>
      <Button type="submit" disabled={pending}>{pending ? 'Creating…' : 'Create key'}</Button>
      {failure && !Object.keys(errors).length && <p role="alert" className="text-sm text-destructive sm:col-span-4">{failure}</p>}
    </form>
  );
}
