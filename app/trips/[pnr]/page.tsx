import type { Metadata } from 'next';
import { getViewer } from '@/lib/auth/viewer';
import type { Viewer } from '@/lib/auth/types';
import { getBooking } from '@/lib/bookings/manage';
import type { Booking } from '@/lib/bookings/types';
import { config } from '@/lib/config';
import { SignInPrompt } from '@/components/booking/sign-in-prompt';
import { TripDetail } from '@/components/trips/trip-detail';
import { paymentRail } from '@/lib/payments';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ pnr: string }> }): Promise<Metadata> {
  return { title: `Trip ${(await params).pnr.toUpperCase()}` };
}

/**
 * The booking as GET /api/v1/bookings/{pnr} answers it, read while the page renders so the trip
 * arrives in the HTML (nothing below a loading skeleton moves when it comes). Undefined when it
 * cannot be read (not the viewer's, or a failure): the page then asks the API and shows its answer.
 */
async function initialBooking(viewer: Viewer, pnr: string): Promise<Booking | undefined> {
  if (!/^[A-Z0-9]{6}$/.test(pnr)) return undefined; // the API's own check (its 400 is the page's to show)
  return getBooking(viewer, pnr).catch(() => undefined);
}

export default async function TripPage({ params }: { params: Promise<{ pnr: string }> }) {
  const pnr = (await params).pnr.toUpperCase();
  const viewer = await getViewer();
  const { mode } = config();
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-6 sm:px-6">
      {viewer ? (
        <TripDetail pnr={pnr} initial={await initialBooking(viewer, pnr)} explorerUrl={paymentRail().describe().explorerUrl} />
      ) : (
        <>
          <h1 className="text-2xl font-semibold tracking-tight">Trip {pnr}</h1>
          <SignInPrompt devPersonas={mode.devPersonas} clerk={mode.clerk} returnTo={`/trips/${pnr}`} why="Sign in to see this booking." />
        </>
      )}
    </div>
  );
}
