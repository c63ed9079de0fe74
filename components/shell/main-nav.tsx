'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type * as React from 'react';
import { cn } from '@/components/ui/cn';
import { firstUseComponent } from '@/components/ui/first-use-component';
import { isActive } from './active-link';
import type { NavGroup } from './nav-items';

// A section's menu (Radix's dropdown, with floating-ui) loads on first use (components/ui/first-use-component.tsx):
// loaded after every page, it was a long task on phones, where this nav is not even shown (#15).
// Until then its button is drawn here, as section-menu.tsx draws it (the chevron comes drawn from the server).
const SectionMenu = firstUseComponent(() => import('./section-menu').then((m) => m.SectionMenu));

export const linkClass =
  'inline-flex h-9 items-center gap-1 rounded-md px-3 text-sm font-medium text-muted-foreground transition-colors outline-none hover:bg-accent hover:text-accent-foreground focus-visible:ring-2 focus-visible:ring-ring aria-[current=page]:text-foreground aria-[current=page]:bg-accent';

/** Desktop navigation: passenger pages and one-page sections are plain links; other sections with several pages open a menu. */
export function MainNav({ groups, chevron }: { groups: NavGroup[]; chevron: React.ReactNode }) {
  const pathname = usePathname();
  const linked = groups.flatMap((group) => group.items.map((item) => item.href));
  return (
    <nav aria-label="Main" className="hidden md:block">
      <ul className="flex items-center gap-1">
        {groups.map((group) => {
          // The passenger pages are what most visitors come for: always plain links, never behind a menu.
          if (group.items.length === 1 || group.id === 'passenger') {
            return group.items.map((item) => (
              <li key={item.href}>
                <Link href={item.href} className={linkClass} aria-current={isActive(item.href, pathname, linked) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ));
          }
          return (
            <li key={group.id}>
              <SectionMenu
                group={group}
                pathname={pathname}
                fallback={
                  <button
                    type="button"
                    className={cn(linkClass, group.items.some((item) => isActive(item.href, pathname, linked)) && 'bg-accent text-foreground')}
                    aria-haspopup="menu"
                    aria-expanded={false}
                    disabled
                  >
                    {group.label}
                    {chevron}
                  </button>
                }
              />
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
