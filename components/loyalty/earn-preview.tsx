'use client';

import { useQuery } from '@tanstack/react-query';
import { PlaneLandingIcon } from 'lucide-react';
import type { EarnPreview as Earn } from '@/lib/loyalty/earn';
import { fetchJson } from '@/components/api/fetch-json';
import { TIER_NAME } from './tiers';

// Checkout's "you will earn": what this booking's fare, less any part points pay, earns the
// traveller at their tier, pending from payment and active once flown. Quiet while loading or
// if the preview fails: it informs, it never blocks paying.

const n = (x: number) => x.toLocaleString('en-US');

export function EarnPreview({ baseMinor, fareFamily, currency }: { baseMinor: number; fareFamily: string; currency: string }) {
  const earn = useQuery<Earn>({
    queryKey: ['loyalty', 'earn', baseMinor, fareFamily, currency],
    placeholderData: (previous) => previous,
    queryFn: ({ signal }) => fetchJson<{ data: Earn }>(
      `/api/v1/loyalty/earn?${new URLSearchParams({ base_minor: String(baseMinor), fare_family: fareFamily, currency })}`, { signal }).then((r) => r.data),
  });
  const e = earn.data;
  // nothing to say on a fare that earns nothing (another currency than the rates', a free fare)
  if (!e || (e.points <= 0 && baseMinor > 0)) return null;
  return (
    <p className="flex items-start gap-2 text-sm" data-testid="earn-preview" aria-live="polite">
      <PlaneLandingIcon className="mt-0.5 size-4 shrink-0 text-primary" aria-hidden="true" />
      {e.points > 0 ? (
        <span>
          This trip earns <strong className="tabular-nums">{n(e.points)} points</strong> and <span className="tabular-nums">{n(e.tier_credits)}</span> tier
          credits ({TIER_NAME[e.tier as keyof typeof TIER_NAME] ?? e.tier} ×{e.tier_multiplier}, fare ×{e.fare_family_multiplier}): pending once you pay,
          yours to spend once you’ve flown.
        </span>
      ) : (
        <span className="text-muted-foreground">The part of the fare paid with points earns no points.</span>
      )}
    </p>
  );
}
