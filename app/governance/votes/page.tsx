import type { Metadata } from 'next';
import Link from 'next/link';
import { VoteIcon } from 'lucide-react';
import { getViewer } from '@/lib/auth/viewer';
import { config } from '@/lib/config';
import { myVotes } from '@/lib/governance/proposals';
import { formatTrq } from '@/lib/governance/trq-amount';
import { SignInPrompt } from '@/components/booking/sign-in-prompt';
import { GovernanceNav } from '@/components/governance/governance-nav';
import { StateBadge } from '@/components/governance/state-badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'My votes' };

export default async function MyVotesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const cursor = typeof sp.cursor === 'string' && /^[1-9][0-9]{0,17}$/.test(sp.cursor) ? Number(sp.cursor) : undefined;
  const viewer = await getViewer();
  const { mode } = config();
  const page = viewer ? await myVotes(viewer.id, { cursor, limit: 20 }) : null;
  return (
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-6 px-4 py-6 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">My votes</h1>
      <GovernanceNav current="/governance/votes" />
      {!viewer || !page ? (
        <SignInPrompt devPersonas={mode.devPersonas} clerk={mode.clerk} returnTo="/governance/votes" why="Sign in to see the votes you cast." />
      ) : page.data.length === 0 ? (
        <EmptyState icon={VoteIcon} title="No votes yet" action={<Button asChild variant="outline"><Link href="/governance?state=active">Proposals open for voting</Link></Button>} />
      ) : (
        <ul className="flex flex-col gap-3">
          {page.data.map((v) => (
            <li key={v.id} className="flex flex-col gap-1 rounded-xl border bg-card p-4 shadow-sm">
              <div className="flex flex-wrap items-center gap-2"><StateBadge state={v.proposal_state} /><span className="text-xs text-muted-foreground">#{v.proposal_id}</span></div>
              <h2 className="font-semibold"><Link className="hover:underline" href={`/governance/proposals/${v.proposal_id}`}>{v.proposal_title}</Link></h2>
              <p className="text-sm">You voted <strong>{v.support}</strong> with {formatTrq(v.weight)}{v.reason ? ` — “${v.reason}”` : ''}</p>
              <a className="text-sm text-primary underline-offset-4 hover:underline" href={`/api/v1/governance/proposals/${v.proposal_id}/votes/${viewer.id}?download=1`}>Download the signed receipt</a>
            </li>
          ))}
        </ul>
      )}
      {page?.nextCursor && <Button asChild variant="outline" className="self-center"><Link href={`/governance/votes?cursor=${page.nextCursor}`}>Older votes</Link></Button>}
    </div>
  );
}
