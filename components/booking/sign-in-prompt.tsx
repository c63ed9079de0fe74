'use client';

import Link from 'next/link';
import { LogInIcon, WalletIcon } from 'lucide-react';
import { PERSONAS } from '@/lib/auth/types';
import { Button } from '@/components/ui/button';
import { useSessionActions } from '@/components/shell/use-session-actions';

/**
 * Shown where signing in is needed (booking, trips, wallet). Locally a dev persona signs in on
 * the spot; Clerk's and the wallet's sign-in pages bring the traveller back here.
 */
export function SignInPrompt({ devPersonas, clerk, returnTo, why }: { devPersonas: boolean; clerk: boolean; returnTo: string; why: string }) {
  const { signIn, pending } = useSessionActions();
  const traveller = PERSONAS.find((p) => p.role === 'traveller')!;
  return (
    <div className="flex flex-col items-start gap-3 rounded-xl border bg-card p-5 shadow-sm sm:p-6">
      <h2 className="text-lg font-semibold">Sign in to continue</h2>
      <p className="text-sm text-muted-foreground">{why}</p>
      <div className="flex flex-wrap gap-2">
        {clerk && (
          <Button asChild>
            <Link href={`/sign-in?redirect_url=${encodeURIComponent(returnTo)}`}>
              <LogInIcon aria-hidden="true" />
              Sign in
            </Link>
          </Button>
        )}
        {devPersonas && (
          <Button variant={clerk ? 'outline' : 'default'} disabled={pending} onClick={() => signIn.mutate({ role: traveller.role, name: traveller.name })}>
            <LogInIcon aria-hidden="true" />
            Continue as {traveller.name} (dev persona)
          </Button>
        )}
        {/* Wallet sign-in works in every mode; its page brings the traveller back here. */}
        <Button asChild variant="outline">
          <Link href={`/sign-in/wallet?redirect_url=${encodeURIComponent(returnTo)}`}>
            <WalletIcon aria-hidden="true" />
            Sign in with a wallet
          </Link>
        </Button>
      </div>
    </div>
  );
}
