'use client';

import * as React from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Loader2Icon } from 'lucide-react';
import { newSalt, voteCommitment } from '@/lib/disputes/commitment';
import { formatTrq } from '@/lib/governance/trq-amount';
import type { JuryCase, JurorStatus } from '@/lib/disputes/types';
import { fetchJson } from '@/components/api/fetch-json';
import { Badge } from '@/components/ui/badge';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { StepList } from '@/components/ui/step-list';
import { money } from '@/components/flights/format';
import { Countdown } from '@/components/booking/countdown';
import { EvidenceList } from './evidence-list';
import { jurorKey, useDispute } from './use-disputes';

// The vote stays in this browser until the reveal: the option and salt are kept in
// localStorage under the case, and only their hash goes to the server at the commit.
const storeKey = (c: JuryCase, juror: string) => `traqora.jury.${juror}.${c.dispute_id}.${c.round}`;
type Kept = { option: number; salt: string };
function kept(c: JuryCase, juror: string): Kept | null {
  try {
    return JSON.parse(localStorage.getItem(storeKey(c, juror)) ?? 'null') as Kept | null;
  } catch {
    return null;
  }
}

const OUTCOME = { majority: 'You voted with the majority', minority: 'You voted with the minority', slashed: 'You did not reveal: your stake was slashed' } as const;

