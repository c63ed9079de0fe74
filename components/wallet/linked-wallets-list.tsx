'use client';

import * as React from 'react';
import { CopyIcon, PlusIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { copyAddress } from './copy-address';
import { LinkWalletDialog } from './link-wallet-dialog';
import { shortAddress } from './short-address';

/** The linked wallets and "Link a wallet" as plain buttons, for the mobile menu sheet (no dropdown there). */
export function LinkedWalletsList({ wallets }: { wallets: string[] }) {
  const [linking, setLinking] = React.useState(false);
  return (
    <section aria-labelledby="linked-wallets-title" className="grid gap-1.5">
      <h3 id="linked-wallets-title" className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">
        {wallets.length ? 'Linked wallets' : 'No wallet linked yet'}
      </h3>
      {wallets.map((address) => (
        <Button key={address} variant="ghost" className="justify-between" title={address} onClick={() => void copyAddress(address)}>
          <span className="font-mono text-xs">{shortAddress(address)}</span>
          <span className="sr-only">: copy the full address</span>
          <CopyIcon className="text-muted-foreground" aria-hidden="true" />
        </Button>
      ))}
      <Button variant="outline" onClick={() => setLinking(true)}>
        <PlusIcon aria-hidden="true" /> Link a wallet
      </Button>
      <LinkWalletDialog open={linking} onOpenChange={setLinking} />
    </section>
  );
}
