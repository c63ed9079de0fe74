'use client';

import * as React from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Loader2Icon } from 'lucide-react';
import type { Campaign } from '@/lib/loyalty/campaigns';
import { ApiError, fetchJson } from '@/components/api/fetch-json';
import { stamp } from '@/components/flights/format';
import { Badge } from '@/components/ui/badge';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { QueryState } from '@/components/ui/query-state';

// Campaigns for rewards managers: the list (status, filters, window), ending one, and a form to
// create one. The API validates and audits; its field errors show beside the fields.

const fieldError = (err: unknown, field: string) =>
  err instanceof ApiError ? err.problem.errors?.find((e) => e.field === `body.${field}` || e.field === field)?.message : undefined;
const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 6e4).toISOString().slice(0, 16);

function describe(c: Campaign): string {
  const what = c.kind === 'multiplier' ? `×${c.value} points` : `+${Number(c.value).toLocaleString('en-US')} points a booking`;
  const on = [c.origin && `${c.origin}→${c.destination}`, c.airline, c.cabin, c.fare_family].filter(Boolean).join(', ');
  return `${what}${on ? ` on ${on}` : ' on every booking'}`;
}

export function CampaignsPanel() {
  const queryClient = useQueryClient();
  const campaigns = useQuery({
    queryKey: ['admin', 'loyalty', 'campaigns'],
    queryFn: ({ signal }) => fetchJson<{ data: Campaign[]; nextCursor: string | null }>('/api/v1/admin/loyalty/campaigns?limit=50', { signal }),
  });
  const end = useMutation({
    mutationFn: (id: number) => fetchJson(`/api/v1/admin/loyalty/campaigns/${id}`, { method: 'DELETE' }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['admin', 'loyalty', 'campaigns'] }),
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Campaigns</CardTitle>
        <CardDescription>Bonus points on bookings paid while a campaign runs. Bonus points earn no tier credits.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        {campaigns.data === undefined ? (
          <QueryState query={campaigns} label="Loading campaigns…" failed="We couldn’t load the campaigns" />
        ) : campaigns.data.data.length === 0 ? (
          <p className="text-sm text-muted-foreground">No campaigns yet.</p>
        ) : (
          <ul className="flex flex-col divide-y rounded-lg border" aria-label="Campaigns">
            {campaigns.data.data.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                <div>
                  <p className="font-medium">
                    {c.name} <Badge variant={c.status === 'running' ? 'default' : 'secondary'}>{c.status}</Badge>
                  </p>
                  <p className="text-sm text-muted-foreground">
                    {describe(c)} · {stamp(c.starts_at)} – {stamp(c.ends_at)}
                  </p>
                </div>
                {c.status !== 'ended' && (
                  <Button variant="outline" size="sm" disabled={end.isPending} onClick={() => end.mutate(c.id)}>
                    End now<span className="sr-only"> {c.name}</span>
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
        {end.isError && (
          <Banner variant="error" title="The campaign was not ended">
            {end.error.message}
          </Banner>
        )}
        <NewCampaign onCreated={() => void queryClient.invalidateQueries({ queryKey: ['admin', 'loyalty', 'campaigns'] })} />
      </CardContent>
    </Card>
  );
}

function NewCampaign({ onCreated }: { onCreated: () => void }) {
  const keyRef = React.useRef<string | null>(null);
  const [form, setForm] = React.useState(() => ({
    name: '', kind: 'multiplier', value: '2', starts_at: local(new Date()), ends_at: local(new Date(Date.now() + 7 * 864e5)),
    origin: '', destination: '', airline: '', cabin: '', fare_family: '',
  }));
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const create = useMutation({
    mutationFn: () => {
      keyRef.current ??= crypto.randomUUID();
      const optional = (v: string) => (v.trim() ? v.trim() : undefined);
      return fetchJson<{ data: Campaign }>('/api/v1/admin/loyalty/campaigns', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': keyRef.current },
        body: JSON.stringify({
          name: form.name, kind: form.kind, value: Number(form.value),
          starts_at: new Date(form.starts_at).toISOString(), ends_at: new Date(form.ends_at).toISOString(),
          origin: optional(form.origin), destination: optional(form.destination), airline: optional(form.airline),
          cabin: optional(form.cabin), fare_family: optional(form.fare_family),
        }),
      });
    },
    onSuccess: () => {
      keyRef.current = null;
      setForm((f) => ({ ...f, name: '' }));
      onCreated();
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status > 0 && err.status < 500) keyRef.current = null;
    },
  });
  const err = (f: string) => fieldError(create.error, f);

  return (
    <form
      className="flex flex-col gap-3 rounded-lg border p-3"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <h3 className="text-sm font-semibold">New campaign</h3>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Field id="c-name" label="Name" error={err('name')} className="sm:col-span-2">
          <Input value={form.name} onChange={set('name')} maxLength={120} />
        </Field>
        <Field id="c-kind" label="Kind">
          <NativeSelect value={form.kind} onChange={set('kind')}>
            <option value="multiplier">Multiplier</option>
            <option value="fixed">Fixed points</option>
          </NativeSelect>
        </Field>
        <Field id="c-value" label={form.kind === 'multiplier' ? 'Multiplier (×)' : 'Points a booking'} error={err('value')}>
          <Input inputMode="decimal" value={form.value} onChange={set('value')} />
        </Field>
        <Field id="c-starts" label="Starts" error={err('starts_at')}>
          <Input type="datetime-local" value={form.starts_at} onChange={set('starts_at')} />
        </Field>
        <Field id="c-ends" label="Ends" error={err('ends_at')}>
          <Input type="datetime-local" value={form.ends_at} onChange={set('ends_at')} />
        </Field>
        <Field id="c-origin" label="From (airport)" hint="Optional, with To" error={err('origin')}>
          <Input value={form.origin} onChange={set('origin')} maxLength={3} />
        </Field>
        <Field id="c-destination" label="To (airport)" error={err('destination')}>
          <Input value={form.destination} onChange={set('destination')} maxLength={3} />
        </Field>
        <Field id="c-airline" label="Airline" hint="Optional, e.g. BA" error={err('airline')}>
          <Input value={form.airline} onChange={set('airline')} maxLength={2} />
        </Field>
        <Field id="c-cabin" label="Cabin" error={err('cabin')}>
          <NativeSelect value={form.cabin} onChange={set('cabin')}>
            <option value="">Any</option>
            <option value="economy">Economy</option>
            <option value="premium_economy">Premium economy</option>
            <option value="business">Business</option>
            <option value="first">First</option>
          </NativeSelect>
        </Field>
        <Field id="c-family" label="Fare family" error={err('fare_family')}>
          <NativeSelect value={form.fare_family} onChange={set('fare_family')}>
            <option value="">Any</option>
            <option value="basic">Basic</option>
            <option value="standard">Standard</option>
            <option value="flex">Flex</option>
          </NativeSelect>
        </Field>
      </div>
      {create.isError && !['name', 'value', 'starts_at', 'ends_at', 'origin', 'destination', 'airline', 'cabin', 'fare_family'].some((f) => err(f)) && (
        <Banner variant="error" title="The campaign was not created">
          {create.error.message}
        </Banner>
      )}
      {create.isSuccess && (
        <p role="status" className="text-sm text-success">
          Created “{create.data.data.name}”.
        </p>
      )}
      <Button type="submit" className="self-start" disabled={create.isPending}>
        {create.isPending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
        Create campaign
      </Button>
    </form>
  );
}
