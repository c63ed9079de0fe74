'use client';

import * as React from 'react';
import { SearchIcon, Trash2Icon } from 'lucide-react';
import { fetchJson } from '@/components/api/fetch-json';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { parseTrq } from '@/lib/governance/trq-amount';
import { ActionMessage, useApiAction } from './use-api-action';

interface Recipient { user_id: string; name: string; amount: string }
interface FoundUser { id: string; name: string; email: string | null; wallets: string[] }

// An admin's TRQ distribution: find accounts (name, e-mail, wallet or id), give each an amount,
// ≤ 50 per batch, with a reason for the audit trail.
export function DistributeForm() {
  const { run, busy, status, setStatus } = useApiAction();
  const [q, setQ] = React.useState('');
  const [found, setFound] = React.useState<FoundUser[]>([]);
  const [recipients, setRecipients] = React.useState<Recipient[]>([]);
  const [reason, setReason] = React.useState('');

  const search = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!q.trim()) return;
    try {
      const page = await fetchJson<{ data: FoundUser[] }>(`/api/v1/admin/users?limit=10&q=${encodeURIComponent(q.trim())}`);
      setFound(page.data);
    } catch (err) {
      setStatus({ ok: false, text: (err as Error).message });
    }
  };
  const add = (u: FoundUser) => {
    if (recipients.some((r) => r.user_id === u.id) || recipients.length >= 50) return;
    setRecipients([...recipients, { user_id: u.id, name: u.name, amount: '' }]);
  };
  const bad = recipients.some((r) => !parseTrq(r.amount) || parseTrq(r.amount) === 0n);

  const send = async () => {
    const res = await run<{ recipients: number }>('/api/v1/governance/treasury', {
      body: { reason, recipients: recipients.map(({ user_id, amount }) => ({ user_id, amount: amount.trim() })) },
      done: (r) => `Distributed to ${r.recipients} ${r.recipients === 1 ? 'account' : 'accounts'}.`,
    });
    if (res) {
      setRecipients([]);
      setReason('');
    }
  };

  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={search} className="flex items-end gap-2">
        <Field id="find" label="Find an account" className="flex-1"><Input value={q} onChange={(e) => setQ(e.target.value)} placeholder="Name, e-mail, wallet or id" /></Field>
        <Button type="submit" variant="outline"><SearchIcon aria-hidden="true" /> Search</Button>
      </form>
      {found.length > 0 && (
        <ul className="flex flex-col gap-1 text-sm" aria-label="Search results">
          {found.map((u) => (
            <li key={u.id} className="flex items-center justify-between gap-2 rounded-md border px-3 py-2">
              <span>{u.name} <span className="text-xs text-muted-foreground">{u.email ?? u.wallets[0] ?? u.id}</span></span>
              <Button size="sm" variant="outline" onClick={() => add(u)} disabled={recipients.some((r) => r.user_id === u.id)}>Add<span className="sr-only"> {u.name}</span></Button>
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-col gap-2">
        <h3 className="text-sm font-semibold">Recipients ({recipients.length} / 50)</h3>
        {recipients.length === 0 && <p className="text-sm text-muted-foreground">Search for accounts and add them.</p>}
        {recipients.map((r, i) => (
          <div key={r.user_id} className="flex items-end gap-2">
            <Field id={`amount-${i}`} label={`TRQ for ${r.name}`} className="flex-1" error={r.amount && !parseTrq(r.amount) ? 'A TRQ amount with at most 7 decimals' : undefined}>
              <Input inputMode="decimal" value={r.amount} onChange={(e) => setRecipients(recipients.map((x, j) => (j === i ? { ...x, amount: e.target.value } : x)))} />
            </Field>
            <Button variant="ghost" size="icon" aria-label={`Remove ${r.name}`} onClick={() => setRecipients(recipients.filter((_, j) => j !== i))}><Trash2Icon /></Button>
          </div>
        ))}
      </div>
      <Field id="reason" label="Reason (recorded in the audit log)"><Input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} /></Field>
      <ActionMessage status={status} />
      <Button className="self-start" onClick={send} disabled={busy || recipients.length === 0 || bad || reason.trim().length < 3}>{busy ? 'Distributing…' : 'Distribute'}</Button>
    </div>
  );
}
