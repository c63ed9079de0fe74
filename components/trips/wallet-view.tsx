'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { WalletIcon } from 'lucide-react';
import type { WalletHistory } from '@/lib/bookings/types';
import { fetchAllPages } from '@/components/api/fetch-all-pages';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { QueryState } from '@/components/ui/query-state';
import { Skeleton } from '@/components/ui/skeleton';
import { TableScroll } from '@/components/ui/table-scroll';
import { money, stamp } from '@/components/flights/format';

const KIND: Record<string, string> = { demo_deposit: 'Demo funds', payment: 'Payment into escrow', refund: 'Refund from escrow' };

/** The traveller's ledger wallet: balance, and every deposit, payment and refund with its booking. */
export function WalletView() {
  const wallet = useQuery({
    queryKey: ['wallet'],
    queryFn: ({ signal }) => fetchAllPages<{ data: WalletHistory; nextCursor: string | null }>('/api/v1/wallet', { signal })
      .then((pages): WalletHistory => ({ ...pages[pages.length - 1].data, entries: pages.flatMap((p) => p.data.entries) })),
  });

  if (wallet.data === undefined) {
    return (
      <QueryState
        query={wallet}
        label="Loading your wallet…"
        skeleton={
          <>
            <Skeleton className="h-28 w-full" />
            <Skeleton className="h-64 w-full" />
          </>
        }
        failed="We couldn’t load your wallet"
      />
    );
  }
  const w = wallet.data;

  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader>
          <CardDescription className="flex items-center gap-2">
            <WalletIcon className="size-4" aria-hidden="true" /> Balance
          </CardDescription>
          <p className="text-3xl font-semibold tabular-nums">{money(w.balance_minor, w.currency, { cents: true })}</p>
          <p className="text-xs text-muted-foreground">Local ledger rail: demo money for trying Traqora; no real funds move.</p>
        </CardHeader>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">History</CardTitle>
        </CardHeader>
        <CardContent>
          {w.entries.length === 0 ? (
            <p className="text-sm text-muted-foreground">
              Nothing yet. Your first payment adds demo funds to this wallet.{' '}
              <Link href="/" className="text-primary underline">
                Search flights
              </Link>
            </p>
          ) : (
            <TableScroll label="Wallet history" className="-mx-2">
              <table className="w-full text-sm">
                <caption className="sr-only">Wallet history, newest first</caption>
                <thead>
                  <tr className="border-b text-left text-muted-foreground">
                    <th scope="col" className="hidden px-2 py-2 font-medium sm:table-cell">
                      Date
                    </th>
                    <th scope="col" className="px-2 py-2 font-medium">
                      What
                    </th>
                    <th scope="col" className="hidden px-2 py-2 font-medium sm:table-cell">
                      Booking
                    </th>
                    <th scope="col" className="px-2 py-2 text-right font-medium">
                      Amount
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {w.entries.map((e) => (
                    <tr key={e.id} className="border-b last:border-0">
                      <td className="hidden px-2 py-2 whitespace-nowrap text-muted-foreground sm:table-cell">
                        <time dateTime={e.created_at}>{stamp(e.created_at)}</time>
                      </td>
                      <td className="px-2 py-2">
                        {KIND[e.kind] ?? e.kind}
                        {e.memo && <span className="hidden text-xs text-muted-foreground sm:block">{e.memo}</span>}
                        {/* Phones: the date and booking columns fold into this cell. */}
                        <span className="block text-xs text-muted-foreground sm:hidden">
                          <time dateTime={e.created_at}>{stamp(e.created_at)}</time>
                          {e.pnr && (
                            <>
                              {' · '}
                              <Link href={`/trips/${e.pnr}`} className="font-mono font-semibold tracking-wider text-primary underline-offset-4 hover:underline">
                                {e.pnr}
                              </Link>
                            </>
                          )}
                        </span>
                      </td>
                      <td className="hidden px-2 py-2 sm:table-cell">
                        {e.pnr ? (
                          <Link href={`/trips/${e.pnr}`} className="font-mono font-semibold tracking-wider text-primary underline-offset-4 hover:underline">
                            {e.pnr}
                          </Link>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td className={cn('px-2 py-2 text-right font-medium whitespace-nowrap tabular-nums', e.amount_minor > 0 && 'text-success')}>
                        {e.amount_minor > 0 ? '+' : '−'}
                        {money(Math.abs(e.amount_minor), e.currency ?? w.currency, { cents: true })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
