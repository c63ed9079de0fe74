'use client';

import * as React from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Loader2Icon, UploadIcon } from 'lucide-react';
import { parseRecipients } from '@/lib/loyalty/airdrop-csv';
import type { Airdrop, LoyaltyBadges } from '@/lib/loyalty/types';
import { ApiError, fetchJson } from '@/components/api/fetch-json';
import { stamp } from '@/components/flights/format';
import { Badge } from '@/components/ui/badge';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { TableScroll } from '@/components/ui/table-scroll';

// Airdrops for rewards managers: points or a badge to at most 50 recipients (pasted, or a CSV of
// wallets, emails or member ids). Sending creates the batch under an id chosen here, then runs it
// a few recipients at a time, showing progress and each recipient's result as they come. A retry
// after a lost connection re-sends the same batch id, so nobody is credited twice.

const MAX = 50;
const RESULT: Record<Airdrop['recipients'][number]['result'], { label: string; variant: 'secondary' | 'success' | 'outline' | 'warning' | 'destructive' }> = {
  queued: { label: 'Queued', variant: 'secondary' },
  credited: { label: 'Credited', variant: 'success' },
  unknown: { label: 'Unknown member', variant: 'warning' },
  duplicate: { label: 'Duplicate', variant: 'outline' },
  refused: { label: 'Refused', variant: 'destructive' },
};
const fieldError = (err: unknown, field: string) =>
  err instanceof ApiError ? err.problem.errors?.find((e) => e.field === `body.${field}` || e.field === field)?.message : undefined;

