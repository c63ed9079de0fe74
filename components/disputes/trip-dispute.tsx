'use client';

import * as React from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { GavelIcon, Loader2Icon } from 'lucide-react';
import type { Booking } from '@/lib/bookings/types';
import type { Dispute } from '@/lib/disputes/types';
import { ApiError } from '@/components/api/fetch-json';
import { Badge } from '@/components/ui/badge';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Skeleton } from '@/components/ui/skeleton';
import { money, stamp } from '@/components/flights/format';
import { Countdown } from '@/components/booking/countdown';
import { bookingKey } from '@/components/trips/use-booking';
import { EvidenceList } from './evidence-list';
import { DISPUTE_STATUS_LABEL } from './status';
import { bookingDisputesKey, postForm, useBookingDispute } from './use-disputes';
import { ChainSettlements } from './chain-settlements';
import { ChainAppeal, passengerMayAppeal } from './chain-appeal';
import { ChainFile } from './chain-file';
import { ChainJuryState } from './chain-jury-state';
import { useNow } from '@/components/ui/use-now';
import { useJuryNow } from './use-jury-now';

const ACCEPT = 'application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg';

function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  return Object.fromEntries((err.problem.errors ?? []).map((e) => [e.field.replace(/^files\[\d+\]$/, 'files'), e.message]));
}
function filesError(err: unknown): string | undefined {
  if (!(err instanceof ApiError)) return undefined;
  const e = err.problem.errors?.find((x) => x.field.startsWith('files'));
  if (!e) return undefined;
  const i = /^files\[(\d+)\]$/.exec(e.field);
  return i ? `File ${Number(i[1]) + 1} ${e.message}` : e.message;
}

/**
 * The dispute panel of a trip: open one (reason and up to 5 files) on a paid or completed
 * booking, then follow it — support's request for more evidence, the jury, the outcome.
 */
export function TripDispute({ booking }: { booking: Booking }) {
  const dispute = useBookingDispute(booking.pnr);
  if (dispute.isPending) return <Skeleton className="h-24 w-full" />;
  if (dispute.isError) return null;
  const d = dispute.data;
  const open = d && ['open', 'awaiting_evidence', 'escalated'].includes(d.status);
  if (!d || !open) {
    if (booking.status !== 'paid' && booking.status !== 'completed') return d ? <DisputeCard booking={booking} dispute={d} fetchedAt={dispute.dataUpdatedAt} /> : null;
    return (
      <div className="flex flex-col gap-4">
        {d && <DisputeCard booking={booking} dispute={d} fetchedAt={dispute.dataUpdatedAt} />}
        <OpenDispute booking={booking} />
        {booking.payment_rail === 'soroban' && booking.status === 'paid' && <ChainFile booking={booking} />}
      </div>
    );
  }
  return <DisputeCard booking={booking} dispute={d} fetchedAt={dispute.dataUpdatedAt} />;
}

