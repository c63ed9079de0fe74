import type { Metadata } from 'next';
import { Suspense } from 'react';
import { consolePage } from '@/lib/admin/console-page';
import { FlightBoard } from '@/components/disruptions/flight-board';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Flights and disruptions' };

// Ops and admins, every airline. Airline operators manage their own flights at /airline/flights.
export default async function FlightsPage() {
  await consolePage('flights.manage');
  return (
    <>
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Flights and disruptions</h1>
        <p className="text-sm text-muted-foreground">
          Delay or cancel flights. A cancellation refunds every paid booking in full; a delay over 3 hours gives free cancellation.
        </p>
      </div>
      <Suspense>
        <FlightBoard ownAirline={null} />
      </Suspense>
    </>
  );
}
