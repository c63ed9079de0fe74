'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { deferredComponent } from '@/components/ui/deferred-component';
import { isActive } from './active-link';
import type { NavGroup } from './nav-items';

// A section's menu (Radix's dropdown) loads just after the page; until then its place is kept.
const SectionMenu = deferredComponent(() => import('./section-menu').then((m) => m.SectionMenu));
const menuPlace = <span className="inline-flex h-9 w-24" aria-hidden="true" />;

export const linkClass =
  'inline-flex h-9 items-center gap-1 rounded-md px-3 text-sm font-medium text-muted-foreground transition-colors outline-none hover:bg-accent hover:text-accent-foreground focus-visible:ring-2 focus-visible:ring-ring aria-[current=page]:text-foreground aria-[current=page]:bg-accent';

/** Desktop navigation: passenger pages and one-page sections are plain links; other sections with several pages open a menu. */
export function MainNav({ groups }: { groups: NavGroup[] }) {
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
              <SectionMenu group={group} pathname={pathname} fallback={menuPlace} />
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
