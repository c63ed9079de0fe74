'use client';

import * as React from 'react';
import { useQuery } from '@tanstack/react-query';
import { SparklesIcon } from 'lucide-react';
import type { PaymentQuote } from '@/lib/payments/rail';
import { fetchJson } from '@/components/api/fetch-json';
import { money } from '@/components/flights/format';
import { Label } from '@/components/ui/label';

// The pay page's points slider: how many of the member's active points pay part of the fare.
// The server quotes every position (debounced), so the total shown is the one the rail charges
// (on the soroban rail these are previews, without a payer: only the wallet's own quote holds
// points); the slider's range is the quote's max_points (the fare, never taxes).

const points = (n: number) => n.toLocaleString('en-US');

/** The quote for `chosen` points on this booking, refetched (debounced) as the slider moves. */
export function usePaymentQuote(pnr: string, chosen: number, enabled: boolean) {
  const [settled, setSettled] = React.useState(chosen);
  React.useEffect(() => {
    const id = setTimeout(() => setSettled(chosen), 250);
    return () => clearTimeout(id);
  }, [chosen]);
  return useQuery({
    queryKey: ['payment-quote', pnr, settled],
    enabled,
    placeholderData: (previous) => previous,
    queryFn: () =>
      fetchJson<{ data: PaymentQuote }>(`/api/v1/bookings/${encodeURIComponent(pnr)}/payment-quote`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ points: settled }),
      }).then((r) => r.data),
  });
}

export function RedeemPoints({
  quote,
  chosen,
  onChange,
  disabled,
}: {
  quote: PaymentQuote | undefined;
  chosen: number;
  onChange: (points: number) => void;
  disabled?: boolean;
}) {
  const id = React.useId();
  const loyalty = quote?.loyalty;
  if (!loyalty || loyalty.max_points <= 0) {
    return loyalty && loyalty.balance === 0 ? (
      <p className="text-sm text-muted-foreground">You have no active points to use yet: points earned on a trip become active once you’ve flown.</p>
    ) : null;
  }
  const perDollar = loyalty.points_per_usd;
  const step = Math.max(1, Math.round(perDollar));   // a dollar a step; the keyboard's arrows move by one
  const value = Math.min(chosen, loyalty.max_points);
  const worth = Math.floor((value * 100) / perDollar);
  return (
    <div className="flex flex-col gap-2 rounded-lg border p-3" data-testid="redeem-points">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <Label htmlFor={id} className="flex items-center gap-1.5">
          <SparklesIcon className="size-4 text-primary" aria-hidden="true" />
          Pay with points
        </Label>
        <span className="text-sm tabular-nums" aria-live="polite">
          {points(value)} points = <span className="font-medium">{money(worth, quote.currency, { cents: true })}</span> off the fare
        </span>
      </div>
      <input
        id={id}
        type="range"
        min={0}
        max={loyalty.max_points}
        step={step}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(Number(e.target.value))}
        aria-valuetext={`${points(value)} points, ${money(worth, quote.currency, { cents: true })} off`}
        className="w-full accent-primary"
      />
      <div className="flex justify-between text-xs text-muted-foreground">
        <span>0</span>
        <span>
          You have {points(loyalty.balance)} active points · {points(perDollar)} points = $1 · up to the fare, not taxes
        </span>
        <span>{points(loyalty.max_points)}</span>
      </div>
    </div>
  );
}
