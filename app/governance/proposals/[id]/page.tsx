import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getViewer } from '@/lib/auth/viewer';
import { isDatabaseProblem } from '@/lib/db/port';
import { getProposal, listVotes } from '@/lib/governance/proposals';
import { formatTrq } from '@/lib/governance/trq-amount';
import { chainProposalLive } from '@/lib/governance/soroban/chain-live';
import { networkPassphrase } from '@/lib/stellar/network';
import { Countdown } from '@/components/governance/countdown';
import { GovernanceNav } from '@/components/governance/governance-nav';
import { ParameterDiff } from '@/components/governance/parameter-diff';
import { ProposalAction } from '@/components/governance/proposal-actions';
import { ProposalBody } from '@/components/governance/proposal-body';
import { StateBadge } from '@/components/governance/state-badge';
import { TallyBars } from '@/components/governance/tally-bars';
import { Timeline } from '@/components/governance/timeline';
import { VoteDialog } from '@/components/governance/vote-dialog';
import { VotesTable } from '@/components/governance/votes-table';
import { ChainCancelDialog } from '@/components/governance/chain-cancel';
import { ChainCard } from '@/components/governance/chain-card';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

async function load(id: string, viewer: string | null) {
  if (!/^[1-9][0-9]{0,17}$/.test(id)) notFound();
  try {
    return await getProposal(Number(id), viewer);
  } catch (err) {
    if (isDatabaseProblem(err) && err.status === 404) notFound();
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `Proposal ${id}` };
}

