'use client';

import * as React from 'react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { MenuIcon } from 'lucide-react';
import type { Permission } from '@/lib/admin/permissions';
import { Button } from '@/components/ui/button';
import { Sheet, SheetClose, SheetContent, SheetDescription, SheetHeader, SheetTitle, SheetTrigger } from '@/components/ui/sheet';
import { adminNavFor, isAdminActive, type AdminNavItem } from './nav-items';

const itemClass =
  'flex h-10 items-center gap-3 rounded-md px-3 text-sm font-medium text-muted-foreground outline-none transition-colors hover:bg-accent hover:text-accent-foreground focus-visible:ring-2 focus-visible:ring-ring aria-[current=page]:bg-accent aria-[current=page]:text-foreground';

function NavList({ items, pathname, inSheet }: { items: AdminNavItem[]; pathname: string; inSheet?: boolean }) {
  return (
    <ul className="grid gap-0.5">
      {items.map(({ href, label, icon: Icon }) => {
        const link = (
          <Link href={href} className={itemClass} aria-current={isAdminActive(href, pathname) ? 'page' : undefined}>
            <Icon className="size-4 shrink-0" aria-hidden="true" />
            {label}
          </Link>
        );
        return <li key={href}>{inSheet ? <SheetClose asChild>{link}</SheetClose> : link}</li>;
      })}
    </ul>
  );
}

/**
 * The console's navigation: a sticky column from the md breakpoint up, a drawer below it.
 * `permissions` comes from the server (the layout); only items they allow are listed.
 */
export function AdminSidebar({ permissions }: { permissions: Permission[] }) {
  const pathname = usePathname();
  const items = adminNavFor(permissions);
  const current = items.find((item) => isAdminActive(item.href, pathname));
  return (
    <>
      <aside className="hidden w-52 shrink-0 md:block">
        <nav aria-label="Console" className="sticky top-20">
          <p className="px-3 pb-2 text-xs font-semibold tracking-wide text-muted-foreground uppercase">Console</p>
          <NavList items={items} pathname={pathname} />
        </nav>
      </aside>
      <div className="flex items-center gap-2 md:hidden">
        <Sheet>
          <SheetTrigger asChild>
            <Button variant="outline" size="sm">
              <MenuIcon aria-hidden="true" /> Console menu
            </Button>
          </SheetTrigger>
          <SheetContent className="overflow-y-auto">
            <SheetHeader>
              <SheetTitle>Console</SheetTitle>
              <SheetDescription className="sr-only">Operators’ console pages</SheetDescription>
            </SheetHeader>
            <nav aria-label="Console">
              <NavList items={items} pathname={pathname} inSheet />
            </nav>
          </SheetContent>
        </Sheet>
        {current && <span className="text-sm text-muted-foreground">{current.label}</span>}
      </div>
    </>
  );
}