function OpenDispute({ booking }: { booking: Booking }) {
  const queryClient = useQueryClient();
  const [expanded, setExpanded] = React.useState(false);
  // one key per attempt at this form: a retry after a lost answer opens nothing twice
  const [key] = React.useState(() => `dispute-${crypto.randomUUID()}`);
  const open = useMutation({
    mutationFn: (form: FormData) => postForm<{ data: Dispute }>('/api/v1/disputes', form, { 'idempotency-key': key }),
    onSuccess: ({ data }) => {
      queryClient.setQueryData(bookingDisputesKey(booking.pnr), data);
      void queryClient.invalidateQueries({ queryKey: bookingKey(booking.pnr) });
    },
  });
  const errors = fieldErrors(open.error);

  if (!expanded) {
    return (
      <section aria-labelledby="dispute-title" className="flex flex-col gap-2">
        <h2 id="dispute-title" className="text-lg font-semibold">
          Something went wrong?
        </h2>
        <p className="text-sm text-muted-foreground">
          If the airline did not deliver what you paid for, open a dispute. While it is open, the money stays in escrow: the airline is not paid
          until support or a jury of TRQ holders decides.
        </p>
        <Button variant="outline" className="w-fit" onClick={() => setExpanded(true)}>
          <GavelIcon aria-hidden="true" /> Open a dispute
        </Button>
      </section>
    );
  }
  return (
    <section aria-labelledby="dispute-title" className="flex flex-col gap-3 rounded-xl border bg-card p-4">
      <h2 id="dispute-title" className="text-lg font-semibold">
        Open a dispute on {booking.pnr}
      </h2>
      <form
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          form.set('pnr', booking.pnr);
          open.mutate(form);
        }}
      >
        <Field id="dispute-reason" label="What happened?" hint="10 to 2,000 characters: what you expected, what happened, and what you ask for." error={errors.reason}>
          <textarea name="reason" required minLength={10} maxLength={2000} rows={4}
            className="rounded-md border border-input bg-background px-3 py-2 text-sm shadow-xs focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none" />
        </Field>
        <Field id="dispute-files" label="Evidence (optional)" hint="Up to 5 files, PDF, PNG or JPEG, 5 MB each: boarding passes, receipts, photos." error={filesError(open.error)}>
          <input type="file" name="files" multiple accept={ACCEPT} className="text-sm file:mr-3 file:rounded-md file:border file:bg-secondary file:px-3 file:py-1.5" />
        </Field>
        {open.isError && !Object.keys(errors).length && (
          <p role="alert" className="text-sm text-destructive">
            {open.error.message}
          </p>
        )}
        <div className="flex gap-2">
          <Button type="submit" disabled={open.isPending}>
            {open.isPending && <Loader2Icon className="animate-spin" aria-hidden="true" />} Open dispute
          </Button>
          <Button type="button" variant="ghost" onClick={() => setExpanded(false)}>
            Not now
          </Button>
        </div>
      </form>
    </section>
  );
}

