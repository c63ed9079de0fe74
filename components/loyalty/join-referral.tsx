'use client';

import Link from 'next/link';
import { useMutation } from '@tanstack/react-query';
import { GiftIcon } from 'lucide-react';
import type { ReferralClaim } from '@/lib/loyalty/types';
import { fetchJson } from '@/components/api/fetch-json';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';

/** Claims a referral code for the signed-in traveller (POST /api/v1/loyalty/referrals). */
export function JoinReferral({ code }: { code: string }) {
  const claim = useMutation({
    mutationFn: () => fetchJson<{ data: ReferralClaim }>('/api/v1/loyalty/referrals', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }),
    }).then((r) => r.data),
  });
  if (claim.isSuccess) {
    return (
      <Banner variant="success" title="You joined with your friend’s code" action={<Button asChild variant="outline"><Link href="/loyalty">See your rewards</Link></Button>}>
        Your bonus, and theirs, arrive when you have flown your first trip with Traqora.
      </Banner>
    );
  }
  return (
    <div className="flex flex-col items-start gap-3 rounded-xl border bg-card p-5 shadow-sm sm:p-6">
      {claim.isError && (
        <Banner variant="error" title="This code can’t be used" className="w-full">
          {claim.error.message}
        </Banner>
      )}
      <Button type="button" onClick={() => claim.mutate()} disabled={claim.isPending}>
        <GiftIcon aria-hidden="true" /> {claim.isPending ? 'Joining…' : `Join with code ${code}`}
      </Button>
    </div>
  );
}
