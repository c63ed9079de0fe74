'use client';

import type { WalletAdapter } from '@/lib/wallet/adapter';
import { rememberedWalletId, walletById, WALLETS } from '@/components/wallet/wallets';

/** The wallet to sign a dispute call with: the one last used on this device, else the first installed. */
export async function pickWallet(): Promise<WalletAdapter> {
  const remembered = walletById(rememberedWalletId());
  if (remembered && (await remembered.isAvailable().catch(() => false))) return remembered;
  for (const w of WALLETS) if (await w.isAvailable().catch(() => false)) return w;
  throw new Error('Install or open a Stellar wallet linked to your account.');
}
