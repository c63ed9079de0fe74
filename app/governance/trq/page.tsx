import type { Metadata } from 'next';
import Link from 'next/link';
import { ArrowDownLeftIcon, ArrowUpRightIcon, CoinsIcon } from 'lucide-react';
import { getViewer } from '@/lib/auth/viewer';
import { config } from '@/lib/config';
import { trqAccount } from '@/lib/governance/trq';
import { trqHistory } from '@/lib/governance/transfers';
import { formatTrq } from '@/lib/governance/trq-amount';
import { chainTrqAccounts, chainTrqMovements, type ChainTrq } from '@/lib/governance/soroban/trq-chain';
import { logger } from '@/lib/log/logger';
import { chainConfig } from '@/lib/stellar/chain-config';
import { ChainTrqSection } from '@/components/governance/chain-trq';
import { SignInPrompt } from '@/components/booking/sign-in-prompt';
import { GovernanceNav } from '@/components/governance/governance-nav';
import { PowerCard } from '@/components/governance/power-card';
import { TransferForm } from '@/components/governance/transfer-form';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'My TRQ' };

/** Where the browser sends on-chain TRQ calls (the RPC node the server reads too). */
function chainTarget() {
  const c = chainConfig();
  return { networkPassphrase: c.networkPassphrase, rpcUrl: c.configured ? c.rpcUrl : '' };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The viewer's TRQ: balance and power, sending to another holder, and every movement in and out.
export default async function TrqPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const cursor = typeof sp.cursor === 'string' && /^[1-9][0-9]{0,17}$/.test(sp.cursor) ? Number(sp.cursor) : undefined;
  const to = typeof sp.to === 'string' && UUID.test(sp.to) ? sp.to : '';
  const viewer = await getViewer();
  const { mode } = config();
  const [me, page] = viewer ? await Promise.all([trqAccount(viewer.id), trqHistory(viewer.id, { cursor, limit: 20 })]) : [null, null];
  // the soroban rail: the linked wallets' TRQ from the contract, one wallet's indexed movements
  const wallet = viewer && typeof sp.wallet === 'string' && viewer.wallets.includes(sp.wallet) ? sp.wallet : viewer?.wallets[0] ?? null;
  const chainCursor = typeof sp.chain_cursor === 'string' && /^[0-9]{1,10}:[0-9]{1,20}-[0-9]{1,10}$/.test(sp.chain_cursor) ? sp.chain_cursor : undefined;
  const chain: ChainTrq | null = viewer
    ? await chainTrqAccounts(viewer.wallets).catch((err) => { logger.warn({ err }, 'TRQ page: the trq contract could not be read'); return null; })
    : null;
  const chainMoves = chain?.configured && wallet ? await chainTrqMovements(wallet, { cursor: chainCursor, limit: 20 }) : null;
  return (
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-6 px-4 py-6 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">My TRQ</h1>
      <GovernanceNav current="/governance/trq" />
      {!viewer || !me || !page ? (
        <SignInPrompt devPersonas={mode.devPersonas} clerk={mode.clerk} returnTo="/governance/trq" why="Sign in to see and send your TRQ." />
      ) : (
        <>
          <PowerCard account={me} />
          <Card>
            <CardHeader>
              <CardTitle>Send TRQ</CardTitle>
              <CardDescription>
                Your voting power moves with the TRQ: proposals whose voting has opened keep the power they read.
                Your account id, for others to send to you: <code className="break-all text-xs">{viewer.id}</code>
              </CardDescription>
            </CardHeader>
            <CardContent><TransferForm balance={me.balance} initialTo={to} /></CardContent>
          </Card>
          {chain && <ChainTrqSection accounts={chain} wallet={wallet} movements={chainMoves} target={chainTarget()} />}
          <section aria-labelledby="history" className="flex flex-col gap-3">
            <h2 id="history" className="text-lg font-semibold">History</h2>
            {page.data.length === 0 ? (
              <EmptyState icon={CoinsIcon} title="No TRQ movements yet">Distributions and transfers you send or receive appear here.</EmptyState>
            ) : (
              <ul className="flex flex-col divide-y rounded-xl border bg-card shadow-sm">
                {page.data.map((m) => (
                  <li key={m.id} className="flex items-start gap-3 px-4 py-3 text-sm">
                    {m.direction === 'in'
                      ? <ArrowDownLeftIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-success" />
                      : <ArrowUpRightIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-muted-foreground" />}
                    <div className="flex min-w-0 flex-1 flex-col gap-0.5">
                      <p>
                        {m.direction === 'in' ? 'From ' : 'To '}
                        <strong>{m.counterparty?.display_name ?? 'the treasury'}</strong>
                        {m.kind === 'distribution' && <span className="text-muted-foreground"> (distribution)</span>}
                      </p>
                      {m.memo && <p className="break-words text-muted-foreground">{m.memo}</p>}
                      <p className="text-xs text-muted-foreground"><time dateTime={m.at}>{new Date(m.at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC</time></p>
                    </div>
                    <span className={`shrink-0 font-medium tabular-nums ${m.direction === 'in' ? 'text-success' : ''}`}>
                      {m.direction === 'in' ? '+' : '−'}{formatTrq(m.amount)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {page.nextCursor && <Button asChild variant="outline" className="self-center"><Link href={`/governance/trq?cursor=${page.nextCursor}`}>Older movements</Link></Button>}
          </section>
        </>
      )}
    </div>
  );
}
