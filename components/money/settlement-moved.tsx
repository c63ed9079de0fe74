import type { SettlementRow } from '@/lib/settlements/outbox';
import { tokenUnits } from '@/lib/stellar/token-units';
import { tokenAmount } from '@/components/disputes/chain-settlements';
import { Badge } from '@/components/ui/badge';

// What the escrow's own event says a confirmed settlement paid (token units, so a fee that is
// not whole cents shows as it is), next to the outbox row the app wrote. A refund the escrow paid
// that differs from the one the app asked for is flagged: finance reconciles it by hand.

export function SettlementMovedCell({ row }: { row: Pick<SettlementRow, 'status' | 'moved' | 'kind' | 'refund_minor' | 'currency'> }) {
  const m = row.moved;
  if (!m) return <span className="text-muted-foreground">{row.status === 'confirmed' ? 'not read from the transaction' : '—'}</span>;
  const refundDiffers = row.kind === 'cancellation' && BigInt(m.refund) !== tokenUnits(row.refund_minor);
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-2 tabular-nums" data-event={m.event}>
      <dt className="text-muted-foreground">traveller</dt>
      <dd data-moved="refund">{tokenAmount(m.refund)}</dd>
      <dt className="text-muted-foreground">airline</dt>
      <dd data-moved="to_airline">{tokenAmount(m.to_airline)}</dd>
      <dt className="text-muted-foreground">fee</dt>
      <dd data-moved="fee">{tokenAmount(m.fee)} {row.currency}</dd>
      {refundDiffers && (
        <dd className="col-span-2"><Badge variant="destructive">refund differs from the app’s</Badge></dd>
      )}
    </dl>
  );
}
