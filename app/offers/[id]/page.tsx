import type { Metadata } from 'next';
import { getViewer } from '@/lib/auth/viewer';
import { config } from '@/lib/config';
import { governedParameters } from '@/lib/parameters/read';
import { OfferCheckout } from '@/components/booking/offer-checkout';
import { offerIdFromParam } from '@/components/booking/offer-types';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Review your flight' };

export default async function OfferPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  const { mode } = config();
  const fee = (await governedParameters()).find((p) => p.key === 'platform.fee_bps')?.value;
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-6 sm:px-6">
      <div>
        <p className="text-sm font-medium text-muted-foreground">Step 2 of 3 · Review and passengers</p>
        <h1 className="text-2xl font-semibold tracking-tight">Review your flight</h1>
      </div>
      <OfferCheckout
        key={id}
        offerId={offerIdFromParam(id)}
        signedIn={!!viewer}
        email={viewer?.email ?? ''}
        devPersonas={mode.devPersonas}
        clerk={mode.clerk}
        platformFeeBps={fee}
      />
    </div>
  );
}
