import type { Metadata } from 'next';
import { getViewer } from '@/lib/auth/viewer';
import { config } from '@/lib/config';
import { paymentRail } from '@/lib/payments';
import { SignInPrompt } from '@/components/booking/sign-in-prompt';
import { ChainWalletView } from '@/components/trips/chain-wallet-view';
import { WalletView } from '@/components/trips/wallet-view';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Wallet' };

export default async function WalletPage() {
  const viewer = await getViewer();
  const { mode } = config();
  const rail = paymentRail().describe();
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 py-6 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">Wallet</h1>
      {/* A Traqora balance exists only where Traqora holds the money; otherwise the traveller's own wallet paid. */}
      {viewer && rail.custody === 'platform' ? (
        <WalletView />
      ) : viewer ? (
        <ChainWalletView explorerUrl={rail.explorerUrl} />
      ) : (
        <SignInPrompt devPersonas={mode.devPersonas} clerk={mode.clerk} returnTo="/wallet" why="Sign in to see your balance, payments and refunds." />
      )}
    </div>
  );
}
