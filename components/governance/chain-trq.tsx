import Link from 'next/link';
import { ArrowDownLeftIcon, ArrowUpRightIcon, LinkIcon } from 'lucide-react';
import type { ChainTrq, ChainTrqMovement } from '@/lib/governance/soroban/trq-chain';
import type { Page } from '@/lib/governance/types';
import { formatTrq } from '@/lib/governance/trq-amount';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import type { TrqTarget } from '@/lib/governance/soroban/delegate-with-wallet';
import { ChainDelegate } from './chain-delegate';

const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

// The viewer's TRQ on the soroban rail: each linked wallet's balance, votes and delegate read from
// the trq contract by simulation, and one wallet's movements from the indexed trq events.
export function ChainTrqSection({ accounts, wallet, movements, target }: {
  accounts: ChainTrq; wallet: string | null; movements: Page<ChainTrqMovement> | null; target: Omit<TrqTarget, 'contractId'>;
}) {
  if (!accounts.configured) return null;
  return (
    <section aria-labelledby="on-chain" className="flex flex-col gap-3">
      <h2 id="on-chain" className="text-lg font-semibold">On chain</h2>
      <Card>
        <CardHeader>
          <CardTitle>Your wallets&apos; TRQ</CardTitle>
          <CardDescription>
            Read from the TRQ contract <code className="break-all text-xs">{accounts.contract_id}</code>. On chain a balance votes only once delegated — to yourself or to another account — and proposals read the votes at their snapshot ledger, so a later change moves no vote already counted.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {accounts.data.length === 0 ? (
            <p className="text-sm">Link a wallet on the <Link className="text-primary underline" href="/wallet">Wallet page</Link> to see its TRQ.</p>
          ) : (
            <ul className="flex flex-col divide-y text-sm">
              {accounts.data.map((a) => (
                <li key={a.address} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <Link href={`/governance/trq?wallet=${a.address}`} className="font-mono text-xs underline" aria-current={wallet === a.address ? 'true' : undefined}>{short(a.address)}</Link>
                  <span className="tabular-nums">{formatTrq(a.balance)} · votes {formatTrq(a.votes)}</span>
                  <span className="text-muted-foreground">
                    {a.delegate === null ? 'not delegated (does not vote)' : a.delegate === a.address ? 'delegates to itself'
                      : <>delegates to <span className="font-mono text-xs">{short(a.delegate)}</span>{a.delegate_votes !== null && <>, whose votes are {formatTrq(a.delegate_votes)}</>}</>}
                  </span>
                  <ChainDelegate address={a.address} delegate={a.delegate} target={{ ...target, contractId: accounts.contract_id }} />
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      {wallet && movements && (
        movements.data.length === 0 ? (
          <EmptyState icon={LinkIcon} title="No TRQ movements on chain yet">Transfers and mints of {short(wallet)} appear here once the chain indexer has read them.</EmptyState>
        ) : (
          <ul aria-label={`TRQ movements of ${short(wallet)} on chain`} className="flex flex-col divide-y rounded-xl border bg-card shadow-sm">
            {movements.data.map((m) => (
              <li key={m.id} className="flex items-start gap-3 px-4 py-3 text-sm">
                {m.direction === 'in'
                  ? <ArrowDownLeftIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-success" />
                  : <ArrowUpRightIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-muted-foreground" />}
                <div className="flex min-w-0 flex-1 flex-col gap-0.5">
                  <p>{m.action === 'mint' ? 'Minted' : m.action === 'burn' ? 'Burned' : m.direction === 'in' ? `From ${short(m.counterparty ?? '')}` : `To ${short(m.counterparty ?? '')}`}</p>
                  <p className="text-xs text-muted-foreground">Ledger {m.ledger.toLocaleString('en-GB')} · <time dateTime={m.at}>{new Date(m.at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC</time> · <code className="break-all">{m.tx_hash.slice(0, 12)}…</code></p>
                </div>
                <span className={`shrink-0 font-medium tabular-nums ${m.direction === 'in' ? 'text-success' : ''}`}>{m.direction === 'in' ? '+' : '−'}{formatTrq(m.amount)}</span>
              </li>
            ))}
          </ul>
        )
      )}
      {wallet && movements?.nextCursor && (
        <Button asChild variant="outline" className="self-center"><Link href={`/governance/trq?wallet=${wallet}&chain_cursor=${encodeURIComponent(movements.nextCursor)}`}>Older movements on chain</Link></Button>
      )}
    </section>
  );
}