export function AirdropsPanel() {
  const queryClient = useQueryClient();
  const batchRef = React.useRef<string | null>(null);
  const [form, setForm] = React.useState({ kind: 'points', points: '500', badge: '', reason: '', recipients: '' });
  const [batch, setBatch] = React.useState<Airdrop | null>(null);
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const recipients = parseRecipients(form.recipients);
  const catalogue = useQuery({
    queryKey: ['loyalty', 'badges'],
    queryFn: ({ signal }) => fetchJson<LoyaltyBadges>('/api/v1/loyalty/badges', { signal }),
  });
  const history = useQuery({
    queryKey: ['admin', 'loyalty', 'airdrops'],
    queryFn: ({ signal }) => fetchJson<{ data: Omit<Airdrop, 'recipients'>[]; nextCursor: string | null }>('/api/v1/admin/loyalty/airdrops?limit=10', { signal }),
  });

  const send = useMutation({
    mutationFn: async () => {
      batchRef.current ??= crypto.randomUUID();
      const body = {
        batch_id: batchRef.current, kind: form.kind, reason: form.reason, recipients,
        ...(form.kind === 'points' ? { points: Number(form.points) } : { badge: form.badge || catalogue.data?.data[0]?.code }),
      };
      let b = (await fetchJson<{ data: Airdrop }>('/api/v1/admin/loyalty/airdrops', {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
      })).data;
      setBatch(b);
      // credit a few at a time; each answer shows the progress so far
      while (b.status === 'running') {
        b = (await fetchJson<{ data: Airdrop }>(`/api/v1/admin/loyalty/airdrops/${b.id}/run?limit=5`, { method: 'POST' })).data;
        setBatch(b);
      }
      return b;
    },
    onSuccess: () => {
      batchRef.current = null;
      setForm((f) => ({ ...f, recipients: '', reason: '' }));
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status > 0 && err.status < 500) batchRef.current = null;
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['admin', 'loyalty', 'airdrops'] }),
  });
  const err = (f: string) => fieldError(send.error, f);
  const readFile = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) {
      const text = await file.text();
      setForm((f) => ({ ...f, recipients: text }));
    }
  };
  const p = batch?.progress;

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Airdrops</CardTitle>
        <CardDescription>Send points or a badge to up to {MAX} members at once: wallet addresses, emails or member ids, one a line or a CSV. Every credit is audited.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        <form
          className="flex flex-col gap-3 rounded-lg border p-3"
          aria-label="New airdrop"
          onSubmit={(e) => {
            e.preventDefault();
            send.mutate();
          }}
        >
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <Field id="a-kind" label="Send">
              <NativeSelect value={form.kind} onChange={set('kind')}>
                <option value="points">Points</option>
                <option value="badge">A badge</option>
              </NativeSelect>
            </Field>
            {form.kind === 'points' ? (
              <Field id="a-points" label="Points each" error={err('points')}>
                <Input inputMode="numeric" value={form.points} onChange={set('points')} />
              </Field>
            ) : (
              <Field id="a-badge" label="Badge" error={err('badge')}>
                <NativeSelect value={form.badge} onChange={set('badge')}>
                  {catalogue.data?.data.map((b) => <option key={b.code} value={b.code}>{b.name}</option>)}
                </NativeSelect>
              </Field>
            )}
            <Field id="a-reason" label="Reason" hint="Shown in each member’s history" error={err('reason')} className="sm:col-span-2">
              <Input value={form.reason} onChange={set('reason')} maxLength={300} />
            </Field>
          </div>
          <Field id="a-recipients" label="Recipients" hint={`${recipients.length} of at most ${MAX}`} error={err('recipients')}>
            <textarea
              value={form.recipients}
              onChange={set('recipients')}
              rows={5}
              className="w-full rounded-md border bg-background px-3 py-2 font-mono text-sm shadow-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
              placeholder={'GABC…\nana@example.com\n…'}
            />
          </Field>
          <div className="flex flex-wrap items-center gap-2">
            <Button asChild variant="outline" size="sm">
              <label className="cursor-pointer has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring">
                <UploadIcon aria-hidden="true" /> Load a CSV
                <input type="file" accept=".csv,text/csv,text/plain" className="sr-only" onChange={readFile} />
              </label>
            </Button>
            <Button type="submit" disabled={send.isPending || recipients.length === 0}>
              {send.isPending && <Loader2Icon className="animate-spin" aria-hidden="true" />} Send airdrop
            </Button>
            {recipients.length > MAX && <span className="text-sm text-destructive">More than {MAX}: the batch will be refused. Split it.</span>}
          </div>
          {send.isError && !err('points') && !err('reason') && (
            <Banner variant="error" title="The airdrop was not sent">{send.error.message}</Banner>
          )}
        </form>

        {batch && p && (
          <section aria-labelledby="airdrop-progress" className="flex flex-col gap-3" data-testid="airdrop-batch">
            <h3 id="airdrop-progress" className="text-sm font-semibold">
              Batch {batch.id.slice(0, 8)} · {batch.kind === 'points' ? `${batch.points} points` : `badge ${batch.badge}`} · {batch.status === 'done' ? 'done' : 'sending…'}
            </h3>
            <div
              role="progressbar"
              aria-label="Airdrop progress"
              aria-valuemin={0}
              aria-valuemax={p.total}
              aria-valuenow={p.done}
              aria-valuetext={`${p.done} of ${p.total} recipients handled`}
              className="h-2 w-full overflow-hidden rounded-full bg-muted"
            >
              <div className="h-full rounded-full bg-primary transition-[width]" style={{ width: `${(p.done / p.total) * 100}%` }} />
            </div>
            <p className="text-sm" aria-live="polite" data-testid="airdrop-summary">
              {p.done} of {p.total} handled: {p.credited} credited, {p.unknown} unknown, {p.duplicate} duplicate, {p.refused} refused.
            </p>
            <TableScroll label="Each recipient’s result" className="-mx-2">
              <table className="w-full text-sm">
                <caption className="sr-only">Each recipient’s result</caption>
                <thead>
                  <tr className="border-b text-left text-muted-foreground">
                    <th scope="col" className="px-2 py-1.5 font-medium">#</th>
                    <th scope="col" className="px-2 py-1.5 font-medium">Recipient</th>
                    <th scope="col" className="px-2 py-1.5 font-medium">Result</th>
                    <th scope="col" className="px-2 py-1.5 font-medium">Why</th>
                  </tr>
                </thead>
                <tbody>
                  {batch.recipients.map((r) => (
                    <tr key={r.seq} className="border-b last:border-0">
                      <td className="px-2 py-1.5 tabular-nums">{r.seq}</td>
                      <th scope="row" className="max-w-64 truncate px-2 py-1.5 text-left font-mono font-normal">{r.recipient}</th>
                      <td className="px-2 py-1.5"><Badge variant={RESULT[r.result].variant}>{RESULT[r.result].label}</Badge></td>
                      <td className="px-2 py-1.5 text-muted-foreground">{r.reason ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
        )}

        {history.data && history.data.data.length > 0 && (
          <ul className="flex flex-col divide-y rounded-lg border" aria-label="Recent airdrops">
            {history.data.data.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
                <span>
                  <span className="font-medium">{a.reason}</span> · {a.kind === 'points' ? `${a.points} points` : `badge ${a.badge}`} · {stamp(a.created_at)}
                </span>
                <span className="text-muted-foreground">
                  {a.progress.credited} of {a.progress.total} credited <Badge variant={a.status === 'done' ? 'secondary' : 'default'}>{a.status}</Badge>
                </span>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
