import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ArrowLeftIcon } from 'lucide-react';
import { consolePage } from '@/lib/admin/console-page';
import { getDispute } from '@/lib/disputes/desk';
import { idParams } from '@/lib/disputes/schema';
import { isDatabaseProblem } from '@/lib/db/port';
import { governedParameters } from '@/lib/parameters/read';
import { EscalateForm, RequestEvidenceForm, ResolveForm, StepForm } from '@/components/disputes/desk-forms';
import { EvidenceViewer } from '@/components/disputes/evidence-viewer';
import { ChainSettlements } from '@/components/disputes/chain-settlements';
import { JuryNext } from '@/components/disputes/jury-next';
import { JuryRoundCard } from '@/components/disputes/jury-round';
import { DESK_STATUS_LABEL } from '@/components/disputes/status';
import { Badge } from '@/components/ui/badge';
import { Banner } from '@/components/ui/banner';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { money, stamp } from '@/components/flights/format';
import { escalateDisputeAction, executeVerdictAction, requestEvidenceAction, resolveDisputeAction, tallyJuryAction } from '@/app/admin/disputes/actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Dispute' };

export default async function DisputeDeskPage({ params }: { params: Promise<{ id: string }> }) {
  const { viewer } = await consolePage('disputes.manage');
  const parsed = idParams.safeParse(await params);
  if (!parsed.success) notFound();
  const d = await getDispute(viewer.id, parsed.data.id, true).catch((err) => {
    if (isDatabaseProblem(err) && err.status === 404) notFound();
    throw err;
  });
  const feeBps = Number((await governedParameters()).find((p) => p.key === 'platform.fee_bps')?.value ?? 0);
  const round = d.rounds.at(-1);
  const now = Date.parse(d.now);   // the jury's clock
  const handling = d.status === 'open' || d.status === 'awaiting_evidence';
  const tallyDue = d.status === 'escalated' && round && !round.tallied_at && round.reveal_ends_at && Date.parse(round.reveal_ends_at) <= now;
  const verdictDue = d.status === 'escalated' && round?.tallied_at && (round.round === 2 || (round.appeal_ends_at && Date.parse(round.appeal_ends_at) <= now));

  return (
    <>
      <Link href="/admin/disputes" className="inline-flex w-fit items-center gap-1 text-sm text-primary underline-offset-4 hover:underline">
        <ArrowLeftIcon className="size-4" aria-hidden="true" /> Disputes
      </Link>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end sm:justify-between">
        <div className="flex flex-col gap-1">
          <h1 className="text-2xl font-semibold tracking-tight">
            Dispute on <span className="font-mono tracking-widest">{d.pnr}</span>
          </h1>
          <p className="text-sm text-muted-foreground">
            Opened by {d.traveller_name} {stamp(d.created_at)} · booking {d.booking_status} · {money(d.total_minor, d.currency, { cents: true })} paid ·{' '}
            <strong className="text-foreground">{money(d.held_minor, d.currency, { cents: true })} {handling || d.status === 'escalated' ? 'held' : 'was held'}</strong>
          </p>
        </div>
        <Badge variant="secondary" className="w-fit">{DESK_STATUS_LABEL[d.status]}</Badge>
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="flex min-w-0 flex-col gap-6">
          <Card>
            <CardHeader><CardTitle as="h2">The traveller’s account</CardTitle></CardHeader>
            <CardContent className="flex flex-col gap-3 text-sm">
              <p className="whitespace-pre-line">{d.reason}</p>
              {d.evidence_request && (
                <p className="text-muted-foreground">
                  Asked {d.evidence_requested_at ? stamp(d.evidence_requested_at) : ''}: “{d.evidence_request}”
                </p>
              )}
            </CardContent>
          </Card>
          <section aria-labelledby="evidence-title" className="flex flex-col gap-3">
            <h2 id="evidence-title" className="text-lg font-semibold">Evidence ({d.evidence.length})</h2>
            <EvidenceViewer disputeId={d.id} files={d.evidence} />
          </section>
          {d.rounds.map((r) => <JuryRoundCard key={r.round} round={r} currency={d.currency} />)}
        </div>

        <aside className="flex flex-col gap-6">
          {d.resolution && (
            <Banner variant="success" title={d.resolution.source === 'jury' ? 'Jury verdict paid' : 'Resolved by support'}>
              Refund {money(d.resolution.refund_minor, d.currency, { cents: true })} · airline {money(d.resolution.airline_minor, d.currency, { cents: true })} · fee{' '}
              {money(d.resolution.fee_minor, d.currency, { cents: true })}. {d.resolution.note}
            </Banner>
          )}
          <ChainSettlements rows={d.chain_settlements} currency={d.currency} />
          {d.status === 'closed' && <Banner variant="info" title="Closed">The booking was settled elsewhere before a decision.</Banner>}
          <JuryNext dispute={d} now={now} />
          {handling && (
            <>
              <Card>
                <CardHeader><CardTitle as="h2">Resolve with a split</CardTitle></CardHeader>
                <CardContent>
                  <ResolveForm id={d.id} held={d.held_minor} currency={d.currency} feeBps={d.payment_rail === 'soroban' ? 0 : feeBps} action={resolveDisputeAction} />
                </CardContent>
              </Card>
              <Card>
                <CardHeader><CardTitle as="h2">More evidence</CardTitle></CardHeader>
                <CardContent><RequestEvidenceForm id={d.id} action={requestEvidenceAction} /></CardContent>
              </Card>
              {d.held_minor > 0 && (
                <Card>
                  <CardHeader><CardTitle as="h2">Token-holder jury</CardTitle></CardHeader>
                  <CardContent className="flex flex-col gap-3 text-sm">
                    <p className="text-muted-foreground">
                      Jurors staking TRQ are drawn by stake from a seed committed now; they choose between a full refund and a release to the airline.
                    </p>
                    <EscalateForm id={d.id} action={escalateDisputeAction} />
                  </CardContent>
                </Card>
              )}
            </>
          )}
          {(tallyDue || verdictDue) && (
            <div className="flex flex-col gap-2 text-sm">
              <p className="text-muted-foreground">The jury clock takes this step within a minute; support may take it now (audited as yours).</p>
              {tallyDue && <StepForm id={d.id} action={tallyJuryAction} submit="Tally the votes" done="Tallied." />}
              {verdictDue && <StepForm id={d.id} action={executeVerdictAction} submit="Pay the verdict" done="Paid." />}
            </div>
          )}
          <p className="text-xs text-muted-foreground">Signed in as {viewer.name}; every step here is written to the audit log.</p>
        </aside>
      </div>
    </>
  );
}
