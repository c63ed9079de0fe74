import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ArrowLeftIcon } from 'lucide-react';
import { getAdminBooking } from '@/lib/admin/bookings';
import { consolePage } from '@/lib/admin/console-page';
import { can } from '@/lib/admin/permissions';
import { isDatabaseProblem } from '@/lib/db/port';
import { pnrParams } from '@/app/api/v1/bookings/[pnr]/params';
import { AuditRows } from '@/components/admin/audit-rows';
import { CancelBookingDialog } from '@/components/admin/cancel-booking-dialog';
import { GoodwillRefundDialog } from '@/components/refunds/goodwill-refund-dialog';
import { proposeRefundAction } from '@/app/admin/refunds/actions';
import { money } from '@/components/flights/format';
import { BookingStatusBadge } from '@/components/trips/booking-status';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';

export const dynamic = 'force-dynamic';

type Params = Promise<{ pnr: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Booking ${(await params).pnr.toUpperCase()}` };
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC' : '—');

export default async function AdminBookingPage({ params }: { params: Params }) {
  const { viewer } = await consolePage('bookings.read');
  const parsed = pnrParams.safeParse(await params);
  if (!parsed.success) notFound();
  const b = await getAdminBooking(parsed.data.pnr).catch((err) => {
    if (isDatabaseProblem(err) && err.status === 404) notFound();
    throw err;
  });
  const cur = b.price.currency;
  const cancellable = b.available_actions.includes('cancel') && can(viewer, 'bookings.cancel');
  // a goodwill refund comes out of escrow, so only a paid booking (not yet released) can have one
  const goodwill = b.status === 'paid' && can(viewer, 'refunds.propose');

  return (
    <>
      <Link href="/admin/bookings" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeftIcon className="size-4" aria-hidden="true" /> Bookings
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex flex-col gap-1">
          <h1 className="flex items-center gap-3 text-2xl font-semibold tracking-tight">
            <span className="font-mono">{b.pnr}</span> <BookingStatusBadge status={b.status} />
          </h1>
          <p className="text-sm text-muted-foreground">
            Booked {when(b.created_at)} by <Link className="underline underline-offset-4" href={`/admin/users/${b.user.id}`}>{b.user.name}</Link>
            {b.user.status === 'suspended' && ' (suspended)'} · {b.payment_rail ? `paid on the ${b.payment_rail} rail` : 'not paid'}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {goodwill && <GoodwillRefundDialog pnr={b.pnr} totalMinor={b.price.total_minor} currency={cur} action={proposeRefundAction} />}
          {cancellable && <CancelBookingDialog pnr={b.pnr} />}
        </div>
      </div>

      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader><CardTitle>Itinerary and passengers</CardTitle></CardHeader>
          <CardContent className="flex flex-col gap-4 text-sm">
            <ul className="flex flex-col gap-2">
              {b.segments.map((s) => (
                <li key={s.seq} className="flex flex-wrap gap-x-3">
                  <span className="font-medium">{s.designator}</span> <span className="text-muted-foreground">{s.airline_name}</span>
                  <span>{s.origin.iata} → {s.destination.iata}</span>
                  <span className="text-muted-foreground">departs {when(s.departs_at)}</span>
                </li>
              ))}
            </ul>
            <ul className="flex flex-col gap-1">
              {b.passengers.map((p) => <li key={p.seq}>{p.given_name} {p.family_name} <span className="text-muted-foreground">({p.type})</span></li>)}
            </ul>
            <p className="text-muted-foreground">Contact: {b.contact.email} · {b.contact.phone}</p>
          </CardContent>
        </Card>
        <Card>
          <CardHeader><CardTitle>Money</CardTitle></CardHeader>
          <CardContent>
            <dl className="grid grid-cols-2 gap-y-1 text-sm">
              <dt className="text-muted-foreground">Total</dt><dd className="tabular-nums">{money(b.price.total_minor, cur, { cents: true })}</dd>
              <dt className="text-muted-foreground">Taxes</dt><dd className="tabular-nums">{money(b.price.taxes_minor, cur, { cents: true })}</dd>
              <dt className="text-muted-foreground">Refunded</dt><dd className="tabular-nums">{b.refund_minor === null ? '—' : money(b.refund_minor, cur, { cents: true })}</dd>
              <dt className="text-muted-foreground">In ledger escrow</dt><dd className="tabular-nums">{money(b.escrow_balance_minor, cur, { cents: true })}</dd>
              <dt className="text-muted-foreground">Fare</dt><dd>{b.fare_family_name}</dd>
            </dl>
          </CardContent>
        </Card>
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader><CardTitle>Timeline</CardTitle></CardHeader>
          <CardContent>
            <ol className="flex flex-col gap-2 text-sm">
              {b.timeline.map((e, i) => (
                <li key={i} className="flex flex-col"><span className="font-medium">{e.note}</span><span className="text-xs text-muted-foreground">{when(e.at)}</span></li>
              ))}
            </ol>
          </CardContent>
        </Card>
        <Card>
          <CardHeader><CardTitle>Payments and settlements</CardTitle></CardHeader>
          <CardContent className="flex flex-col gap-3 text-sm">
            {!b.payments.length && !b.chain_payments?.length && !b.chain_settlements?.length && <p className="text-muted-foreground">No money has moved.</p>}
            {b.payments.length > 0 && (
              <ul className="flex flex-col gap-1">
                {b.payments.map((p, i) => <li key={i}>{p.memo}: <span className="tabular-nums">{money(p.amount_minor, cur, { cents: true })}</span> <span className="text-xs text-muted-foreground">{when(p.at)}</span></li>)}
              </ul>
            )}
            {b.chain_payments?.map((p) => (
              <p key={p.tx_hash} className="break-all">
                On-chain payment <span className="font-mono text-xs">{p.tx_hash}</span> from <span className="font-mono text-xs">{p.payer}</span>: {p.status}{p.ledger ? ` in ledger ${p.ledger}` : ''}
              </p>
            ))}
            {b.chain_settlements?.map((s) => (
              <p key={s.seq} className="break-all">
                Settlement (segment {s.seq}, {s.kind}): {s.status}{s.tx_hash ? <> · <span className="font-mono text-xs">{s.tx_hash}</span></> : null}{s.error ? ` · ${s.error}` : ''}
              </p>
            ))}
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader><CardTitle>Audit log</CardTitle></CardHeader>
        <CardContent><AuditRows rows={b.audit} empty="No staff action on this booking yet." /></CardContent>
      </Card>
    </>
  );
}
