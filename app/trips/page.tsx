import type { Metadata } from 'next';
import { getViewer } from '@/lib/auth/viewer';
import { config } from '@/lib/config';
import { SignInPrompt } from '@/components/booking/sign-in-prompt';
import { TripList } from '@/components/trips/trip-list';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'My trips' };

export default async function TripsPage() {
  const viewer = await getViewer();
  const { mode } = config();
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 py-6 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">My trips</h1>
      {viewer ? (
        <TripList />
      ) : (
        <SignInPrompt devPersonas={mode.devPersonas} clerk={mode.clerk} returnTo="/trips" why="Sign in to see and manage your bookings." />
      )}
    </div>
  );
}
