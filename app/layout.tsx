import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import type * as React from 'react';
import { getViewer, isAccountSuspended } from '@/lib/auth/viewer';
import { config } from '@/lib/config';
import { paymentRail } from '@/lib/payments';
import { LiveProvider } from '@/components/live/live-provider';
import { NONCE_HEADER } from '@/lib/security/headers';
import { AccountSuspendedPage } from '@/components/shell/account-suspended-page';
import { ClerkBoundary } from '@/components/shell/clerk-boundary';
import { SiteFooter } from '@/components/shell/site-footer';
import { SiteHeader } from '@/components/shell/site-header';
import { SkipLink } from '@/components/shell/skip-link';
import { ThemeScript } from '@/components/shell/theme-script';
import { Providers } from './providers';
import './globals.css';

// The header shows who is signed in, so every page renders per request (and the build never opens the database).
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Traqora — flights paid into escrow', template: '%s · Traqora' },
  description:
    'Search and book flights and pay from your Stellar wallet into an escrow: the airline is paid when you fly, you are refunded if the flight is cancelled.',
  icons: { icon: '/favicon.svg' },
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f8fafc' },
    { media: '(prefers-color-scheme: dark)', color: '#111827' },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const { mode } = config();
  const viewer = await getViewer();
  const suspended = await isAccountSuspended();
  // This request's CSP nonce (proxy.ts): the theme script and Clerk's loader must carry it.
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;

  return (
    // The theme script sets the class on <html> before hydration; suppress the expected attribute mismatch.
    <html lang="en" suppressHydrationWarning>
      <body className="flex min-h-dvh flex-col">
        <ThemeScript nonce={nonce} />
        <ClerkBoundary enabled={mode.clerk} nonce={nonce}>
          <Providers>
            {/* One live-updates connection per tab for a signed-in viewer (components/live). */}
            <LiveProvider enabled={viewer !== null && !suspended}>
              <SkipLink />
              <SiteHeader viewer={viewer} devPersonas={mode.devPersonas} clerk={mode.clerk} />
              <main id="main" tabIndex={-1} className="flex flex-1 flex-col outline-none">
                {suspended ? <AccountSuspendedPage /> : children}
              </main>
              <SiteFooter local={mode.local} demoMoney={paymentRail().describe().demoFunds} />
            </LiveProvider>
          </Providers>
        </ClerkBoundary>
      </body>
    </html>
  );
}
