import type { Metadata } from 'next';
import Link from 'next/link';
import { getViewer } from '@/lib/auth/viewer';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { safeReturnTo } from '@/components/wallet/return-to';
import { WALLET_SIGN_IN_EXPLAINER } from '@/components/wallet/explainer';
import { WalletSignInPanel } from '@/components/wallet/wallet-sign-in-panel';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in with a wallet' };

// The wallet picker as a page, for links such as the booking flow's "sign in to continue"
// (/sign-in/wallet?redirect_url=/offers/…). Wallet sign-in works in every mode, Clerk or not.
export default async function WalletSignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const returnTo = safeReturnTo((await searchParams).redirect_url);
  const viewer = await getViewer();
  return (
    <div className="mx-auto flex w-full max-w-lg flex-col gap-6 px-4 py-10 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in with a wallet</h1>
      <Card>
        {viewer ? (
          <CardHeader>
            <CardTitle>You are signed in as {viewer.name}</CardTitle>
            <CardDescription>To use another wallet, sign out first or link it from your account menu.</CardDescription>
            <Button asChild className="mt-3 self-start">
              <Link href={returnTo}>Continue</Link>
            </Button>
          </CardHeader>
        ) : (
          <>
            <CardHeader>
              <CardTitle>Choose your Stellar wallet</CardTitle>
              <CardDescription>{WALLET_SIGN_IN_EXPLAINER}</CardDescription>
            </CardHeader>
            <CardContent>
              <WalletSignInPanel returnTo={returnTo} />
            </CardContent>
          </>
        )}
      </Card>
    </div>
  );
}