export default async function ProposalPage({ params }: Props) {
  const { id } = await params;
  const viewer = await getViewer();
  const p = await load(id, viewer?.id ?? null);
  const votes = await listVotes(p.id, { sort: 'power', limit: 50 });
  const live = p.rail === 'soroban' ? await chainProposalLive(p, viewer?.wallets ?? []) : null;
  const onChain = p.rail === 'soroban';
  // on chain the governor weighs votes by the wallets' TRQ votes at its snapshot ledger
  const power = onChain ? live?.power ?? null : p.viewer?.power_at_snapshot ?? null;
  // on chain the governor's ledgers decide when voting opens and closes; Traqora's times for them are estimates
  const state = onChain && live && (p.state === 'pending' || p.state === 'active') ? (live.state === 'executed' ? 'queued' : live.state) : p.state;
  // voting opened once the governor left Pending, whatever the estimated time says
  const timeline = onChain && live && live.state !== 'pending' ? p.timeline.map((t) => (t.state === 'active' && !p.cancelled_at ? { ...t, done: true } : t)) : p.timeline;
  const myVote = p.viewer?.vote ?? null;
  const votingOpen = onChain ? (live ? live.state === 'active' : p.state === 'active') : p.state === 'active';
  const canQueue = onChain ? live?.state === 'succeeded' && p.kind === 'parameter' : p.state === 'succeeded' && p.kind === 'parameter';
  const canExecute = onChain
    ? (live?.state === 'queued' && live.eta_ledger !== null && live.eta_ledger <= live.ledger) || (live?.state === 'executed' && !p.executed_at && p.kind === 'parameter')
    : p.state === 'queued' && !!p.eta && Date.parse(p.eta) <= Date.parse(p.now);

  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-6 px-4 py-6 sm:px-6">
      <GovernanceNav current="/governance" />
      <div className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <StateBadge state={state} />
          <span className="text-sm text-muted-foreground">#{p.id} · {p.kind === 'parameter' ? 'Parameter change' : 'Signal'} · proposed by {p.proposer.display_name}</span>
        </div>
        <h1 className="text-2xl font-semibold tracking-tight break-words">{p.title}</h1>
        <p className="text-sm text-muted-foreground" aria-live="polite">
          {state === 'pending' && <Countdown key={`open-${p.now}`} label="Voting opens" to={p.vote_start} serverNow={p.now} />}
          {state === 'active' && <Countdown key={`close-${p.now}`} label="Voting closes" to={p.vote_end} serverNow={p.now} />}
          {p.state === 'queued' && p.eta && <Countdown key={`eta-${p.now}`} label="Executable" to={p.eta} serverNow={p.now} />}
          {p.state === 'succeeded' && p.kind === 'parameter' && p.expires_at && <Countdown key={`expiry-${p.now}`} label="Passed — must be queued; expires" to={p.expires_at} serverNow={p.now} />}
        </p>
      </div>

      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="flex min-w-0 flex-col gap-6">
          {p.changes.length > 0 && (
            <Card>
              <CardHeader><CardTitle>What changes</CardTitle></CardHeader>
              <CardContent><ParameterDiff changes={p.changes} /></CardContent>
            </Card>
          )}
          <Card>
            <CardHeader><CardTitle>Description</CardTitle></CardHeader>
            <CardContent><ProposalBody body={p.body} /></CardContent>
          </Card>
          <Card>
            <CardHeader><CardTitle>Votes</CardTitle></CardHeader>
            <CardContent><VotesTable key={`${p.id}-${p.tally.voters}`} proposal={p.id} initial={votes} /></CardContent>
          </Card>
        </div>

        <div className="flex flex-col gap-6">
          <Card>
            <CardHeader><CardTitle>Results</CardTitle></CardHeader>
            <CardContent><TallyBars tally={p.tally} quorum={onChain && live?.quorum ? live.quorum : p.quorum} /></CardContent>
          </Card>
          <Card>
            <CardHeader><CardTitle>Your vote</CardTitle></CardHeader>
            <CardContent className="flex flex-col gap-3 text-sm">
              {!viewer && <p>Sign in to see your voting power and vote.</p>}
              {viewer && !onChain && power === null && <p>Your voting power is read at the snapshot, when voting opens (now {formatTrq(p.viewer?.power_now ?? '0')}).</p>}
              {viewer && power !== null && <p>{onChain ? 'Your wallets\' TRQ votes at the snapshot' : 'Your voting power at the snapshot'}: <strong className="tabular-nums">{formatTrq(power)}</strong></p>}
              {myVote && <Banner variant="success" compact title={`You voted ${myVote.support}`}>with {formatTrq(myVote.weight)}{myVote.reason ? ` — “${myVote.reason}”` : ''}. <a className="underline" href={`/api/v1/governance/proposals/${p.id}/votes/${viewer!.id}?download=1`}>Download the receipt</a></Banner>}
              {viewer && !myVote && votingOpen && (onChain ? power !== '0' : power !== null && BigInt(power) > 0n) && (
                viewer.wallets.length > 0
                  ? <VoteDialog proposal={p.id} power={power} wallets={viewer.wallets} networkPassphrase={live?.network_passphrase ?? networkPassphrase()}
                      chain={onChain && live && p.chain_proposal_id ? { chainProposalId: p.chain_proposal_id, contractId: live.governor, networkPassphrase: live.network_passphrase, rpcUrl: live.rpc_url } : undefined} />
                  : <p>Votes are signed by your wallet. <Link className="text-primary underline" href="/wallet">Link a wallet</Link> to vote.</p>
              )}
              {viewer && !myVote && votingOpen && power !== null && BigInt(power) === 0n && <p>{onChain ? 'Your linked wallets had no TRQ votes at the governor\'s snapshot (delegate your TRQ, to yourself too, before it).' : 'You had no voting power at the snapshot.'}</p>}
              {viewer && canQueue && <ProposalAction proposal={p.id} action="queue" label={onChain ? 'Queue on the governor' : 'Queue for execution'} />}
              {viewer && canExecute && <ProposalAction proposal={p.id} action="execute" label={onChain ? 'Execute on the governor' : 'Execute'} />}
              {!onChain && viewer?.id === p.proposer.id && p.state === 'pending' && <ProposalAction proposal={p.id} action="cancel" label="Cancel proposal" variant="destructive" />}
              {onChain && viewer?.id === p.proposer.id && live?.state === 'pending' && !p.cancelled_at && viewer.wallets.length > 0 && <ChainCancelDialog proposal={p.id} wallets={viewer.wallets} />}
            </CardContent>
          </Card>
          {onChain && <ChainCard proposal={p} live={live} />}
          <Card>
            <CardHeader><CardTitle>Timeline</CardTitle></CardHeader>
            <CardContent>
              <Timeline steps={timeline} />
              <p className="mt-3 text-xs text-muted-foreground">
                {onChain
                  ? <>Quorum and the threshold to propose are the governor&apos;s, in TRQ votes{live?.quorum ? <> (quorum {formatTrq(live.quorum)} at the snapshot)</> : null}; the times are estimated from its ledgers.</>
                  : <>Quorum {(p.quorum_bps / 100).toFixed(2)}% of circulating TRQ at the snapshot; proposing needed {formatTrq(p.threshold)}.</>}
              </p>
            </CardContent>
          </Card>
          <Button asChild variant="outline"><Link href="/governance">All proposals</Link></Button>
        </div>
      </div>
    </div>
  );
}
