'use client';

import { useQuery } from '@tanstack/react-query';
import { InfoIcon } from 'lucide-react';
import type { LoyaltySummary } from '@/lib/loyalty/types';
import { fetchJson } from '@/components/api/fetch-json';

// The pay page on a rail that takes no points (a Stellar wallet pays the escrow contract and this
// deployment has no loyalty-liability key to pay the points' part beside it): said before the
// traveller tries, with the points they hold, instead of a slider that would be refused.

export function PointsNotTaken() {
  const loyalty = useQuery({
    queryKey: ['loyalty', 'summary'],
    queryFn: ({ signal }) => fetchJson<{ data: LoyaltySummary }>('/api/v1/loyalty', { signal }).then((r) => r.data),
    staleTime: 60_000,
  });
  const active = loyalty.data?.points.active ?? 0;
  if (active <= 0) return null;
  return (
    <p className="flex items-start gap-2 rounded-lg border p-3 text-sm" data-testid="points-not-taken">
      <InfoIcon className="mt-0.5 size-4 shrink-0 text-primary" aria-hidden="true" />
      <span>
        You have {active.toLocaleString('en-US')} points, but points can’t pay part of a payment from a Stellar wallet here: the
        escrow contract takes the whole price from your wallet. Your points stay in your account, and this trip still earns its own.
      </span>
    </p>
  );
}
