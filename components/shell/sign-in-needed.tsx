'use client';

import type * as React from 'react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

// Every page's HTML names the 401 boundary's code (app/unauthorized.tsx), so this is in every
// page's first load: the page hands it its looks and icons ready made (button classes, SVGs)
// and only the return address is worked out here.

/** Sign-in links that bring the visitor back to the page they asked for. */
export function SignInNeeded({ clerk, looks, icons }: {
  clerk: boolean;
  /** Class names of the main and the secondary link (buttonVariants). */
  looks: { main: string; other: string };
  icons: { wallet: React.ReactNode; signIn: React.ReactNode };
}) {
  const back = encodeURIComponent(usePathname());
  return (
    <>
      <Link href={`/sign-in/wallet?redirect_url=${back}`} className={looks.main} data-slot="button">
        {icons.wallet} Sign in with a wallet
      </Link>
      {clerk && (
        <Link href={`/sign-in?redirect_url=${back}`} className={looks.other} data-slot="button">
          {icons.signIn} Sign in
        </Link>
      )}
    </>
  );
}
