'use client';

import { useRouter } from 'next/navigation';
import { WalletPicker } from './wallet-picker';

/** The picker as the /sign-in/wallet page uses it: on success, go back where the traveller came from. */
export function WalletSignInPanel({ returnTo }: { returnTo: string }) {
  const router = useRouter();
  return <WalletPicker onDone={() => router.replace(returnTo)} />;
}
