import { cn } from '@/components/ui/cn';
import { lineAmount, type PriceLine } from './price-lines';

// Lines, then the total the server charged, then what happened to the money since (refunded,
// held in escrow). The total is passed, never summed here: what is shown is what was charged.

function Row({ line, currency }: { line: PriceLine; currency: string }) {
  const success = line.tone === 'success' || (line.tone === undefined && line.amount_minor < 0);
  return (
    <>
      <dt className="text-muted-foreground">
        {line.label}
        {line.note && <span className="block text-xs">{line.note}</span>}
      </dt>
      <dd className={cn('pl-4 text-right tabular-nums', success && 'text-success')}>{lineAmount(line.amount_minor, currency)}</dd>
    </>
  );
}

export function PriceBreakdown({
  currency,
  lines,
  total,
  totalLabel = 'Total',
  after = [],
  emphasis = true,
  className,
}: {
  currency: string;
  lines: readonly PriceLine[];
  /** The charged total in minor units, from the server. */
  total: number;
  totalLabel?: string;
  /** Lines below the total: refunded, held in escrow. */
  after?: readonly PriceLine[];
  /** A larger total, where paying is the point of the page. */
  emphasis?: boolean;
  className?: string;
}) {
  return (
    <dl className={cn('grid grid-cols-[1fr_auto] gap-y-1.5 text-sm', className)}>
      {lines.map((l) => (
        <Row key={l.id} line={l} currency={currency} />
      ))}
      <dt className="border-t pt-2 font-semibold">{totalLabel}</dt>
      <dd className={cn('border-t pt-2 pl-4 text-right font-semibold tabular-nums', emphasis && 'text-lg')}>{lineAmount(total, currency)}</dd>
      {after.map((l) => (
        <Row key={l.id} line={l} currency={currency} />
      ))}
    </dl>
  );
}
