'use client';

import dynamic from 'next/dynamic';

// The picker brings every wallet's adapter (Freighter's and LOBSTR's extension APIs among them):
// it loads when a dialog that shows it opens, never with the page behind the header's button.
export const WalletPicker = dynamic(() => import('./wallet-picker').then((m) => m.WalletPicker), {
  ssr: false,
  loading: () => <p className="py-6 text-center text-sm text-muted-foreground">Loading wallets…</p>,
});
