import { formatTrq, share } from '@/lib/governance/trq-amount';
import type { Tally } from '@/lib/governance/types';

// For / Against / Abstain as bars of the votes cast, and quorum progress (For + Abstain against
// the quorum fixed at the snapshot).
const ROWS = [
  { key: 'for', label: 'For', bar: 'bg-success' },
  { key: 'against', label: 'Against', bar: 'bg-destructive' },
  { key: 'abstain', label: 'Abstain', bar: 'bg-muted-foreground' },
] as const;

export function TallyBars({ tally, quorum }: { tally: Tally; quorum: string }) {
  const cast = BigInt(tally.for) + BigInt(tally.against) + BigInt(tally.abstain);
  const counted = BigInt(tally.for) + BigInt(tally.abstain);
  const q = share(counted, quorum);
  return (
    <div className="flex flex-col gap-4">
      <ul className="flex flex-col gap-3">
        {ROWS.map((r) => {
          const s = share(tally[r.key], cast);
          return (
            <li key={r.key} className="flex flex-col gap-1">
              <div className="flex justify-between text-sm">
                <span className="font-medium">{r.label}</span>
                <span className="tabular-nums text-muted-foreground">{formatTrq(tally[r.key])} · {(s * 100).toFixed(1)}%</span>
              </div>
              <div className="h-2 overflow-hidden rounded-full bg-muted" role="meter" aria-label={`${r.label} share of votes`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(s * 100)}>
                <div className={`h-full ${r.bar}`} style={{ width: `${s * 100}%` }} />
              </div>
            </li>
          );
        })}
      </ul>
      <div className="flex flex-col gap-1">
        <div className="flex justify-between text-sm">
          <span className="font-medium">Quorum</span>
          <span className="tabular-nums text-muted-foreground">
            {formatTrq(counted)} of {formatTrq(quorum)} {counted >= BigInt(quorum) && BigInt(quorum) > 0n ? '· reached' : ''}
          </span>
        </div>
        <div className="h-2 overflow-hidden rounded-full bg-muted" role="meter" aria-label="Quorum progress (For and Abstain)" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.min(100, Math.round(q * 100))}>
          <div className="h-full bg-primary" style={{ width: `${Math.min(1, q) * 100}%` }} />
        </div>
        <p className="text-xs text-muted-foreground">{tally.voters} {tally.voters === 1 ? 'voter' : 'voters'} · For and Abstain count towards quorum; it passes when For is more than Against.</p>
      </div>
    </div>
  );
}
