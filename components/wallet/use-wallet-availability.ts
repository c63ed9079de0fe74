'use client';

import * as React from 'react';
import type { WalletId } from '@/lib/wallet/adapter';
import { WALLETS } from './wallets';

export type Availability = 'checking' | 'installed' | 'missing';

/**
 * Asks each wallet whether its extension is in this browser. Freighter answers within ~2 s even
 * when absent (its other calls would hang), Rabet at once; until then a wallet shows "checking".
 */
export function useWalletAvailability(): Record<WalletId, Availability> {
  const [availability, setAvailability] = React.useState<Record<WalletId, Availability>>(
    () => Object.fromEntries(WALLETS.map((w) => [w.id, 'checking'])) as Record<WalletId, Availability>,
  );
  React.useEffect(() => {
    let live = true;
    for (const wallet of WALLETS) {
      wallet
        .isAvailable()
        .catch(() => false)
        .then((ok) => {
          if (live) setAvailability((prev) => ({ ...prev, [wallet.id]: ok ? 'installed' : 'missing' }));
        });
    }
    return () => {
      live = false;
    };
  }, []);
  return availability;
}
