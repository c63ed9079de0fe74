import type { Metadata } from 'next';
import Link from 'next/link';
import { UsersIcon } from 'lucide-react';
import { getViewer } from '@/lib/auth/viewer';
import { listDelegates, trqAccount } from '@/lib/governance/trq';
import { formatTrq } from '@/lib/governance/trq-amount';
import { DelegateButton, StatementForm } from '@/components/governance/delegate-form';
import { GovernanceNav } from '@/components/governance/governance-nav';
import { PowerCard } from '@/components/governance/power-card';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Delegates' };

// The delegate directory by voting power, and the viewer's own delegation: one delegate at a
// time, yourself by default; a change applies to proposals whose snapshot comes after it.
export default async function DelegatesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const cursor = typeof sp.cursor === 'string' && /^[0-9]{1,18}:[0-9a-f-]{36}$/.test(sp.cursor) ? sp.cursor : undefined;
  const viewer = await getViewer();
  const [page, me] = await Promise.all([listDelegates({ cursor, limit: 20 }), viewer ? trqAccount(viewer.id) : null]);
  return (
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-6 px-4 py-6 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">Delegates</h1>
      <GovernanceNav current="/governance/delegates" />
      {me && (
        <>
          <PowerCard account={me} />
          <Card>
            <CardHeader><CardTitle>Your delegation</CardTitle></CardHeader>
            <CardContent className="flex flex-col gap-4 text-sm">
              <p>{me.delegate ? <>You delegate your {formatTrq(me.balance)} to <strong>{me.delegate.display_name}</strong>. Proposals whose voting has already opened keep the power they read.</> : <>You vote with your own TRQ (delegated to yourself). Pick a delegate below to let them vote for you.</>}</p>
              {me.delegate && <DelegateButton delegate={null} label="Delegate back to yourself" />}
              <StatementForm initial={me.delegate_statement} />
            </CardContent>
          </Card>
        </>
      )}
      {page.data.length === 0 ? (
        <EmptyState icon={UsersIcon} title="No delegates yet">Holders with voting power appear here.</EmptyState>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {page.data.map((d) => (
            <li key={d.holder} className="flex flex-col gap-2 rounded-xl border bg-card p-4 shadow-sm">
              <div className="flex items-start justify-between gap-2">
                <h2 className="font-semibold">{d.display_name}{viewer?.id === d.holder && <span className="text-muted-foreground"> (you)</span>}</h2>
                <span className="text-sm font-medium tabular-nums">{formatTrq(d.votes)}</span>
              </div>
              <p className="text-xs text-muted-foreground">{d.delegators} {d.delegators === 1 ? 'delegator' : 'delegators'} · voted on {d.votes_cast} of {d.proposals_open} proposals</p>
              {d.delegate_statement && <p className="text-sm break-words">{d.delegate_statement}</p>}
              {viewer && viewer.id !== d.holder && me?.delegate?.id !== d.holder && <DelegateButton delegate={d.holder} label={`Delegate to ${d.display_name}`} />}
              {me?.delegate?.id === d.holder && <p className="text-xs font-medium text-success">Your delegate</p>}
              {viewer && viewer.id !== d.holder && <Link className="text-xs text-primary underline-offset-4 hover:underline" href={`/governance/trq?to=${d.holder}`}>Send TRQ<span className="sr-only"> to {d.display_name}</span></Link>}
            </li>
          ))}
        </ul>
      )}
      {page.nextCursor && <Button asChild variant="outline" className="self-center"><Link href={`/governance/delegates?cursor=${page.nextCursor}`}>More delegates</Link></Button>}
    </div>
  );
}
