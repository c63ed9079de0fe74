import Link from 'next/link';
import type { Viewer } from '@/lib/auth/types';
import { LiveStatus } from '@/components/live/live-status';
import { Button } from '@/components/ui/button';
import { Brand } from './brand';
// Menus and dialogs load just after the page (components/shell/deferred.tsx says why).
import { MobileNav, NotificationBell, PersonaSwitcher, ThemeToggle, ViewerMenu, WalletSignInDialog, WalletWatch } from './deferred';
import { MainNav } from './main-nav';
import { navFor } from './nav-items';

interface SiteHeaderProps {
  viewer: Viewer | null;
  /** From config().mode, decided on the server. */
  devPersonas: boolean;
  clerk: boolean;
}

export function SiteHeader({ viewer, devPersonas, clerk }: SiteHeaderProps) {
  const groups = navFor(viewer);
  return (
    <header className="sticky top-0 z-40 border-b bg-background/85 backdrop-blur supports-[backdrop-filter]:bg-background/70">
      <div className="mx-auto flex h-16 max-w-6xl items-center gap-4 px-4 sm:px-6">
        <Brand />
        <MainNav groups={groups} />
        <div className="ml-auto flex items-center gap-1.5">
          {devPersonas && (
            <div className="hidden md:block">
              <PersonaSwitcher viewer={viewer} />
            </div>
          )}
          {viewer && <LiveStatus />}
          <ThemeToggle />
          {viewer && <NotificationBell />}
          <div className="hidden items-center gap-1.5 md:flex">
            {viewer ? (
              <ViewerMenu viewer={viewer} />
            ) : (
              <>
                {/* Wallet sign-in works in every mode, next to Clerk's or the dev personas. */}
                <WalletSignInDialog />
                {clerk && (
                  <Button asChild size="sm">
                    <Link href="/sign-in">Sign in</Link>
                  </Button>
                )}
              </>
            )}
          </div>
          <MobileNav groups={groups} viewer={viewer} devPersonas={devPersonas} clerk={clerk} />
          {viewer?.source === 'wallet' && <WalletWatch linked={viewer.wallets} />}
        </div>
      </div>
    </header>
  );
}
