'use client';

import * as React from 'react';
import { useRouter } from 'next/navigation';
import { WALLETS } from '@/components/wallet/wallets';
import { Button } from '@/components/ui/button';
import { delegateOnChain, type TrqTarget } from '@/lib/governance/soroban/delegate-with-wallet';

// "Vote with this wallet's TRQ": delegates the wallet's balance to itself on the TRQ contract,
// signed in the wallet that holds it (the first installed wallet on that address).
export function ChainDelegateButton({ address, target }: { address: string; target: TrqTarget }) {
  const router = useRouter();
  const [busy, setBusy] = React.useState(false);
  const [status, setStatus] = React.useState<{ ok: boolean; text: string } | null>(null);
  const run = async () => {
    setBusy(true);
    setStatus(null);
    try {
      let wallet = null;
      for (const w of WALLETS) {
        if ((await w.isAvailable().catch(() => false)) && (await w.getAddress().catch(() => null)) === address) { wallet = w; break; }
      }
      if (!wallet) throw new Error(`Open the wallet that holds ${address.slice(0, 6)}… to sign.`);
      const { txHash } = await delegateOnChain(wallet, target);
      setStatus({ ok: true, text: `Delegated to itself (transaction ${txHash.slice(0, 12)}…).` });
      router.refresh();
    } catch (e) {
      setStatus({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="flex flex-col items-end gap-1">
      <Button size="sm" variant="outline" onClick={run} disabled={busy}>{busy ? 'Waiting for the wallet…' : 'Delegate to itself on chain'}</Button>
      {status && <span role={status.ok ? 'status' : 'alert'} className={status.ok ? 'text-xs text-success' : 'text-xs text-destructive'}>{status.text}</span>}
    </span>
  );
}
