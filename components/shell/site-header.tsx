import Link from 'next/link';
import type { Viewer } from '@/lib/auth/types';
import { Button } from '@/components/ui/button';
// Drawn without lucide-react's components: its client Icon base would join every page's first load.
import { DrawnIcon } from '@/components/ui/drawn-icon';
import { bell, chevronDown, menu, moon, sun, wallet } from '@/components/ui/drawings';
import { Brand } from './brand';
import { currentPersona } from './persona';
import { PersonaButton } from './persona-button';
import { ViewerButton } from './viewer-button';
// Menus and dialogs are not in the page's first load (components/shell/deferred.tsx says when
// each loads); until then each shows the fallback given here, rendered on the server. For those
// that load on first use, the fallback is their button as they draw it, enabled once the page
// has hydrated: it must look and read the same (name, aria-haspopup) as the one it stands for.
import { LiveStatus, MobileNav, NotificationBell, PersonaSwitcher, ThemeToggle, ViewerMenu, WalletSignInDialog, WalletWatch } from './deferred';
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
        <MainNav groups={groups} chevron={<DrawnIcon drawing={chevronDown} className="size-4" aria-hidden="true" />} />
        <div className="ml-auto flex items-center gap-1.5">
          {devPersonas && (
            <div className="hidden md:block">
              <PersonaSwitcher viewer={viewer} fallback={<PersonaButton persona={currentPersona(viewer)} aria-haspopup="menu" aria-expanded={false} disabled />} />
            </div>
          )}
          {viewer && <LiveStatus />}
          <ThemeToggle
            fallback={
              <Button variant="ghost" size="icon" aria-label="Colour theme" aria-haspopup="menu" aria-expanded={false} disabled>
                {/* As the menu's own button: the icon follows the `dark` class, so the first paint is right. */}
                <DrawnIcon drawing={sun} className="size-5 dark:hidden" aria-hidden="true" />
                <DrawnIcon drawing={moon} className="hidden size-5 dark:block" aria-hidden="true" />
              </Button>
            }
          />
          {viewer && (
            <NotificationBell
              fallback={
                <Button variant="ghost" size="icon" aria-label="Notifications" disabled>
                  <DrawnIcon drawing={bell} className="size-5" aria-hidden="true" />
                </Button>
              }
            />
          )}
          <div className="hidden items-center gap-1.5 md:flex">
            {viewer ? (
              <ViewerMenu viewer={viewer} fallback={<ViewerButton name={viewer.name} aria-haspopup="menu" aria-expanded={false} disabled />} />
            ) : (
              <>
                {/* Wallet sign-in works in every mode, next to Clerk's or the dev personas. */}
                <WalletSignInDialog
                  fallback={
                    <Button size="sm" variant="outline" aria-haspopup="dialog" aria-expanded={false} disabled>
                      <DrawnIcon drawing={wallet} aria-hidden="true" />
                      Sign in with a wallet
                    </Button>
                  }
                />
                {clerk && (
                  <Button asChild size="sm">
                    <Link href="/sign-in">Sign in</Link>
                  </Button>
                )}
              </>
            )}
          </div>
          <MobileNav
            groups={groups}
            viewer={viewer}
            devPersonas={devPersonas}
            clerk={clerk}
            fallback={
              <Button variant="ghost" size="icon" className="md:hidden" aria-label="Open menu" aria-haspopup="dialog" aria-expanded={false} disabled>
                <DrawnIcon drawing={menu} className="size-5" aria-hidden="true" />
              </Button>
            }
          />
          {viewer?.source === 'wallet' && <WalletWatch linked={viewer.wallets} />}
        </div>
      </div>
    </header>
  );
}
