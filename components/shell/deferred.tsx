'use client';

import type * as React from 'react';
import dynamic from 'next/dynamic';
import { BellIcon, MenuIcon, SunIcon, WalletIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';

// The header's menus, dialogs and sheet (Radix menus and dialogs, Sonner, the wallets' adapters)
// are loaded right after the page rather than with it: every page's first JavaScript stays small,
// and the phone's main thread is free while the page hydrates. Until a menu's code has arrived its
// button is shown, inert, where the real one will be (no layout shift).
//
// Most of them read the query cache, which the root layout does not provide (it is not part of
// every page's first load: components/query/query-client.ts); those bring its provider along.
function withQueryCache<P extends object>(load: () => Promise<React.ComponentType<P>>) {
  return () => Promise.all([load(), import('@/components/query/query-provider')]).then(([Component, q]) => q.withQueryProvider(Component));
}

export const ThemeToggle = dynamic(() => import('./theme-toggle').then((m) => m.ThemeToggle), {
  ssr: false,
  loading: () => (
    <Button variant="ghost" size="icon" aria-label="Colour theme" disabled>
      <SunIcon className="size-5" aria-hidden="true" />
    </Button>
  ),
});

export const MobileNav = dynamic(withQueryCache(() => import('./mobile-nav').then((m) => m.MobileNav)), {
  ssr: false,
  loading: () => (
    <Button variant="ghost" size="icon" className="md:hidden" aria-label="Open menu" disabled>
      <MenuIcon className="size-5" aria-hidden="true" />
    </Button>
  ),
});

export const PersonaSwitcher = dynamic(withQueryCache(() => import('./persona-switcher').then((m) => m.PersonaSwitcher)), {
  ssr: false,
  loading: () => <span className="inline-block h-8 w-36" aria-hidden="true" />,
});

export const ViewerMenu = dynamic(withQueryCache(() => import('./viewer-menu').then((m) => m.ViewerMenu)), {
  ssr: false,
  loading: () => <span className="inline-block h-9 w-32" aria-hidden="true" />,
});

export const WalletSignInDialog = dynamic(withQueryCache(() => import('@/components/wallet/wallet-sign-in-dialog').then((m) => m.WalletSignInDialog)), {
  ssr: false,
  loading: () => (
    <Button size="sm" variant="outline" disabled>
      <WalletIcon aria-hidden="true" />
      Sign in with a wallet
    </Button>
  ),
});

export const WalletWatch = dynamic(withQueryCache(() => import('@/components/wallet/wallet-watch').then((m) => m.WalletWatch)), { ssr: false });

// The bell's panel is a Radix popover; its count arrives with it (a request of its own anyway).
export const NotificationBell = dynamic(withQueryCache(() => import('@/components/notifications/notification-bell').then((m) => m.NotificationBell)), {
  ssr: false,
  loading: () => (
    <Button variant="ghost" size="icon" aria-label="Notifications" disabled>
      <BellIcon className="size-5" aria-hidden="true" />
    </Button>
  ),
});
