'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { ExternalLinkIcon } from 'lucide-react';
import type { ChainWalletEntry } from '@/lib/payments/soroban/history';
import { fetchAllPages } from '@/components/api/fetch-all-pages';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { QueryState } from '@/components/ui/query-state';
import { Skeleton } from '@/components/ui/skeleton';
import { money, stamp } from '@/components/flights/format';

// On the soroban rail the money is in the traveller's own Stellar accounts and the escrow
// contract, not in a Traqora balance: this lists what went on chain and what came back.

const STATUS: Record<ChainWalletEntry['status'], { label: string; variant: 'success' | 'warning' | 'destructive' | 'secondary' }> = {
  confirmed: { label: 'Confirmed', variant: 'success' },
  submitted: { label: 'Confirming', variant: 'warning' },
  pending: { label: 'Being sent', variant: 'warning' },
  failed: { label: 'Failed', variant: 'destructive' },
};

const short = (s: string) => `${s.slice(0, 6)}…${s.slice(-6)}`;

export function ChainWalletView({ explorerUrl }: { explorerUrl: string | null }) {
  const history = useQuery({
    queryKey: ['wallet', 'chain'],
    queryFn: ({ signal }) => fetchAllPages<{ data: ChainWalletEntry[]; nextCursor: string | null }>('/api/v1/wallet/chain', { signal }).then((pages) => pages.flatMap((p) => p.data)),
  });
  if (history.data === undefined) {
    return <QueryState query={history} label="Loading your payments…" skeleton={<Skeleton className="h-64 w-full" />} failed="We couldn’t load your payments" />;
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">On-chain payments and refunds</CardTitle>
        <CardDescription>
          You pay from your own Stellar wallet into Traqora’s escrow contract; refunds go back to the account that paid. Balances live in your wallet.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {history.data.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            Nothing yet. <Link href="/" className="text-primary underline">Search flights</Link> to book your first trip.
          </p>
        ) : (
          <ul className="divide-y">
            {history.data.map((e, i) => (
              <li key={`${e.kind}-${e.tx_hash ?? i}-${e.pnr}`} className="flex flex-wrap items-start justify-between gap-2 py-3 text-sm first:pt-0 last:pb-0">
                <span className="grid gap-0.5">
                  <span className="font-medium">
                    {e.kind === 'payment' ? 'Payment into escrow' : 'Refund from escrow'} ·{' '}
                    <Link href={`/trips/${e.pnr}`} className="font-mono text-primary underline underline-offset-2">
                      {e.pnr}
                    </Link>
                  </span>
                  <span className="text-xs text-muted-foreground">
                    {stamp(e.at)}
                    {e.account && ` · account ${short(e.account)}`}
                    {e.tx_hash && (
                      <>
                        {' · '}
                        {explorerUrl ? (
                          <a href={`${explorerUrl}/tx/${e.tx_hash}`} target="_blank" rel="noreferrer" className="inline-flex items-center gap-0.5 font-mono text-primary underline">
                            {short(e.tx_hash)}
                            <ExternalLinkIcon className="size-3" aria-hidden="true" />
                            <span className="sr-only">(opens Stellar Expert in a new tab)</span>
                          </a>
                        ) : (
                          <span className="font-mono">{short(e.tx_hash)}</span>
                        )}
                      </>
                    )}
                  </span>
                  {e.error && <span className="text-xs text-destructive">{e.error}</span>}
                </span>
                <span className="flex items-center gap-2">
                  <Badge variant={STATUS[e.status].variant}>{STATUS[e.status].label}</Badge>
                  <span className="tabular-nums font-medium">
                    {e.kind === 'payment' ? '−' : '+'}
                    {money(e.amount_minor, e.currency, { cents: true })}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
