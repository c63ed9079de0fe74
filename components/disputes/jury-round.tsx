import type { JuryRound } from '@/lib/disputes/types';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { TableScroll } from '@/components/ui/table-scroll';
import { money, stamp } from '@/components/flights/format';

const TRQ = 10_000_000n;
const trq = (base: string) => (BigInt(base) / TRQ).toString();
const OUTCOME = { majority: 'With the majority', minority: 'In the minority', slashed: 'Did not reveal: slashed' } as const;

/** One jury round: the committed seed (and the seed, once drawn), the options, the seats, the result. */
export function JuryRoundCard({ round: r, currency }: { round: JuryRound; currency: string }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">{r.round === 1 ? 'Jury' : 'Appeal jury'} · {r.jury_size} jurors</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 text-sm">
        <dl className="grid gap-1 sm:grid-cols-[10rem_minmax(0,1fr)]">
          <dt className="text-muted-foreground">Seed commitment</dt>
          <dd className="font-mono break-all">{r.seed_hash}</dd>
          <dt className="text-muted-foreground">Seed</dt>
          <dd className="font-mono break-all">{r.seed ?? 'revealed at the draw'}</dd>
          {r.commit_ends_at && (<><dt className="text-muted-foreground">Commit until</dt><dd>{stamp(r.commit_ends_at)}</dd></>)}
          {r.reveal_ends_at && (<><dt className="text-muted-foreground">Reveal until</dt><dd>{stamp(r.reveal_ends_at)}</dd></>)}
          {r.appeal_ends_at && (<><dt className="text-muted-foreground">Appeal until</dt><dd>{stamp(r.appeal_ends_at)}</dd></>)}
        </dl>
        <ol className="flex flex-col gap-1" aria-label="Options">
          {r.options.map((o, i) => (
            <li key={i} className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{i}. {o.label}</span>
              <span className="text-muted-foreground">
                refund {money(o.refund_minor, currency, { cents: true })} · airline {money(o.airline_minor, currency, { cents: true })} · fee {money(o.fee_minor, currency, { cents: true })}
              </span>
              {r.winning_option === i && <Badge>Verdict</Badge>}
            </li>
          ))}
        </ol>
        <TableScroll label={`Jurors of round ${r.round}`}>
          <table className="w-full min-w-[28rem] text-sm">
            <caption className="sr-only">Jurors of round {r.round}</caption>
            <thead className="text-left text-muted-foreground">
              <tr><th scope="col" className="py-1 font-medium">Juror</th><th scope="col" className="py-1 font-medium">Vote</th><th scope="col" className="py-1 font-medium">Outcome</th></tr>
            </thead>
            <tbody>
              {r.seats.map((s) => (
                <tr key={s.juror} className="border-t">
                  <td className="py-1">{s.juror_name}</td>
                  <td className="py-1">{s.revealed ? `option ${s.option}` : s.committed ? 'committed' : 'not yet'}</td>
                  <td className="py-1">
                    {s.outcome ? OUTCOME[s.outcome] : '—'}
                    {s.reward !== '0' && ` (+${trq(s.reward)} TRQ)`}
                    {s.slashed !== '0' && ` (−${trq(s.slashed)} TRQ)`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </CardContent>
    </Card>
  );
}
