'use client';

import * as React from 'react';
import { SendIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { formatTrq, parseTrq } from '@/lib/governance/trq-amount';
import { ActionMessage, useApiAction } from './use-api-action';

const RECIPIENT = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|G[A-Z2-7]{55})$/i;

// Send TRQ to another holder (by account id or linked wallet). One Idempotency-Key per attempt of
// the form, kept across retries of that attempt, so a double click or a resend never pays twice.
export function TransferForm({ balance, initialTo = '' }: { balance: string; initialTo?: string }) {
  const { run, busy, status } = useApiAction();
  const [to, setTo] = React.useState(initialTo);
  const [amount, setAmount] = React.useState('');
  const [memo, setMemo] = React.useState('');
  const attempt = React.useRef<string | null>(null);
  const base = parseTrq(amount);
  const amountError = amount && (base === null || base === 0n) ? 'A TRQ amount above 0 with at most 7 decimals'
    : base !== null && base > BigInt(balance) ? `More than your ${formatTrq(balance)}` : undefined;
  const toError = to && !RECIPIENT.test(to.trim()) ? 'An account id or a Stellar account (G…)' : undefined;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    attempt.current ??= crypto.randomUUID();
    const res = await run<{ transfer: { amount: string; counterparty: { display_name: string } | null } }>('/api/v1/governance/trq/transfers', {
      headers: { 'idempotency-key': attempt.current },
      body: { to: to.trim(), amount: amount.trim(), memo: memo.trim() || null },
      done: (r) => `Sent ${formatTrq(r.transfer.amount)} to ${r.transfer.counterparty?.display_name ?? 'the recipient'}.`,
    });
    if (res) {
      attempt.current = null;
      setTo('');
      setAmount('');
      setMemo('');
    }
  };
  const edit = (set: (v: string) => void) => (e: React.ChangeEvent<HTMLInputElement>) => { attempt.current = null; set(e.target.value); };

  return (
    <form onSubmit={submit} className="flex flex-col gap-3" aria-label="Send TRQ">
      <Field id="trq-to" label="Recipient" hint="Their account id (or pick them with “Send TRQ” on the delegates page), or a Stellar wallet linked to their account" error={toError}>
        <Input value={to} onChange={edit(setTo)} autoComplete="off" spellCheck={false} required />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="trq-amount" label="Amount (TRQ)" hint={`You hold ${formatTrq(balance)}`} error={amountError}>
          <Input inputMode="decimal" value={amount} onChange={edit(setAmount)} required />
        </Field>
        <Field id="trq-memo" label="Memo (optional)" hint="Up to 200 characters, shown to both of you">
          <Input value={memo} onChange={edit(setMemo)} maxLength={200} />
        </Field>
      </div>
      <ActionMessage status={status} />
      <Button type="submit" className="self-start" disabled={busy || !to || !amount || Boolean(amountError || toError)}>
        <SendIcon aria-hidden="true" /> {busy ? 'Sending…' : 'Send TRQ'}
      </Button>
    </form>
  );
}
