'use client';

import * as React from 'react';
import { useRouter } from 'next/navigation';
import { StrKey } from '@stellar/stellar-sdk';
import { WALLETS } from '@/components/wallet/wallets';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { delegateOnChain, type TrqTarget } from '@/lib/governance/soroban/delegate-with-wallet';

const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

/** Why `raw` cannot be delegated to from `address`, or null. */
export function delegateeProblem(raw: string, address: string): string | null {
  const to = raw.trim();
  if (!to) return 'Enter the Stellar account (G…) to delegate to.';
  if (!StrKey.isValidEd25519PublicKey(to)) return 'Enter a Stellar account: G followed by 55 letters and digits.';
  if (to === address) return 'That is this wallet: use "Delegate to itself".';
  return null;
}

// A wallet's delegation on the TRQ contract, signed in the wallet that holds it (the first
// installed wallet on that address): to itself ("vote with this wallet's TRQ"), or to another
// account, which then votes with this wallet's balance too. The page re-reads both from the
// contract once the transaction has landed.
export function ChainDelegate({ address, delegate, target }: { address: string; delegate: string | null; target: TrqTarget }) {
  const router = useRouter();
  const [busy, setBusy] = React.useState(false);
  const [to, setTo] = React.useState('');
  const [problem, setProblem] = React.useState<string | null>(null);
  const [status, setStatus] = React.useState<{ ok: boolean; text: string } | null>(null);
  const id = `delegate-${address.slice(0, 8)}`;

  const run = async (delegatee: string) => {
    setBusy(true);
    setStatus(null);
    try {
      let wallet = null;
      for (const w of WALLETS) {
        if ((await w.isAvailable().catch(() => false)) && (await w.getAddress().catch(() => null)) === address) { wallet = w; break; }
      }
      if (!wallet) throw new Error(`Open the wallet that holds ${short(address)} to sign.`);
      const { txHash } = await delegateOnChain(wallet, target, delegatee);
      setStatus({ ok: true, text: `${delegatee === address ? 'Delegated to itself' : `Delegated to ${short(delegatee)}`} (transaction ${txHash.slice(0, 12)}…).` });
      setTo('');
      router.refresh();
    } catch (e) {
      setStatus({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const toOther = (e: React.FormEvent) => {
    e.preventDefault();
    const p = delegateeProblem(to, address);
    setProblem(p);
    if (!p) void run(to.trim());
  };

  return (
    <div className="flex w-full flex-col gap-2">
      {delegate !== address && (
        <Button size="sm" variant="outline" className="self-start" onClick={() => run(address)} disabled={busy}>Delegate to itself on chain</Button>
      )}
      <form onSubmit={toOther} noValidate className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <Field id={id} label={`Delegate ${short(address)}'s votes to another account`} error={problem ?? undefined} className="min-w-0 flex-1">
          <Input value={to} onChange={(e) => { setTo(e.target.value); setProblem(null); }} placeholder="G…" autoComplete="off" spellCheck={false} className="font-mono text-xs" />
        </Field>
        <Button type="submit" size="sm" disabled={busy}>{busy ? 'Waiting for the wallet…' : 'Delegate on chain'}</Button>
      </form>
      {status && <p role={status.ok ? 'status' : 'alert'} className={status.ok ? 'text-xs text-success' : 'text-xs text-destructive'}>{status.text}</p>}
    </div>
  );
}
