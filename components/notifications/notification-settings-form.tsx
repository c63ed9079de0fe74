'use client';

import * as React from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { ApiError, fetchJson } from '@/components/api/fetch-json';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { QueryState } from '@/components/ui/query-state';
import { TableScroll } from '@/components/ui/table-scroll';
import { PushToggle } from './push-toggle';

// /settings/notifications: where email goes, the time zone quiet hours are read in, the quiet
// hours themselves, and every kind of notification × channel (in-app is always on).

interface Preference { type: string; label: string; description: string; channel: string; enabled: boolean; default: boolean }
interface Settings { email: string | null; phone: string | null; time_zone: string; quiet_start: string | null; quiet_end: string | null; preferences: Preference[] }

const KEY = ['notifications', 'settings'] as const;
const CHANNEL_LABEL: Record<string, string> = { email: 'Email', push: 'Browser', sms: 'Text' };

function zones(current: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set(['UTC', current, ...all])];
}

export function NotificationSettingsForm({ suggestedEmail }: { suggestedEmail: string | null }) {
  const settings = useQuery({ queryKey: KEY, queryFn: ({ signal }) => fetchJson<{ data: Settings }>('/api/v1/notifications/preferences', { signal }).then((r) => r.data) });
  if (!settings.data) return <QueryState query={settings} label="Loading your notification settings…" failed="We couldn’t load your settings" />;
  return <SettingsEditor initial={settings.data} suggestedEmail={suggestedEmail} />;
}

function SettingsEditor({ initial, suggestedEmail }: { initial: Settings; suggestedEmail: string | null }) {
  const queryClient = useQueryClient();
  const [email, setEmail] = React.useState(initial.email ?? suggestedEmail ?? '');
  const [phone, setPhone] = React.useState(initial.phone ?? '');
  const [timeZone, setTimeZone] = React.useState(initial.time_zone);
  const [quiet, setQuiet] = React.useState(initial.quiet_start !== null);
  const [quietStart, setQuietStart] = React.useState(initial.quiet_start ?? '22:00');
  const [quietEnd, setQuietEnd] = React.useState(initial.quiet_end ?? '07:00');
  const [prefs, setPrefs] = React.useState(() => new Map(initial.preferences.map((p) => [`${p.type}:${p.channel}`, p.enabled])));
  const browserZone = React.useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone, []);
  const kinds = initial.preferences.filter((p, i, all) => all.findIndex((q) => q.type === p.type) === i);
  const channels = [...new Set(initial.preferences.map((p) => p.channel))];

  const save = useMutation({
    mutationFn: () => fetchJson<{ data: Settings }>('/api/v1/notifications/preferences', {
      method: 'PUT', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: email.trim() || null, phone: phone.trim() || null, time_zone: timeZone,
        quiet_start: quiet ? quietStart : null, quiet_end: quiet ? quietEnd : null,
        preferences: [...prefs].map(([k, enabled]) => { const [type, channel] = k.split(':'); return { type, channel, enabled }; }),
      }),
    }),
    onSuccess: (r) => {
      queryClient.setQueryData(KEY, r.data);
      toast.success('Notification settings saved');
    },
  });
  const fieldError = (f: string) => (save.error instanceof ApiError ? save.error.problem.errors?.find((e) => e.field === `body.${f}`)?.message : undefined);

  return (
    <form className="flex flex-col gap-6" onSubmit={(e) => { e.preventDefault(); save.mutate(); }} noValidate>
      {save.error && !(save.error instanceof ApiError && save.error.problem.errors?.length) && (
        <Banner variant="error" title="We couldn’t save your settings">{save.error.message}</Banner>
      )}
      <Card>
        <CardHeader>
          <CardTitle as="h2">Where and when</CardTitle>
          <CardDescription>Emails and texts go here. Quiet hours hold emails back until they end, except a cancelled flight or a failed payment.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <Field id="email" label="Email for notifications" hint="Leave empty for in-app only." error={fieldError('email')} className="sm:col-span-2">
            <Input type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          </Field>
          <Field id="phone" label="Mobile number for texts" hint="International format, e.g. +447700900123. Texts are for flight disruptions unless you choose more." error={fieldError('phone')} className="sm:col-span-2">
            <Input type="tel" autoComplete="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
          </Field>
          <div className="flex flex-col gap-1.5 sm:col-span-2">
            <span className="text-sm font-medium">Browser notifications</span>
            <PushToggle />
          </div>
          <Field id="time_zone" label="Your time zone" error={fieldError('time_zone')}>
            <NativeSelect value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
              {zones(timeZone).map((z) => <option key={z} value={z}>{z.replace(/_/g, ' ')}</option>)}
            </NativeSelect>
          </Field>
          <div className="flex items-end">
            {browserZone && browserZone !== timeZone && (
              <Button type="button" variant="ghost" size="sm" onClick={() => setTimeZone(browserZone)}>Use {browserZone.replace(/_/g, ' ')}</Button>
            )}
          </div>
          <label className="flex items-center gap-2 text-sm font-medium sm:col-span-2">
            <input type="checkbox" className="size-4 accent-primary" checked={quiet} onChange={(e) => setQuiet(e.target.checked)} />
            Quiet hours
          </label>
          {quiet && (
            <>
              <Field id="quiet_start" label="From" error={fieldError('quiet_start')}>
                <Input type="time" value={quietStart} onChange={(e) => setQuietStart(e.target.value)} />
              </Field>
              <Field id="quiet_end" label="Until" error={fieldError('quiet_end')}>
                <Input type="time" value={quietEnd} onChange={(e) => setQuietEnd(e.target.value)} />
              </Field>
            </>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle as="h2">What you hear about</CardTitle>
          <CardDescription>Everything always appears in the app. Choose what also reaches you elsewhere.</CardDescription>
        </CardHeader>
        <CardContent>
          <TableScroll label="Notification channels by kind">
            <table className="w-full text-sm">
              <caption className="sr-only">Notification channels by kind</caption>
              <thead>
                <tr className="border-b text-left">
                  <th scope="col" className="py-2 pr-4 font-medium">Notification</th>
                  <th scope="col" className="px-3 py-2 text-center font-medium">In app</th>
                  {channels.map((c) => <th key={c} scope="col" className="px-3 py-2 text-center font-medium">{CHANNEL_LABEL[c] ?? c}</th>)}
                </tr>
              </thead>
              <tbody>
                {kinds.map((k) => (
                  <tr key={k.type} className="border-b last:border-0">
                    <th scope="row" className="py-3 pr-4 text-left font-normal">
                      <span className="block font-medium">{k.label}</span>
                      <span className="block text-muted-foreground">{k.description}</span>
                    </th>
                    <td className="px-3 text-center">
                      <input type="checkbox" className="size-4 accent-primary" checked disabled aria-label={`${k.label} in the app (always on)`} />
                    </td>
                    {channels.map((c) => (
                      <td key={c} className="px-3 text-center">
                        <input type="checkbox" className="size-4 accent-primary" aria-label={`${k.label} by ${(CHANNEL_LABEL[c] ?? c).toLowerCase()}`}
                          checked={prefs.get(`${k.type}:${c}`) ?? false}
                          onChange={(e) => setPrefs((m) => new Map(m).set(`${k.type}:${c}`, e.target.checked))} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </CardContent>
      </Card>
      <Button type="submit" className="self-start" disabled={save.isPending}>{save.isPending ? 'Saving…' : 'Save settings'}</Button>
    </form>
  );
}
