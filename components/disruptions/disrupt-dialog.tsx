'use client';

import * as React from 'react';
import { useMutation } from '@tanstack/react-query';
import { Loader2Icon } from 'lucide-react';
import type { AdminFlight, BulkRowResult, DisruptionOutcome } from '@/lib/disruptions/types';
import { ApiError, fetchJson } from '@/components/api/fetch-json';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { plural } from '@/components/flights/format';

export type DisruptKind = 'cancelled' | 'delayed';

/**
 * Delay or cancel one or more flights, with the reason the audit trail records. One flight goes
 * to its own endpoint; several go to the bulk endpoint, whose per-row results are shown.
 */
export function DisruptDialog({ kind, flights, open, onOpenChange, onDone }: {
  kind: DisruptKind;
  flights: AdminFlight[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDone: () => void;
}) {
  const [reason, setReason] = React.useState('');
  const [minutes, setMinutes] = React.useState('60');
  const [results, setResults] = React.useState<BulkRowResult[] | null>(null);
  const single = flights.length === 1;

  const mutation = useMutation({
    mutationFn: async () => {
      const change = (f: AdminFlight) =>
        kind === 'cancelled'
          ? { status: 'cancelled' as const }
          : { status: 'delayed' as const, departs_at: new Date(Date.parse(f.departs_at) + Number(minutes) * 60_000).toISOString() };
      if (single) {
        const { data } = await fetchJson<{ data: DisruptionOutcome }>(`/api/v1/admin/flights/${flights[0].id}/status`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...change(flights[0]), reason }),
        });
        return [{ flight_id: flights[0].id, ok: true, outcome: data }] as BulkRowResult[];
      }
      const { data } = await fetchJson<{ data: BulkRowResult[] }>('/api/v1/admin/flights/status-updates', {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ reason, updates: flights.map((f) => ({ flight_id: f.id, ...change(f) })) }),
      });
      return data;
    },
    onSuccess: (rows) => {
      setResults(rows);
      onDone();
    },
  });

  const fieldError = (name: string) =>
    mutation.error instanceof ApiError ? mutation.error.problem.errors?.find((e) => e.field.endsWith(name))?.message : undefined;
  const close = (next: boolean) => {
    if (!next) {
      setResults(null);
      setReason('');
      mutation.reset();
    }
    onOpenChange(next);
  };
  const designators = flights.map((f) => f.designator).join(', ');
  const title = kind === 'cancelled' ? `Cancel ${single ? `flight ${designators}` : plural(flights.length, 'flight')}` : `Delay ${single ? `flight ${designators}` : plural(flights.length, 'flight')}`;

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>
            {kind === 'cancelled'
              ? 'Every paid booking is refunded in full, unpaid holds are cancelled and the seats released. Travellers are told through their trips.'
              : 'Departure and arrival move by the delay. Over 3 hours from the schedule, the bookings get free cancellation.'}
          </DialogDescription>
        </DialogHeader>
        {results ? (
          <ResultList results={results} flights={flights} />
        ) : (
          <form
            id="disrupt-form"
            className="flex flex-col gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              mutation.mutate();
            }}
          >
            {!single && <p className="text-sm text-muted-foreground">{designators}</p>}
            {kind === 'delayed' && (
              <Field id="delay-minutes" label="Delay (minutes)" hint="From the current departure time" error={fieldError('departs_at')}>
                <Input type="number" min={5} max={4320} step={5} required value={minutes} onChange={(e) => setMinutes(e.target.value)} />
              </Field>
            )}
            <Field id="disrupt-reason" label="Reason" hint="Recorded in the audit trail (3–500 characters)" error={fieldError('reason')}>
              <Input required minLength={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
            </Field>
            {mutation.error && !fieldError('reason') && !fieldError('departs_at') && (
              <Banner variant="error" compact>
                {mutation.error.message}
              </Banner>
            )}
          </form>
        )}
        <DialogFooter>
          {results ? (
            <Button onClick={() => close(false)}>Done</Button>
          ) : (
            <>
              <Button variant="outline" onClick={() => close(false)}>
                Keep as is
              </Button>
              <Button type="submit" form="disrupt-form" variant={kind === 'cancelled' ? 'destructive' : 'default'} disabled={mutation.isPending}>
                {mutation.isPending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
                {kind === 'cancelled' ? 'Cancel and refund' : 'Delay'}
              </Button>
            </>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

function ResultList({ results, flights }: { results: BulkRowResult[]; flights: AdminFlight[] }) {
  const name = (id: number) => flights.find((f) => f.id === id)?.designator ?? `#${id}`;
  return (
    <ul className="flex flex-col gap-2 text-sm" aria-label="Results">
      {results.map((r) =>
        r.ok ? (
          <li key={r.flight_id} className="rounded-md border border-success/60 p-2">
            <span className="font-medium">{name(r.flight_id)}</span>: {r.outcome.changed ? `now ${r.outcome.flight.status}` : `already ${r.outcome.flight.status}, nothing changed`}
            {r.outcome.refunded.length > 0 && ` · ${plural(r.outcome.refunded.filter((b) => b.was_paid).length, 'booking')} refunded, ${plural(r.outcome.refunded.filter((b) => !b.was_paid).length, 'hold')} cancelled`}
            {r.outcome.waived.length > 0 && ` · free cancellation for ${plural(r.outcome.waived.length, 'booking')}`}
          </li>
        ) : (
          <li key={r.flight_id} className="rounded-md border border-destructive/50 p-2">
            <span className="font-medium">{name(r.flight_id)}</span>: not changed. {r.detail}
          </li>
        ),
      )}
    </ul>
  );
}
