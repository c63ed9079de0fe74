'use client';

import * as React from 'react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { LogOutIcon, MenuIcon, MonitorSmartphoneIcon, WalletIcon } from 'lucide-react';
import type { Viewer } from '@/lib/auth/types';
import { Button } from '@/components/ui/button';
import { Separator } from '@/components/ui/separator';
import { Sheet, SheetClose, SheetContent, SheetDescription, SheetHeader, SheetTitle, SheetTrigger } from '@/components/ui/sheet';
import { LinkedWalletsList } from '@/components/wallet/linked-wallets-list';
import { ACCOUNT_ITEMS, isActive, type NavGroup } from './nav-items';
import { PersonaList } from './persona-list';
import { initials, roleLabel } from './role-label';
import { SignOutControl } from './sign-out-control';
import { useSessionActions } from './use-session-actions';

interface MobileNavProps {
  groups: NavGroup[];
  viewer: Viewer | null;
  devPersonas: boolean;
  clerk: boolean;
  /** Loaded by its first use (deferred.tsx), it opens as it mounts. */
  defaultOpen?: boolean;
}

/** Below the md breakpoint the header collapses into this button and a side sheet. */
export function MobileNav({ groups, viewer, devPersonas, clerk, defaultOpen = false }: MobileNavProps) {
  const pathname = usePathname();
  const [open, setOpen] = React.useState(defaultOpen);

  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="icon" className="md:hidden" aria-label="Open menu">
          <MenuIcon className="size-5" aria-hidden="true" />
        </Button>
      </SheetTrigger>
      <SheetContent className="overflow-y-auto">
        <SheetHeader>
          <SheetTitle>Menu</SheetTitle>
          <SheetDescription className="sr-only">Site navigation and account</SheetDescription>
        </SheetHeader>

        <nav aria-label="Main" className="flex flex-col gap-4">
          {groups.map((group) => (
            <div key={group.id}>
              <p id={`mobile-nav-${group.id}`} className="px-3 pb-1 text-xs font-semibold tracking-wide text-muted-foreground uppercase">
                {group.label}
              </p>
              <ul aria-labelledby={`mobile-nav-${group.id}`} className="grid gap-0.5">
                {group.items.map((item) => (
                  <li key={item.href}>
                    <SheetLink href={item.href} label={item.label} pathname={pathname} />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>

        <Separator />

        {viewer ? (
          <div className="flex flex-col gap-3">
            <div className="flex items-center gap-3">
              <span
                aria-hidden="true"
                className="flex size-9 items-center justify-center rounded-full bg-secondary text-xs font-semibold text-secondary-foreground"
              >
                {initials(viewer.name)}
              </span>
              <div className="min-w-0">
                <p className="truncate text-sm font-medium">{viewer.name}</p>
                <p className="truncate text-xs text-muted-foreground">{viewer.roles.map(roleLabel).join(' · ') || 'No roles yet'}</p>
              </div>
            </div>
            <LinkedWalletsList wallets={viewer.wallets} />
            <ul aria-label="Account" className="grid gap-0.5">
              {ACCOUNT_ITEMS.map((item) => (
                <li key={item.href}>
                  <SheetLink href={item.href} label={item.label} pathname={pathname} />
                </li>
              ))}
            </ul>
            <SignOutControl source={viewer.source}>
              {(signOut, pending) => (
                <Button variant="outline" disabled={pending} onClick={signOut}>
                  <LogOutIcon aria-hidden="true" /> Sign out
                </Button>
              )}
            </SignOutControl>
            {/* Clerk's sessions are ended from Clerk's own account page. */}
            {viewer.source !== 'clerk' && <SignOutEverywhere />}
          </div>
        ) : (
          <div className="flex flex-col gap-2">
            {/* The page version: it brings the visitor back here afterwards, and the sheet closes as it navigates. */}
            <SheetClose asChild>
              <Button asChild variant="outline">
                <Link href={`/sign-in/wallet?redirect_url=${encodeURIComponent(pathname)}`}>
                  <WalletIcon aria-hidden="true" /> Sign in with a wallet
                </Link>
              </Button>
            </SheetClose>
            {clerk && (
              <Button asChild>
                <Link href="/sign-in">Sign in</Link>
              </Button>
            )}
          </div>
        )}

        {devPersonas && <PersonaList viewer={viewer} />}
      </SheetContent>
    </Sheet>
  );
}

/** A link in the sheet: closes it as it navigates, and marks the page the visitor is on. */
function SheetLink({ href, label, pathname }: { href: string; label: string; pathname: string }) {
  return (
    <SheetClose asChild>
      <Link
        href={href}
        aria-current={isActive(href, pathname) ? 'page' : undefined}
        className="flex h-10 items-center rounded-md px-3 text-sm font-medium outline-none hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring aria-[current=page]:bg-accent"
      >
        {label}
      </Link>
    </SheetClose>
  );
}

/** Ends every app session of the viewer, on every device (DELETE /api/v1/sessions). */
function SignOutEverywhere() {
  const { signOutEverywhere, pending } = useSessionActions();
  return (
    <Button variant="outline" disabled={pending} onClick={() => signOutEverywhere.mutate()}>
      <MonitorSmartphoneIcon aria-hidden="true" /> Sign out everywhere
    </Button>
  );
}
