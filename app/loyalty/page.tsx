import type { Metadata } from 'next';
import Link from 'next/link';
import { getViewer } from '@/lib/auth/viewer';
import { config } from '@/lib/config';
import { SignInPrompt } from '@/components/booking/sign-in-prompt';
import { LoyaltyDashboard } from '@/components/loyalty/loyalty-dashboard';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Traqora Rewards' };

export default async function LoyaltyPage() {
  const viewer = await getViewer();
  const { mode } = config();
  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-6 px-4 py-6 sm:px-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Traqora Rewards</h1>
        <p className="text-sm text-muted-foreground">
          Points to pay for fares, tier credits for status. See who flies most on the{' '}
          <Link className="font-medium underline underline-offset-2" href="/loyalty/leaderboard">leaderboard</Link>.
        </p>
      </div>
      {viewer ? (
        <LoyaltyDashboard />
      ) : (
        <SignInPrompt devPersonas={mode.devPersonas} clerk={mode.clerk} returnTo="/loyalty" why="Sign in to see your points, tier and history." />
      )}
    </div>
  );
}
