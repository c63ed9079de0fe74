import type { Metadata } from 'next';
import Link from 'next/link';
import { VoteIcon } from 'lucide-react';
import { getViewer } from '@/lib/auth/viewer';
import { listProposals } from '@/lib/governance/proposals';
import { trqAccount } from '@/lib/governance/trq';
import { formatTrq } from '@/lib/governance/trq-amount';
import { PROPOSAL_STATES, type ProposalState } from '@/lib/governance/types';
import { GovernanceNav } from '@/components/governance/governance-nav';
import { PowerCard } from '@/components/governance/power-card';
import { StateBadge, STATE_LABEL } from '@/components/governance/state-badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { cn } from '@/components/ui/cn';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Governance' };

// Proposals by state (filter links), newest first, paged by cursor; the viewer's TRQ on top.
export default async function GovernancePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const state = PROPOSAL_STATES.includes(sp.state as ProposalState) ? (sp.state as ProposalState) : undefined;
  const cursor = typeof sp.cursor === 'string' && /^[1-9][0-9]{0,17}$/.test(sp.cursor) ? Number(sp.cursor) : undefined;
  const viewer = await getViewer();
  const [page, account] = await Promise.all([listProposals({ state, cursor, limit: 20 }), viewer ? trqAccount(viewer.id) : null]);
  const filterHref = (s?: ProposalState) => (s ? `/governance?state=${s}` : '/governance');

  return (
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-6 px-4 py-6 sm:px-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Governance</h1>
          <p className="text-sm text-muted-foreground">TRQ holders decide the platform’s fee, penalties, loyalty rates and governance itself. A passed proposal changes what the next booking uses.</p>
        </div>
        <Button asChild><Link href="/governance/new">New proposal</Link></Button>
      </div>
      <GovernanceNav current="/governance" />
      {account && <PowerCard account={account} />}
      <nav aria-label="Filter by state" className="flex flex-wrap gap-2">
        {[undefined, ...PROPOSAL_STATES].map((s) => (
          <Link key={s ?? 'all'} href={filterHref(s)} aria-current={s === state ? 'page' : undefined}
            className={cn('rounded-full border px-3 py-1 text-sm', s === state ? 'border-primary bg-primary text-primary-foreground' : 'hover:bg-accent')}>
            {s ? STATE_LABEL[s] : 'All'}
          </Link>
        ))}
      </nav>
      {page.data.length === 0 ? (
        <EmptyState icon={VoteIcon} title={state ? `No ${STATE_LABEL[state].toLowerCase()} proposals` : 'No proposals yet'}
          action={<Button asChild variant="outline"><Link href="/governance/new">Make the first one</Link></Button>}>
          Anyone with enough voting power can propose a change to a governed parameter, or ask the community a question.
        </EmptyState>
      ) : (
        <ul className="flex flex-col gap-3">
          {page.data.map((p) => {
            const cast = BigInt(p.tally.for) + BigInt(p.tally.against) + BigInt(p.tally.abstain);
            return (
              <li key={p.id} className="rounded-xl border bg-card p-4 shadow-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <StateBadge state={p.state} />
                  <span className="text-xs text-muted-foreground">#{p.id} · {p.kind === 'parameter' ? 'Parameter change' : 'Signal'} · by {p.proposer.display_name}</span>
                </div>
                <h2 className="mt-2 text-base font-semibold">
                  <Link className="hover:underline" href={`/governance/proposals/${p.id}`}>{p.title}</Link>
                </h2>
                <p className="mt-1 text-sm text-muted-foreground">
                  {p.tally.voters} {p.tally.voters === 1 ? 'voter' : 'voters'} · {formatTrq(cast)} cast · voting {new Date(p.vote_start).toLocaleDateString('en-GB', { timeZone: 'UTC' })} – {new Date(p.vote_end).toLocaleDateString('en-GB', { timeZone: 'UTC' })}
                </p>
              </li>
            );
          })}
        </ul>
      )}
      {page.nextCursor && (
        <Button asChild variant="outline" className="self-center">
          <Link href={`/governance?${new URLSearchParams({ ...(state ? { state } : {}), cursor: page.nextCursor })}`}>Older proposals</Link>
        </Button>
      )}
    </div>
  );
}
