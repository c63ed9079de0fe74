import type { Metadata } from 'next';
import { WalletIcon } from 'lucide-react';
import { airlinePayouts } from '@/lib/airline/portal';
import { portalPage } from '@/lib/airline/portal-page';
import { money, stamp } from '@/components/flights/format';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Payouts · Airline portal' };

const CURRENCY = 'USD';

// What the airline has been paid, what is on its way and what escrow still holds for it.
export default async function AirlinePayoutsPage() {
  const { airline } = await portalPage();
  const p = await airlinePayouts(airline, 50);
  const totals = [
    { label: 'Released to you', value: p.released_minor, hint: 'Ledger releases and confirmed on-chain settlements' },
    { label: 'On its way', value: p.pending_minor, hint: 'On-chain settlements not yet confirmed' },
    { label: 'Held in escrow', value: p.held_minor, hint: 'Your share of paid bookings, released after the flight' },
  ];
  return (
    <>
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Payouts · {airline}</h1>
        <p className="text-sm text-muted-foreground">Your share of each booking is released from escrow after the flight, less the platform fee.</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        {totals.map((t) => (
          <Card key={t.label}>
            <CardHeader><CardTitle className="text-sm font-medium text-muted-foreground">{t.label}</CardTitle></CardHeader>
            <CardContent>
              <p className="text-2xl font-semibold tabular-nums">{money(t.value, CURRENCY, { cents: true })}</p>
              <p className="text-xs text-muted-foreground">{t.hint}</p>
            </CardContent>
          </Card>
        ))}
      </div>

      <section aria-labelledby="pending-title" className="flex flex-col gap-3">
        <h2 id="pending-title" className="text-lg font-semibold">Pending settlements</h2>
        {p.pending.length === 0 ? (
          <p className="text-sm text-muted-foreground">No on-chain settlement is waiting.</p>
        ) : (
          <div className="overflow-x-auto rounded-xl border bg-card">
            <table className="w-full min-w-[36rem] text-sm">
              <caption className="sr-only">On-chain settlements not yet confirmed, newest first</caption>
              <thead className="border-b text-left text-muted-foreground">
                <tr>
                  <th scope="col" className="p-3 font-medium">Booking</th>
                  <th scope="col" className="p-3 font-medium">Kind</th>
                  <th scope="col" className="p-3 font-medium">Status</th>
                  <th scope="col" className="p-3 text-right font-medium">Amount</th>
                </tr>
              </thead>
              <tbody className="divide-y">
                {p.pending.map((s) => (
                  <tr key={s.id}>
                    <td className="p-3 font-mono">{s.pnr} <span className="text-xs text-muted-foreground">segment {s.seq}</span></td>
                    <td className="p-3">{s.kind}</td>
                    <td className="p-3">
                      <Badge variant={s.status === 'failed' ? 'destructive' : 'warning'}>{s.status}</Badge>
                      {s.status === 'failed' && <span className="block text-xs text-muted-foreground">Traqora finance retries it</span>}
                    </td>
                    <td className="p-3 text-right tabular-nums">{money(s.amount_minor, s.currency, { cents: true })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="released-title" className="flex flex-col gap-3">
        <h2 id="released-title" className="text-lg font-semibold">Released</h2>
        {p.released.length === 0 ? (
          <EmptyState icon={WalletIcon} title="Nothing released yet">Releases appear here after your flights have flown.</EmptyState>
        ) : (
          <div className="overflow-x-auto rounded-xl border bg-card">
            <table className="w-full min-w-[36rem] text-sm">
              <caption className="sr-only">Payouts released to {airline}, newest first</caption>
              <thead className="border-b text-left text-muted-foreground">
                <tr>
                  <th scope="col" className="p-3 font-medium">When</th>
                  <th scope="col" className="p-3 font-medium">Booking</th>
                  <th scope="col" className="p-3 font-medium">What</th>
                  <th scope="col" className="p-3 text-right font-medium">Amount</th>
                </tr>
              </thead>
              <tbody className="divide-y">
                {p.released.map((r, i) => (
                  <tr key={i}>
                    <td className="p-3 tabular-nums">{stamp(r.at)}</td>
                    <td className="p-3 font-mono">{r.pnr ?? '—'}</td>
                    <td className="p-3">
                      {r.kind === 'release' ? 'Release after the flight' : r.kind === 'cancellation_fee' || r.kind === 'cancellation' ? 'Share kept on cancellation' : r.kind}
                      <span className="block text-xs text-muted-foreground">{r.rail === 'soroban' ? 'on chain' : 'ledger'}</span>
                    </td>
                    <td className="p-3 text-right tabular-nums">{money(r.amount_minor, r.currency, { cents: true })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
