'use client';

import type * as React from 'react';
import { deferredComponent } from '@/components/ui/deferred-component';
import { firstUseComponent } from '@/components/ui/first-use-component';

// The header's menus, dialogs and sheet (Radix menus and dialogs, Sonner, the wallets' adapters)
// are not part of the page's first JavaScript: every page's first load stays small, and the
// phone's main thread is free while the page hydrates. Until a menu's code has arrived, the
// header (a server component) shows its `fallback`: the button where the real one will be (no
// layout shift), rendered on the server so it costs no JavaScript.
//
// The menus and dialogs behind a button load on first use (components/ui/first-use-component.tsx):
// the theme menu, the phone's menu sheet, the wallet sign-in dialog, the viewer menu and the dev
// persona switcher. On a phone, mounting them right after hydration was a long task on every
// page (#15), three of them in boxes a phone never shows; the header draws their buttons itself.
// What shows state without being opened (the bell's count, the live status) still loads after the page.
//
// Most of them read the query cache, which the root layout does not provide (it is not part of
// every page's first load: components/query/query-client.ts); those bring its provider along.
function withQueryCache<P extends object>(load: () => Promise<React.ComponentType<P>>) {
  return () => Promise.all([load(), import('@/components/query/query-provider')]).then(([Component, q]) => q.withQueryProvider(Component));
}

export const ThemeToggle = firstUseComponent(() => import('./theme-toggle').then((m) => m.ThemeToggle));
export const MobileNav = firstUseComponent(withQueryCache(() => import('./mobile-nav').then((m) => m.MobileNav)));
export const PersonaSwitcher = firstUseComponent(withQueryCache(() => import('./persona-switcher').then((m) => m.PersonaSwitcher)));
export const ViewerMenu = firstUseComponent(withQueryCache(() => import('./viewer-menu').then((m) => m.ViewerMenu)));
export const WalletSignInDialog = firstUseComponent(withQueryCache(() => import('@/components/wallet/wallet-sign-in-dialog').then((m) => m.WalletSignInDialog)));
export const WalletWatch = deferredComponent(withQueryCache(() => import('@/components/wallet/wallet-watch').then((m) => m.WalletWatch)));
// The bell's panel is a Radix popover; its count arrives with it (a request of its own anyway).
export const NotificationBell = deferredComponent(withQueryCache(() => import('@/components/notifications/notification-bell').then((m) => m.NotificationBell)));
// Shown only while live updates are (re)connecting, which starts after the page has loaded.
export const LiveStatus = deferredComponent(() => import('@/components/live/live-status').then((m) => m.LiveStatus));
