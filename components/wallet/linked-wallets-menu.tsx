'use client';

import { CopyIcon, PlusIcon } from 'lucide-react';
import { DropdownMenuItem, DropdownMenuLabel } from '@/components/ui/dropdown-menu';
import { copyAddress } from './copy-address';
import { shortAddress } from './short-address';

/** Account-menu items: the viewer's linked wallets (select one to copy it) and "Link a wallet". */
export function LinkedWalletsMenu({ wallets, onLink }: { wallets: string[]; onLink: () => void }) {
  return (
    <>
      <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">
        {wallets.length ? 'Linked wallets' : 'No wallet linked yet'}
      </DropdownMenuLabel>
      {wallets.map((address) => (
        <DropdownMenuItem key={address} onSelect={() => void copyAddress(address)} title={address}>
          <span className="font-mono text-xs">{shortAddress(address)}</span>
          <span className="sr-only">: copy the full address</span>
          <CopyIcon className="ml-auto text-muted-foreground" aria-hidden="true" />
        </DropdownMenuItem>
      ))}
      <DropdownMenuItem onSelect={onLink}>
        <PlusIcon aria-hidden="true" /> Link a wallet
      </DropdownMenuItem>
    </>
  );
}
