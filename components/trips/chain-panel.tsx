'use client';

import { useQuery } from '@tanstack/react-query';
import { CheckCircle2Icon, ExternalLinkIcon, HourglassIcon, TriangleAlertIcon } from 'lucide-react';
import type { Booking } from '@/lib/bookings/types';
import type { FeeRebate } from '@/lib/loyalty/types';
import type { BookingChainView } from '@/lib/payments/soroban/booking-chain';
import { minorUnits } from '@/lib/stellar/token-units';
import { fetchJson } from '@/components/api/fetch-json';
import { useLive } from '@/components/live/live-provider';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { QueryState } from '@/components/ui/query-state';
import { money, stamp } from '@/components/flights/format';
import { FeeRebateList } from '@/components/loyalty/fee-rebates';
import { SegmentReceiptLine, VerifyReceipts } from './segment-receipt';

// A soroban-rail booking as the chain tells it: the payment transaction, each segment's escrow
// state from the indexed contract events, whether it matches the booking, and the settlements the
// server signer has sent. The live stream refreshes it as the chain moves (payments, settlements,
// and every contract event indexed for this booking); it polls only while the stream is down.

const STATE_TEXT: Record<string, string> = {
  paid: 'Held in escrow',
  refund_requested: 'Refund requested',
  disputed: 'Frozen for a dispute',
  released: 'Paid to the airline',
  refunded: 'Refunded',
  expired: 'Expired and refunded',
};

const shortHash = (h: string) => `${h.slice(0, 8)}…${h.slice(-6)}`;

function TxLink({ hash, explorerUrl }: { hash: string; explorerUrl: string | null }) {
  if (!explorerUrl) return <span className="font-mono">{shortHash(hash)}</span>;
  return (
    <a href={`${explorerUrl}/tx/${hash}`} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 font-mono text-primary underline underline-offset-2">
      {shortHash(hash)}
      <ExternalLinkIcon className="size-3.5" aria-hidden="true" />
      <span className="sr-only">(opens Stellar Expert in a new tab)</span>
    </a>
  );
}

export function ChainPanel({ booking, explorerUrl }: { booking: Booking; explorerUrl: string | null }) {
  const live = useLive().state;
  const view = useQuery({
    queryKey: ['booking-chain', booking.pnr, booking.status],
    queryFn: ({ signal }) => fetchJson<{ data: BookingChainView & { fee_rebates?: FeeRebate[] } }>(`/api/v1/bookings/${encodeURIComponent(booking.pnr)}/chain`, { signal }).then((r) => r.data),
    // Live: payment, settlement and chain.event_indexed events (which name this booking's
    // traveller) invalidate it (components/live/live-provider.tsx). Without the stream, poll.
    refetchInterval: (q) => (q.state.data?.reconciled || live === 'live' ? false : 5_000),
  });
  const payment = booking.chain_payments?.find((p) => p.status === 'confirmed');
  const v = view.data;
  const settlements = booking.chain_settlements ?? [];

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">On the Stellar network</CardTitle>
        <CardDescription>What the escrow contract says, read from the chain’s events.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4 text-sm">
        {payment && (
          <p>
            Paid in transaction <TxLink hash={payment.tx_hash} explorerUrl={explorerUrl} /> (ledger {payment.ledger})
          </p>
        )}
        {v ? (
          <>
            <p className="flex items-center gap-2 font-medium" data-testid="chain-reconciled">
              {v.reconciled ? (
                <>
                  <CheckCircle2Icon className="size-4 text-success" aria-hidden="true" /> Reconciled with the escrow contract
                </>
              ) : (
                <>
                  <HourglassIcon className="size-4 text-muted-foreground" aria-hidden="true" /> Waiting for the chain index…
                </>
              )}
            </p>
            <ul className="flex flex-col gap-2">
              {v.segments.map((s) => {
                const seg = booking.segments.find((x) => x.seq === s.seq);
                return (
                  <li key={s.seq} className="rounded-lg border p-2">
                    <p className="font-medium">
                      {seg ? `${seg.designator} ${seg.origin.iata}–${seg.destination.iata}` : `Segment ${s.seq}`} ·{' '}
                      {s.chain_state ? STATE_TEXT[s.chain_state] : 'Not indexed yet'}
                    </p>
                    <p className="text-xs text-muted-foreground">
                      Escrow booking {s.booking_id}
                      {s.chain_amount && ` · ${money(minorUnits(s.chain_amount), booking.price.currency, { cents: true })} in the token`}
                      {s.last_ledger && ` · ledger ${s.last_ledger}`}
                    </p>
                    {s.receipt && <SegmentReceiptLine receipt={s.receipt} explorerUrl={explorerUrl} />}
                    {!s.agrees && s.chain_state && (
                      <p className="mt-1 flex items-start gap-1 text-xs text-foreground">
                        <TriangleAlertIcon className="mt-0.5 size-3.5 shrink-0 text-warning" aria-hidden="true" />
                        {settlements.some((x) => x.seq === s.seq && x.status !== 'confirmed') ? 'The settlement is on its way to the escrow.' : s.detail}
                      </p>
                    )}
                  </li>
                );
              })}
            </ul>
            {v.segments.some((s) => s.receipt) && <VerifyReceipts pnr={booking.pnr} />}
          </>
        ) : (
          <QueryState query={view} label="Reading the chain index…" failed="The chain index is unavailable right now" layout="compact" />
        )}
        {v?.fee_rebates && <FeeRebateList rebates={v.fee_rebates} explorerUrl={explorerUrl} />}
        {settlements.length > 0 && (
          <div>
            <h3 className="mb-1 font-semibold">Settlements</h3>
            <ul className="flex flex-col gap-1">
              {settlements.map((s) => (
                <li key={s.seq}>
                  Segment {s.seq}: {s.kind === 'release' ? 'release to the airline' : `refund ${money(s.refund_minor, booking.price.currency, { cents: true })}`} ·{' '}
                  {s.status === 'confirmed' ? 'done' : s.status === 'failed' ? 'failed; an operator will retry' : 'sending'}
                  {s.tx_hash && (
                    <>
                      {' · '}
                      <TxLink hash={s.tx_hash} explorerUrl={explorerUrl} />
                    </>
                  )}
                  <span className="block text-xs text-muted-foreground">{stamp(s.at)}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
