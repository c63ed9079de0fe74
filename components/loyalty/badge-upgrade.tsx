'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SparklesIcon } from 'lucide-react';
import type { Booking } from '@/lib/bookings/types';
import type { LoyaltyBadges } from '@/lib/loyalty/types';
import { fetchJson } from '@/components/api/fetch-json';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';

/**
 * On the pay page of a held Basic booking: spend badges on a one-time upgrade to Standard at the
 * same price (POST /bookings/{pnr}/fare-upgrade). Shown only to travellers holding enough badges.
 */
export function BadgeUpgrade({ pnr, onUpgraded, disabled }: { pnr: string; onUpgraded: (b: Booking) => void; disabled?: boolean }) {
  const queryClient = useQueryClient();
  const badges = useQuery({
    queryKey: ['loyalty', 'badges'],
    queryFn: ({ signal }) => fetchJson<LoyaltyBadges>('/api/v1/loyalty/badges', { signal }),
  });
  const upgrade = useMutation({
    mutationFn: () => fetchJson<{ data: Booking }>(`/api/v1/bookings/${encodeURIComponent(pnr)}/fare-upgrade`, { method: 'POST' }).then((r) => r.data),
    onSuccess: (b) => {
      onUpgraded(b);
      void queryClient.invalidateQueries({ queryKey: ['loyalty'] });
    },
  });
  const b = badges.data;
  if (!b || b.unspent < b.upgrade_cost) return null;
  return (
    <div className="flex flex-col gap-2 rounded-lg border border-primary/40 bg-primary/5 p-3" data-testid="badge-upgrade">
      <p className="flex items-start gap-2 text-sm">
        <SparklesIcon className="mt-0.5 size-4 shrink-0 text-primary" aria-hidden="true" />
        <span>
          You hold {b.unspent} unspent badges: spend {b.upgrade_cost} to upgrade this Basic fare to <strong>Standard</strong> — Standard’s
          conditions at the price you were quoted. Once per booking.
        </span>
      </p>
      {upgrade.isError && <Banner variant="error" compact>{upgrade.error.message}</Banner>}
      <Button type="button" variant="outline" size="sm" className="self-start" onClick={() => upgrade.mutate()} disabled={disabled || upgrade.isPending}>
        {upgrade.isPending ? 'Upgrading…' : `Upgrade to Standard with ${b.upgrade_cost} badges`}
      </Button>
    </div>
  );
}
