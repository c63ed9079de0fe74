import type { Metadata } from 'next';
import { getViewer } from '@/lib/auth/viewer';
import { config } from '@/lib/config';
import { SignInPrompt } from '@/components/booking/sign-in-prompt';
import { WatchList } from '@/components/watches/watch-list';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Price watches' };

export default async function WatchesPage() {
  const viewer = await getViewer();
  const { mode } = config();
  return (
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-6 px-4 py-6 sm:px-6">
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Price watches</h1>
        <p className="text-sm text-muted-foreground">Routes you track. We alert you once per drop: under your target, or down by the set percentage.</p>
      </div>
      {viewer ? (
        <WatchList />
      ) : (
        <SignInPrompt devPersonas={mode.devPersonas} clerk={mode.clerk} returnTo="/watches" why="Sign in to see your price watches." />
      )}
    </div>
  );
}
