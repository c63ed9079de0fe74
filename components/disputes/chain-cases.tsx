'use client';

import * as React from 'react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { LinkIcon, Loader2Icon } from 'lucide-react';
import type { ChainJuryCase, ChainJuryCases } from '@/lib/disputes/chain/cases';
import { browserSaltStore, commitOnChain, revealOnChain, savedVote, type SavedVote } from '@/lib/disputes/chain/wallet';
import type { ContractTarget } from '@/lib/wallet/contract-client';
import { fetchJson } from '@/components/api/fetch-json';
import { money } from '@/components/flights/format';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { useNow } from '@/components/ui/use-now';
import { ChainJuryState, chainPhase } from './chain-jury-state';
import { ChainRewards } from './chain-rewards';
import { mergeCasePages } from './case-pages';
import { pickWallet } from './pick-wallet';

// The on-chain jury on /disputes: every case with the disputes contract (open ones first). A TRQ
// holder with votes at the case's snapshot commits a hidden vote from their wallet, then reveals
// it; a juror who sided with a tallied round's majority claims their reward (chain-rewards.tsx).
// The vote and its salt stay in this browser (and in a file the juror downloads) until the
// reveal; lib/disputes/chain/wallet.ts says why not on the server.

export const chainCasesKey = ['disputes', 'chain-cases'] as const;


function download(saved: SavedVote) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(saved, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `traqora-vote-case-${saved.dispute}-round-${saved.round}.json`;
  a.click();
  URL.revokeObjectURL(url);
}

export function ChainCases() {
  const cases = useInfiniteQuery({
    queryKey: chainCasesKey,
    initialPageParam: null as string | null,
    getNextPageParam: (last: ChainJuryCases) => last.nextCursor,
    queryFn: ({ pageParam, signal }) =>
      fetchJson<ChainJuryCases>(`/api/v1/disputes/chain/cases${pageParam ? `?${new URLSearchParams({ cursor: pageParam })}` : ''}`, { signal }),
    refetchInterval: 15_000,
  });
  const now = useNow();
  // "Show older cases" moves focus to the first case it added, so a keyboard user carries on
  // reading there (the button goes away on the last page) and a screen reader hears its title
  const list = React.useRef<HTMLDivElement>(null);
  const [focusFrom, setFocusFrom] = React.useState<number | null>(null);
  const count = cases.data?.pages.reduce((n, p) => n + p.data.length, 0) ?? 0;
  React.useEffect(() => {
    if (focusFrom === null) return;
    const heading = list.current?.querySelectorAll<HTMLElement>('[data-case-title]')[focusFrom];
    if (heading) { heading.focus(); setFocusFrom(null); }
  }, [focusFrom, count]);
  const first = cases.data?.pages[0];
  if (!first || !first.contract) return null;   // no disputes contract on this server
  const target: ContractTarget = { contractId: first.contract.contract_id, rpcUrl: first.contract.rpc_url, networkPassphrase: first.contract.network_passphrase };
  const shown = mergeCasePages(cases.data!.pages);
  return (
    <section aria-labelledby="chain-cases-title" className="flex flex-col gap-4">
      <div>
        <h2 id="chain-cases-title" className="text-lg font-semibold">On-chain cases</h2>
        <p className="text-sm text-muted-foreground">
          Disputes filed with the disputes contract. Any TRQ holder with delegated votes at a case&apos;s filing may vote from their wallet: commit a hidden
          vote, then reveal it. Jurors who side with the majority share the losing stake.
        </p>
      </div>
      {shown.length === 0 ? (
        <EmptyState icon={LinkIcon} title="No on-chain cases">Cases filed on chain show here.</EmptyState>
      ) : (
        <div ref={list} className="flex flex-col gap-4">
          {shown.map((c) => <ChainCaseCard key={c.dispute_id} kase={c} target={target} now={now} />)}
        </div>
      )}
      {/* announced when a page arrives, so a screen reader hears what "Show older cases" did */}
      <p role="status" className="text-sm text-muted-foreground">
        {shown.length > 0 && `${shown.length} ${shown.length === 1 ? 'case' : 'cases'} shown${cases.hasNextPage ? '; there are older ones' : ''}.`}
      </p>
      {cases.hasNextPage && (
        <Button type="button" variant="outline" className="w-fit self-center" disabled={cases.isFetchingNextPage} onClick={() => { setFocusFrom(shown.length); void cases.fetchNextPage(); }}>
          {cases.isFetchingNextPage && <Loader2Icon className="animate-spin" aria-hidden="true" />}
          {cases.isFetchingNextPage ? 'Loading older cases…' : 'Show older cases'}
        </Button>
      )}
      {cases.isFetchNextPageError && <p role="alert" className="text-sm text-destructive">We couldn&apos;t load older cases: {cases.error?.message}</p>}
    </section>
  );
}

