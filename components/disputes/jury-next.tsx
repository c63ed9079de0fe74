import type { Dispute } from '@/lib/disputes/types';
import { juryNextStep } from '@/lib/disputes/next-step';
import { stamp } from '@/components/flights/format';

/** "What happens next" for a dispute before the jury, on the jury's clock (server-rendered). */
export function JuryNext({ dispute, now }: { dispute: Pick<Dispute, 'status' | 'rounds'>; now: number }) {
  const next = juryNextStep(dispute, now);
  if (!next) return null;
  return (
    <p className="rounded-lg border bg-muted/40 p-3 text-sm" data-testid="jury-next">
      <span className="font-semibold">What happens next: </span>
      {next.text}
      {next.at && <> <span className="whitespace-nowrap">({stamp(next.at)})</span></>}
    </p>
  );
}