/** One case a juror sits on: the dispute and its evidence, the options, commit then reveal. */
export function JuryCaseCard({ kase: c, viewerId, now }: { kase: JuryCase; viewerId: string; now: number }) {
  const queryClient = useQueryClient();
  const dispute = useDispute(c.dispute_id);
  // cases render only after the browser fetched them, so localStorage is there to read
  const [option, setOption] = React.useState<number | null>(() => kept(c, viewerId)?.option ?? null);
  const [salt, setSalt] = React.useState(() => kept(c, viewerId)?.salt ?? '');
  const [savedSalt, setSavedSalt] = React.useState<string | null>(null);

  const onDone = ({ data }: { data: JurorStatus }) => queryClient.setQueryData(jurorKey, data);
  const commit = useMutation({
    mutationFn: async (opt: number) => {
      const s = newSalt();
      const commitment = await voteCommitment(c.round, opt, s, viewerId);
      localStorage.setItem(storeKey(c, viewerId), JSON.stringify({ option: opt, salt: s }));
      setSalt(s);
      setSavedSalt(s);
      return fetchJson<{ data: JurorStatus }>(`/api/v1/disputes/${c.dispute_id}/commit`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ commitment }),
      });
    },
    onSuccess: onDone,
  });
  const reveal = useMutation({
    mutationFn: () => fetchJson<{ data: JurorStatus }>(`/api/v1/disputes/${c.dispute_id}/reveal`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ option, salt: salt.trim() }),
    }),
    onSuccess: onDone,
  });

  const commitOpen = !c.tallied_at && now < Date.parse(c.commit_ends_at);
  const revealOpen = !c.tallied_at && !commitOpen && now < Date.parse(c.reveal_ends_at);
  const step = c.tallied_at ? 3 : c.revealed ? 2 : c.committed ? 1 : 0;
  const STEPS = [{ id: 'commit', label: 'Commit your hidden vote' }, { id: 'reveal', label: 'Reveal it' }, { id: 'verdict', label: 'Verdict' }] as const;
  const d = dispute.data;

  return (
    <Card data-dispute={c.dispute_id}>
      <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle as="h3">
          Booking <span className="font-mono tracking-widest">{c.pnr}</span> · {c.round === 2 ? 'appeal round' : 'round 1'}
        </CardTitle>
        <Badge variant="secondary">{money(c.held_minor, c.currency, { cents: true })} disputed</Badge>
      </CardHeader>
      <CardContent className="flex flex-col gap-4 text-sm">
        <StepList label="Voting steps" steps={STEPS} at={step} status={c.tallied_at ? 'done' : 'running'} />
        {d ? (
          <div className="flex flex-col gap-2">
            <h4 className="font-semibold">The traveller says</h4>
            <p className="whitespace-pre-line">{d.reason}</p>
            <h4 className="font-semibold">Evidence</h4>
            <EvidenceList disputeId={d.id} files={d.evidence} />
          </div>
        ) : dispute.isError ? (
          <p role="alert" className="text-destructive">We couldn’t load this case: {dispute.error.message}</p>
        ) : (
          <p className="text-muted-foreground">Loading the case…</p>
        )}

        <fieldset className="flex flex-col gap-2" disabled={!commitOpen || c.committed}>
          <legend className="mb-1 font-semibold">How should the escrow be split?</legend>
          {c.options.map((o, i) => (
            <label key={i} className="flex items-start gap-2 rounded-lg border p-2 has-[:checked]:border-primary">
              <input type="radio" name={`option-${c.dispute_id}-${c.round}`} value={i} checked={option === i} onChange={() => setOption(i)} className="mt-1" />
              <span>
                <span className="font-medium">{o.label}</span>
                <span className="block text-xs text-muted-foreground">
                  traveller {money(o.refund_minor, c.currency, { cents: true })} · airline {money(o.airline_minor, c.currency, { cents: true })} · fee{' '}
                  {money(o.fee_minor, c.currency, { cents: true })}
                </span>
              </span>
              {c.winning_option === i && <Badge className="ml-auto">Verdict</Badge>}
            </label>
          ))}
        </fieldset>

        {commitOpen && !c.committed && (
          <div className="flex flex-wrap items-center gap-3">
            <Button onClick={() => option !== null && commit.mutate(option)} disabled={option === null || commit.isPending}>
              {commit.isPending && <Loader2Icon className="animate-spin" aria-hidden="true" />} Commit vote
            </Button>
            <Countdown until={c.commit_ends_at} now={now} label="Commit closes in" />
          </div>
        )}
        {commit.isError && <p role="alert" className="text-destructive">{commit.error.message}</p>}
        {c.committed && commitOpen && (
          <div className="flex flex-col gap-2">
            <p role="status">Your vote is committed. Come back to reveal it when the commit window closes.</p>
            <Countdown until={c.commit_ends_at} now={now} label="Reveal opens in" className="w-fit" />
          </div>
        )}
        {savedSalt && (
          <Banner variant="info" title="Keep your salt">
            This browser keeps your vote and salt for the reveal. If you reveal elsewhere you need the salt: <span className="font-mono break-all">{savedSalt}</span>
          </Banner>
        )}

        {revealOpen && c.committed && !c.revealed && (
          <form className="flex flex-col gap-2" onSubmit={(e) => { e.preventDefault(); reveal.mutate(); }}>
            <Field id={`salt-${c.dispute_id}-${c.round}`} label="Your salt" hint="Filled in from this browser; paste it if you committed elsewhere."
              error={reveal.isError ? reveal.error.message : undefined}>
              <Input value={salt} onChange={(e) => setSalt(e.target.value)} className="font-mono" required pattern="[0-9a-fA-F]{64}" />
            </Field>
            <div className="flex flex-wrap items-center gap-3">
              <Button type="submit" disabled={option === null || reveal.isPending}>
                {reveal.isPending && <Loader2Icon className="animate-spin" aria-hidden="true" />} Reveal vote
              </Button>
              <Countdown until={c.reveal_ends_at} now={now} label="Reveal closes in" />
            </div>
          </form>
        )}
        {c.revealed && !c.tallied_at && (
          <div className="flex flex-col gap-2">
            <p role="status">You revealed: {c.options[c.option ?? 0]?.label}. The votes are tallied as soon as the reveal window closes.</p>
            {revealOpen && <Countdown until={c.reveal_ends_at} now={now} label="Tally in" className="w-fit" />}
          </div>
        )}
        {!c.committed && !commitOpen && !c.tallied_at && <p className="text-destructive">You did not commit in time; your stake is at risk when the round is tallied.</p>}
        {c.committed && !c.revealed && !commitOpen && !revealOpen && !c.tallied_at && (
          <p className="text-destructive">The reveal window closed before you revealed: your vote does not count, and part of your stake is slashed at the tally.</p>
        )}
        {c.tallied_at && c.outcome && (
          <Banner variant={c.outcome === 'slashed' ? 'warning' : 'success'} title={OUTCOME[c.outcome]}>
            {c.reward !== '0' && `Reward: ${formatTrq(c.reward)}. `}
            {c.slashed !== '0' && `Slashed: ${formatTrq(c.slashed)}. `}
            The verdict: {c.options[c.winning_option ?? 0].label}.
          </Banner>
        )}
        {c.tallied_at && (c.status === 'resolved' || c.status === 'closed' ? (
          <p className="text-muted-foreground">{c.status === 'resolved' ? 'The verdict has been paid. This case is finished.' : 'The booking was settled before the verdict. This case is finished.'}</p>
        ) : c.appealed ? (
          <p className="text-muted-foreground">The traveller appealed: a larger jury of other jurors decides the case again, and its verdict is the one paid. Your reward or slash in this round stands.</p>
        ) : c.round === 1 && c.appeal_ends_at && now < Date.parse(c.appeal_ends_at) ? (
          <div className="flex flex-wrap items-center gap-2">
            <p className="text-muted-foreground">The traveller may appeal to a larger jury; if not, the verdict is paid when the window closes.</p>
            <Countdown until={c.appeal_ends_at} now={now} label="Appeal window closes in" />
          </div>
        ) : (
          <p className="text-muted-foreground">The verdict is final and is paid within a minute.</p>
        ))}
      </CardContent>
    </Card>
  );
}
