import type { Metadata } from 'next';
import { Suspense } from 'react';
import { getViewer } from '@/lib/auth/viewer';
import { config } from '@/lib/config';
import { flightScope } from '@/lib/disruptions/flights';
import { isHttpProblem } from '@/lib/http/problem';
import { SignInPrompt } from '@/components/booking/sign-in-prompt';
import { FlightBoard } from '@/components/disruptions/flight-board';
import { Banner } from '@/components/ui/banner';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Flights and disruptions' };

export default async function FlightsPage() {
  const viewer = await getViewer();
  const { mode } = config();
  let scope: string | undefined;
  let allowed = true;
  try {
    scope = flightScope(viewer);
  } catch (err) {
    if (!isHttpProblem(err)) throw err;
    allowed = false;
  }
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-6 sm:px-6">
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Flights and disruptions</h1>
        <p className="text-sm text-muted-foreground">
          Delay or cancel flights. A cancellation refunds every paid booking in full; a delay over 3 hours gives free cancellation.
        </p>
      </div>
      {!viewer ? (
        <SignInPrompt devPersonas={mode.devPersonas} clerk={mode.clerk} returnTo="/admin/flights" why="Sign in with an ops, admin or airline operator account." />
      ) : !allowed ? (
        <Banner variant="error" title="Not available to your role">
          Flights and disruptions need the flights.manage permission (admin, ops, or an airline operator).
        </Banner>
      ) : (
        <Suspense>
          <FlightBoard ownAirline={viewer.roles.some((g) => g.role === 'admin' || g.role === 'ops') ? null : (scope ?? null)} />
        </Suspense>
      )}
    </div>
  );
}