function DisputeCard({ booking, dispute: d, fetchedAt }: { booking: Booking; dispute: Dispute; fetchedAt: number }) {
  const now = useJuryNow(d.now, fetchedAt);
  const queryClient = useQueryClient();
  const refresh = (data: Dispute) => {
    queryClient.setQueryData(bookingDisputesKey(booking.pnr), data);
    void queryClient.invalidateQueries({ queryKey: bookingKey(booking.pnr) });
  };
  const add = useMutation({
    mutationFn: (form: FormData) => postForm<{ data: Dispute }>(`/api/v1/disputes/${d.id}/evidence`, form),
    onSuccess: ({ data }) => refresh(data),
  });
  const appeal = useMutation({
    mutationFn: () => postForm<{ data: Dispute }>(`/api/v1/disputes/${d.id}/appeal`, new FormData()),
    onSuccess: ({ data }) => refresh(data),
  });
  const round = d.rounds.at(-1);
  const currency = d.currency;
  const canAppeal = d.status === 'escalated' && round?.round === 1 && round.tallied_at && round.appeal_ends_at && Date.parse(round.appeal_ends_at) > now;

  return (
    <Card>
      <CardHeader className="flex flex-row items-center justify-between gap-2">
        <CardTitle as="h2">Your dispute</CardTitle>
        <Badge variant={d.status === 'resolved' ? 'default' : 'secondary'}>{DISPUTE_STATUS_LABEL[d.status]}</Badge>
      </CardHeader>
      <CardContent className="flex flex-col gap-4 text-sm">
        <p className="whitespace-pre-line">{d.reason}</p>
        <p className="text-muted-foreground">
          Opened {stamp(d.created_at)}.{' '}
          {d.held_minor > 0 ? `${money(d.held_minor, currency, { cents: true })} is frozen in escrow until it is settled.` : 'The booking had already been released to the airline.'}
        </p>

        {d.status === 'awaiting_evidence' && d.evidence_request && (
          <Banner variant="warning" title="Support asks for more evidence">
            {d.evidence_request}
          </Banner>
        )}

        <div className="flex flex-col gap-2">
          <h3 className="font-semibold">Evidence</h3>
          <EvidenceList disputeId={d.id} files={d.evidence} />
        </div>

        {(d.status === 'open' || d.status === 'awaiting_evidence') && d.evidence.length < 5 && (
          <form
            className="flex flex-col gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              add.mutate(new FormData(e.currentTarget));
              e.currentTarget.reset();
            }}
          >
            <Field id={`add-evidence-${d.id}`} label="Add files" hint={`PDF, PNG or JPEG, 5 MB each; ${5 - d.evidence.length} more at most.`} error={filesError(add.error)}>
              <input type="file" name="files" multiple required accept={ACCEPT} className="text-sm file:mr-3 file:rounded-md file:border file:bg-secondary file:px-3 file:py-1.5" />
            </Field>
            {add.isError && !filesError(add.error) && <p role="alert" className="text-destructive">{add.error.message}</p>}
            <Button type="submit" size="sm" variant="outline" className="w-fit" disabled={add.isPending}>
              {add.isPending && <Loader2Icon className="animate-spin" aria-hidden="true" />} Send files
            </Button>
          </form>
        )}

        {d.jury === 'chain' && d.chain && <ChainState chain={d.chain} id={d.id} pnr={booking.pnr} currency={currency} />}

        {d.status === 'escalated' && round && (
          <div className="flex flex-col gap-2 rounded-lg border p-3">
            <h3 className="font-semibold">{round.round === 2 ? 'Appeal jury' : 'Jury'}</h3>
            {round.tallied_at === null ? (
              <>
                <p>
                  {round.jury_size} TRQ holders, drawn at random by stake, are deciding between:{' '}
                  {round.options.map((o) => o.label).join('; ')}.
                </p>
                {round.commit_ends_at && Date.parse(round.commit_ends_at) > now && <Countdown until={round.commit_ends_at} now={now} label="Votes close in" className="w-fit" />}
                {round.reveal_ends_at && round.commit_ends_at && Date.parse(round.commit_ends_at) <= now && (
                  <Countdown until={round.reveal_ends_at} now={now} label="Votes revealed in" className="w-fit" />
                )}
              </>
            ) : (
              <>
                <p>
                  The jury decided: <strong>{round.options[round.winning_option ?? 0].label}</strong> (
                  {money(round.options[round.winning_option ?? 0].refund_minor, currency, { cents: true })} back to you).
                </p>
                {canAppeal ? (
                  <div className="flex flex-wrap items-center gap-2">
                    <Countdown until={round.appeal_ends_at!} now={now} label="Appeal closes in" />
                    <Button size="sm" variant="outline" onClick={() => appeal.mutate()} disabled={appeal.isPending}>
                      Appeal to a larger jury
                    </Button>
                  </div>
                ) : (
                  <p className="text-muted-foreground">The verdict is paid once it is final.</p>
                )}
                {appeal.isError && <p role="alert" className="text-destructive">{appeal.error.message}</p>}
              </>
            )}
          </div>
        )}

        {d.resolution && (
          <Banner variant="success" title={d.resolution.source === 'jury' ? 'The jury’s verdict was paid' : 'Support resolved your dispute'}>
            {money(d.resolution.refund_minor, currency, { cents: true })} refunded to you, {money(d.resolution.airline_minor, currency, { cents: true })} to the
            airline{d.resolution.fee_minor ? `, ${money(d.resolution.fee_minor, currency, { cents: true })} platform fee` : ''}.
            {d.resolution.note ? ` ${d.resolution.note}` : ''}
          </Banner>
        )}
        <ChainSettlements rows={d.chain_settlements} currency={currency} />
        {d.status === 'closed' && (
          <Banner variant="info" title="Closed">
            The booking was settled before the dispute was decided.
          </Banner>
        )}
      </CardContent>
    </Card>
  );
}

/**
 * The on-chain jury's state and, while the passenger may appeal, the appeal box: both tick on the
 * real clock (the contract's windows are wall-clock, not the app jury's test clock). The appeal
 * window's countdown shows once, in the box with the button.
 */
function ChainState({ chain, id, pnr, currency }: { chain: NonNullable<Dispute['chain']>; id: string; pnr: string; currency: string }) {
  const now = useNow();
  const mayAppeal = passengerMayAppeal(chain, now);
  return (
    <>
      <ChainJuryState chain={chain} now={now} idPrefix={`dispute-${id}`} appealBelow={mayAppeal} />
      {mayAppeal && <ChainAppeal disputeId={id} pnr={pnr} currency={currency} now={now} />}
    </>
  );
}
