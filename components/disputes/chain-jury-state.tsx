'use client';

import type { ChainDisputeRecord } from '@/lib/disputes/types';
import { Countdown } from '@/components/booking/countdown';
import { tokenAmount } from './chain-settlements';

// The on-chain jury's state as the app last read or indexed the `disputes` contract: the round,
// the window now open (with its countdown, from the contract's own times), votes committed and
// revealed, the tally by TRQ weight, the verdict, and the transactions that carried each step.

export type ChainPhase = 'commit' | 'reveal' | 'tally' | 'appeal' | 'execute' | 'executed';

export function chainPhase(c: ChainDisputeRecord, now: number): ChainPhase {
  if (c.status === 'executed') return 'executed';
  if (c.status === 'decided') return c.round < 2 && c.appeal_deadline && Date.parse(c.appeal_deadline) > now ? 'appeal' : 'execute';
  if (Date.parse(c.commit_end) > now) return 'commit';
  if (Date.parse(c.reveal_end) > now) return 'reveal';
  return 'tally';
}

const SIDE = { refund: 'a full refund to the passenger', release: 'full payment to the airline' } as const;
const ACTION: Record<string, string> = {
  filed: 'Filed', evidence: 'Evidence hash', committed: 'Vote committed', revealed: 'Vote revealed', decided: 'Round tallied',
  appealed: 'Appealed', executed: 'Verdict executed', reward_claimed: 'Reward claimed',
};
const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

/** `appealBelow`: the appeal box follows (the passenger may appeal), and it shows the window's countdown, by its button. */
export function ChainJuryState({ chain: c, now, idPrefix, appealBelow = false }: { chain: ChainDisputeRecord; now: number; idPrefix: string; appealBelow?: boolean }) {
  const phase = chainPhase(c, now);
  const titleId = `${idPrefix}-chain-title`;
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-3 rounded-lg border p-3 text-sm">
      <h3 id={titleId} className="font-semibold">
        On-chain jury · case #{c.chain_dispute_id} · round {c.round} of 2
      </h3>
      <p>
        {short(c.filer)} claims {SIDE[c.claim]} and staked {tokenAmount(c.stake)}. TRQ holders vote with their votes at the filing&apos;s snapshot;
        a tie or silence goes against the claim.
      </p>
      {phase === 'commit' && <Countdown until={c.commit_end} now={now} label="Commits close in" className="w-fit" />}
      {phase === 'reveal' && <Countdown until={c.reveal_end} now={now} label="Reveals close in" className="w-fit" />}
      {phase === 'tally' && <p>The reveal window is over: the keeper tallies the round shortly.</p>}
      {phase === 'appeal' && c.appeal_deadline && !appealBelow && <Countdown until={c.appeal_deadline} now={now} label="Appeal window closes in" className="w-fit" />}
      {phase === 'appeal' && appealBelow && <p>Round {c.round} is decided and may be appealed once: see below.</p>}
      {phase === 'execute' && <p>The verdict is final: the keeper executes it on the escrow shortly.</p>}
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-4">
        <dt className="text-muted-foreground">Committed</dt><dd>{c.committed}</dd>
        <dt className="text-muted-foreground">Revealed</dt><dd>{c.revealed}</dd>
        <dt className="text-muted-foreground">For a refund</dt><dd>{tokenAmount(c.refund_weight)} TRQ</dd>
        <dt className="text-muted-foreground">For the airline</dt><dd>{tokenAmount(c.release_weight)} TRQ</dd>
      </dl>
      {c.verdict && (
        <p>
          Verdict: <strong>{SIDE[c.verdict]}</strong>
          {c.status === 'executed' ? (c.applied === false ? ' (the escrow had already been refunded; nothing moved).' : ', carried out by the escrow.') : '.'}
        </p>
      )}
      {c.keeper.error && c.status !== 'executed' && <p className="text-muted-foreground">Keeper: {c.keeper.error}</p>}
      <div className="flex flex-col gap-1">
        <h4 className="font-medium">Transactions</h4>
        <ul className="flex flex-col gap-1 font-mono text-xs break-all text-muted-foreground">
          {c.events.map((e) => (
            <li key={e.id}>
              <span className="font-sans text-foreground">{ACTION[e.action] ?? e.action}</span>
              {e.account ? ` · ${short(e.account)}` : ''}
              {e.vote ? ` · ${e.vote}` : ''}
              {e.weight ? ` · ${tokenAmount(e.weight)} TRQ` : ''} · ledger {e.ledger}
              {e.tx_hash ? ` · tx ${e.tx_hash}` : ''}
            </li>
          ))}
          {c.events.length === 0 && c.transactions.filed && <li><span className="font-sans text-foreground">Filed</span> · tx {c.transactions.filed}</li>}
        </ul>
      </div>
    </section>
  );
}
