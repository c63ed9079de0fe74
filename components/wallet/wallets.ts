'use client';

import { useSyncExternalStore } from 'react';
import type { WalletAdapter, WalletId } from '@/lib/wallet/adapter';
import { albedoAdapter } from '@/lib/wallet/albedo';
import { devnetWalletAdapter } from '@/lib/wallet/devnet';
import { freighterAdapter } from '@/lib/wallet/freighter';
import { lobstrAdapter } from '@/lib/wallet/lobstr';
import { rabetAdapter } from '@/lib/wallet/rabet';
import { xbullAdapter } from '@/lib/wallet/xbull';

/**
 * The wallets the picker offers, in the order shown (Freighter first, as the design brief says);
 * last, the development wallet, only under `npm run dev:chain` (never in a production build).
 */
export const WALLETS: readonly WalletAdapter[] = [
  freighterAdapter, rabetAdapter, xbullAdapter, albedoAdapter, lobstrAdapter, ...(devnetWalletAdapter ? [devnetWalletAdapter] : []),
];

/** What the picker says instead of "Installed" for wallets that are websites, not extensions. */
export const WALLET_NOTES: Partial<Record<WalletId, string>> = {
  albedo: 'Web wallet · opens a window at albedo.link',
  devnet: 'Development only · a key kept in this browser, funded by the local devnet',
};

export function walletById(id: string | null | undefined): WalletAdapter | undefined {
  return WALLETS.find((w) => w.id === id);
}

// The last wallet used is remembered on this device only: it is a convenience, not identity,
// so it never goes to the server.
const REMEMBERED = 'traqora.wallet';

export function rememberedWalletId(): WalletId | null {
  try {
    return walletById(localStorage.getItem(REMEMBERED))?.id ?? null;
  } catch {
    return null; // storage blocked (private mode, sandboxed frame)
  }
}

const noSubscription = () => () => {};

/** The remembered wallet for rendering: null on the server (no localStorage there), read on the client. */
export function useRememberedWalletId(): WalletId | null {
  return useSyncExternalStore(noSubscription, rememberedWalletId, () => null);
}

export function rememberWallet(id: WalletId) {
  try {
    localStorage.setItem(REMEMBERED, id);
  } catch {
    // not remembering is fine
  }
}
