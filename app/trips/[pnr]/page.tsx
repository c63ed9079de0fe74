import type { Metadata } from 'next';
import { getViewer } from '@/lib/auth/viewer';
import { config } from '@/lib/config';
import { SignInPrompt } from '@/components/booking/sign-in-prompt';
import { TripDetail } from '@/components/trips/trip-detail';
import { paymentRail } from '@/lib/payments';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ pnr: string }> }): Promise<Metadata> {
  return { title: `Trip ${(await params).pnr.toUpperCase()}` };
}

export default async function TripPage({ params }: { params: Promise<{ pnr: string }> }) {
  const { pnr } = await params;
  const viewer = await getViewer();
  const { mode } = config();
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-6 sm:px-6">
      {viewer ? (
        <TripDetail pnr={pnr.toUpperCase()} explorerUrl={paymentRail().describe().explorerUrl} />
      ) : (
        <>
          <h1 className="text-2xl font-semibold tracking-tight">Trip {pnr.toUpperCase()}</h1>
          <SignInPrompt devPersonas={mode.devPersonas} clerk={mode.clerk} returnTo={`/trips/${pnr}`} why="Sign in to see this booking." />
        </>
      )}
    </div>
  );
}
