'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { LogInIcon, WalletIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';

/** Sign-in links that bring the visitor back to the page they asked for. */
export function SignInNeeded({ clerk }: { clerk: boolean }) {
  const back = encodeURIComponent(usePathname());
  return (
    <>
      <Button asChild>
        <Link href={`/sign-in/wallet?redirect_url=${back}`}>
          <WalletIcon aria-hidden="true" /> Sign in with a wallet
        </Link>
      </Button>
      {clerk && (
        <Button asChild variant="outline">
          <Link href={`/sign-in?redirect_url=${back}`}>
            <LogInIcon aria-hidden="true" /> Sign in
          </Link>
        </Button>
      )}
    </>
  );
}
