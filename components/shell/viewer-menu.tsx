'use client';

import * as React from 'react';
import Link from 'next/link';
import { LogOutIcon, MonitorSmartphoneIcon } from 'lucide-react';
import type { Viewer } from '@/lib/auth/types';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { LinkedWalletsMenu } from '@/components/wallet/linked-wallets-menu';
import { LinkWalletDialog } from '@/components/wallet/link-wallet-dialog';
import { ACCOUNT_ITEMS } from './nav-items';
import { roleLabel } from './role-label';
import { SignOutControl } from './sign-out-control';
import { useSessionActions } from './use-session-actions';
import { ViewerButton } from './viewer-button';

const SOURCE_LABEL: Record<Viewer['source'], string> = {
  dev: 'Dev persona',
  clerk: 'Signed in with Clerk',
  wallet: 'Signed in with a Stellar wallet',
  'api-key': 'Using an API key',
};

/**
 * The signed-in viewer's name, opening a menu with who they are, their wallets and sign-out.
 * `defaultOpen`: loaded by its first use (deferred.tsx), it opens as it mounts.
 */
export function ViewerMenu({ viewer, defaultOpen = false }: { viewer: Viewer; defaultOpen?: boolean }) {
  const [linking, setLinking] = React.useState(false);
  const { signOutEverywhere, pending } = useSessionActions();
  return (
    <DropdownMenu modal={false} defaultOpen={defaultOpen}>
      <DropdownMenuTrigger asChild>
        <ViewerButton name={viewer.name} />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel className="flex flex-col gap-0.5">
          <span className="truncate">{viewer.name}</span>
          {viewer.email && <span className="truncate text-xs font-normal text-muted-foreground">{viewer.email}</span>}
        </DropdownMenuLabel>
        <div className="px-2 pb-1.5 text-xs text-muted-foreground">
          <p>{viewer.roles.length ? viewer.roles.map(roleLabel).join(' · ') : 'No roles yet'}</p>
          <p>{SOURCE_LABEL[viewer.source]}</p>
        </div>
        <DropdownMenuSeparator />
        <LinkedWalletsMenu wallets={viewer.wallets} onLink={() => setLinking(true)} />
        <DropdownMenuSeparator />
        {ACCOUNT_ITEMS.map((item) => (
          <DropdownMenuItem key={item.href} asChild>
            <Link href={item.href}>{item.label}</Link>
          </DropdownMenuItem>
        ))}
        <DropdownMenuSeparator />
        <SignOutControl source={viewer.source}>
          {(signOut, pending) => (
            <DropdownMenuItem disabled={pending} onSelect={signOut}>
              <LogOutIcon aria-hidden="true" /> Sign out
            </DropdownMenuItem>
          )}
        </SignOutControl>
        {/* Clerk's sessions are ended from Clerk's own account page. */}
        {viewer.source !== 'clerk' && (
          <DropdownMenuItem disabled={pending} onSelect={() => signOutEverywhere.mutate()}>
            <MonitorSmartphoneIcon aria-hidden="true" /> Sign out everywhere
          </DropdownMenuItem>
        )}
      </DropdownMenuContent>
      {/* Beside the menu's content, not in it: the content (and any dialog inside) unmounts when the menu closes. */}
      <LinkWalletDialog open={linking} onOpenChange={setLinking} />
    </DropdownMenu>
  );
}
