import type { Metadata } from 'next';
import Link from 'next/link';
import { WalletIcon } from 'lucide-react';
import { readListPage } from '@/lib/admin/list-page';
import { airlinePayouts } from '@/lib/airline/portal';
import { portalPage } from '@/lib/airline/portal-page';
import { ListHeader } from '@/components/admin/list/header';
import { listHref } from '@/components/admin/list/href';
import { ListPager } from '@/components/admin/list/pager';
import { ListProblem } from '@/components/admin/list/problem';
import { ListTable } from '@/components/admin/list/table';
import { money, stamp } from '@/components/flights/format';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Payouts · Airline portal' };

const CURRENCY = 'USD';

// What the airline has been paid, what is on its way and what escrow still holds for it. The
// released list pages by cursor (?cursor=, older payouts on the next page).
export default async function AirlinePayoutsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { airline } = await portalPage();
  const raw = (await searchParams).cursor;
  const cursor = typeof raw === 'string' ? raw : undefined;
  const { page, stale } = await readListPage(() => airlinePayouts(airline, { cursor, limit: 50 }), null);
  const p = page?.data ?? (await airlinePayouts(airline, { limit: 50 })).data;
  const totals = [
    { label: 'Released to you', value: p.released_minor, hint: 'Ledger releases and confirmed on-chain settlements' },
    { label: 'On its way', value: p.pending_minor, hint: 'On-chain settlements not yet confirmed' },
    { label: 'Held in escrow', value: p.held_minor, hint: 'Your share of paid bookings, released after the flight' },
  ];
  return (
    <>
      <ListHeader title={`Payouts · ${airline}`}>Your share of each booking is released from escrow after the flight, less the platform fee.</ListHeader>
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
        <ListTable
          caption="On-chain settlements not yet confirmed, newest first"
          className="min-w-[36rem]"
          rows={p.pending}
          rowKey={(s) => s.id}
          empty={<p className="text-sm text-muted-foreground">No on-chain settlement is waiting.</p>}
          columns={[
            { header: 'Booking', className: 'font-mono', cell: (s) => <>{s.pnr} <span className="text-xs text-muted-foreground">segment {s.seq}</span></> },
            { header: 'Kind', cell: (s) => s.kind },
            {
              header: 'Status',
              cell: (s) => (
                <>
                  <Badge variant={s.status === 'failed' ? 'destructive' : 'warning'}>{s.status}</Badge>
                  {s.status === 'failed' && <span className="block text-xs text-muted-foreground">Traqora finance retries it</span>}
                </>
              ),
            },
            { header: 'Amount', align: 'right', className: 'tabular-nums', cell: (s) => money(s.amount_minor, s.currency, { cents: true }) },
          ]}
        />
      </section>

      <section aria-labelledby="released-title" className="flex flex-col gap-3">
        <h2 id="released-title" className="text-lg font-semibold">Released</h2>
        {stale && <ListProblem>That page of payouts can no longer be read; <Link href="/airline/payouts" className="underline">start from the newest</Link>.</ListProblem>}
        <ListTable
          caption={`Payouts released to ${airline}, newest first`}
          className="min-w-[36rem]"
          rows={stale ? [] : p.released}
          rowKey={(r) => `${r.rail}-${r.id}`}
          empty={stale ? null : <EmptyState icon={WalletIcon} title="Nothing released yet">Releases appear here after your flights have flown.</EmptyState>}
          columns={[
            { header: 'When', className: 'tabular-nums', cell: (r) => stamp(r.at) },
            { header: 'Booking', className: 'font-mono', cell: (r) => r.pnr ?? '—' },
            {
              header: 'What',
              cell: (r) => (
                <>
                  {r.kind === 'release' ? 'Release after the flight' : r.kind === 'cancellation_fee' || r.kind === 'cancellation' ? 'Share kept on cancellation' : r.kind}
                  <span className="block text-xs text-muted-foreground">{r.rail === 'soroban' ? 'on chain' : 'ledger'}</span>
                </>
              ),
            },
            { header: 'Amount', align: 'right', className: 'tabular-nums', cell: (r) => money(r.amount_minor, r.currency, { cents: true }) },
          ]}
        />
        <ListPager first={cursor ? '/airline/payouts' : null} next={page?.nextCursor ? listHref('/airline/payouts', { cursor: page.nextCursor }) : null} nextLabel="Older payouts" />
      </section>
    </>
  );
}