function ChainCaseCard({ kase: c, target, now }: { kase: ChainJuryCase; target: ContractTarget; now: number }) {
  const queryClient = useQueryClient();
  const phase = chainPhase(c.chain, now);
  const [vote, setVote] = React.useState<1 | 2>(1);
  const [saved, setSaved] = React.useState<SavedVote | null>(null);
  const [loaded, setLoaded] = React.useState<SavedVote | null>(null);
  const [done, setDone] = React.useState<string | null>(null);
  const id = `chain-case-${c.chain.chain_dispute_id}`;

  const commit = useMutation({
    mutationFn: async () => commitOnChain(await pickWallet(), target, { chainDisputeId: c.chain.chain_dispute_id, round: c.chain.round, vote }),
    onSuccess: (r) => { setSaved(r.saved); setDone(`Vote committed (transaction ${r.txHash.slice(0, 12)}…). Keep the file: you need it to reveal from another browser.`); void queryClient.invalidateQueries({ queryKey: chainCasesKey }); },
  });
  const reveal = useMutation({
    mutationFn: async () => {
      const wallet = await pickWallet();
      const account = await wallet.getAddress();
      const stored = loaded ?? savedVote(browserSaltStore, target.contractId, c.chain.chain_dispute_id, c.chain.round, account);
      return revealOnChain(wallet, target, { chainDisputeId: c.chain.chain_dispute_id, round: c.chain.round, saved: stored ?? undefined });
    },
    onSuccess: (r) => { setDone(`Vote revealed (transaction ${r.txHash.slice(0, 12)}…).`); void queryClient.invalidateQueries({ queryKey: chainCasesKey }); },
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h3" tabIndex={-1} data-case-title className="outline-none">Case #{c.chain.chain_dispute_id}{c.route ? ` · ${c.route}` : ''} · {money(c.held_minor, c.currency, { cents: true })} held</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4 text-sm">
        <blockquote className="border-l-2 pl-3 whitespace-pre-line">{c.reason}</blockquote>
        <ChainJuryState chain={c.chain} now={now} idPrefix={id} />
        {phase === 'commit' && (
          <form className="flex flex-col gap-2" onSubmit={(e) => { e.preventDefault(); commit.mutate(); }}>
            <fieldset className="flex flex-col gap-1">
              <legend className="font-medium">Your vote (hidden until you reveal it)</legend>
              <label className="flex items-center gap-2"><input type="radio" name={`${id}-vote`} checked={vote === 1} onChange={() => setVote(1)} /> Refund the passenger in full</label>
              <label className="flex items-center gap-2"><input type="radio" name={`${id}-vote`} checked={vote === 2} onChange={() => setVote(2)} /> Pay the airline in full</label>
            </fieldset>
            <Button type="submit" size="sm" className="w-fit" disabled={commit.isPending}>
              {commit.isPending && <Loader2Icon className="animate-spin" aria-hidden="true" />} Commit from my wallet
            </Button>
            {commit.isError && <p role="alert" className="text-destructive">{commit.error.message}</p>}
          </form>
        )}
        {saved && (
          <Button type="button" size="sm" variant="outline" className="w-fit" onClick={() => download(saved)}>Download my vote and salt</Button>
        )}
        {phase === 'reveal' && (
          <div className="flex flex-col gap-2">
            <label className="flex flex-col gap-1">
              <span className="font-medium">Vote file (only if you committed in another browser)</span>
              <input type="file" accept="application/json,.json" className="text-sm"
                onChange={async (e) => { const f = e.target.files?.[0]; if (f) setLoaded(JSON.parse(await f.text()) as SavedVote); }} />
            </label>
            <Button type="button" size="sm" className="w-fit" onClick={() => reveal.mutate()} disabled={reveal.isPending}>
              {reveal.isPending && <Loader2Icon className="animate-spin" aria-hidden="true" />} Reveal from my wallet
            </Button>
            {reveal.isError && <p role="alert" className="text-destructive">{reveal.error.message}</p>}
          </div>
        )}
        <ChainRewards rewards={c.rewards} chainDisputeId={c.chain.chain_dispute_id} target={target} currency={c.currency}
          onClaimed={() => void queryClient.invalidateQueries({ queryKey: chainCasesKey })} />
        {done && <p role="status" className="text-success">{done}</p>}
      </CardContent>
    </Card>
  );
}
