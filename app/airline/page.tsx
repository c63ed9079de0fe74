import type { Metadata } from 'next';
import { Suspense } from 'react';
import { portalPage } from '@/lib/airline/portal-page';
import { FlightBoard } from '@/components/disruptions/flight-board';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Airline portal' };

// The airline portal: an operator sees and manages its own airline's flights (the API scopes
// every call to that airline; another airline's flight is a 403).
export default async function AirlinePortalPage() {
  const { airline } = await portalPage();
  return (
    <>
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Airline portal · {airline}</h1>
        <p className="text-sm text-muted-foreground">
          Your flights, with what is booked on them. Delay or cancel a flight: a cancellation refunds every paid booking in full.
        </p>
      </div>
      <Suspense>
        <FlightBoard ownAirline={airline} />
      </Suspense>
    </>
  );
}
