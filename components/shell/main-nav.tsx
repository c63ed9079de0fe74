'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { ChevronDownIcon } from 'lucide-react';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { cn } from '@/components/ui/cn';
import { isActive, type NavGroup } from './nav-items';

const linkClass =
  'inline-flex h-9 items-center gap-1 rounded-md px-3 text-sm font-medium text-muted-foreground transition-colors outline-none hover:bg-accent hover:text-accent-foreground focus-visible:ring-2 focus-visible:ring-ring aria-[current=page]:text-foreground aria-[current=page]:bg-accent';

/** Desktop navigation: passenger pages and one-page sections are plain links; other sections with several pages open a menu. */
export function MainNav({ groups }: { groups: NavGroup[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="hidden md:block">
      <ul className="flex items-center gap-1">
        {groups.map((group) => {
          // The passenger pages are what most visitors come for: always plain links, never behind a menu.
          if (group.items.length === 1 || group.id === 'passenger') {
            return group.items.map((item) => (
              <li key={item.href}>
                <Link href={item.href} className={linkClass} aria-current={isActive(item.href, pathname) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ));
          }
          const current = group.items.some((item) => isActive(item.href, pathname));
          return (
            <li key={group.id}>
              <DropdownMenu modal={false}>
                <DropdownMenuTrigger className={cn(linkClass, current && 'bg-accent text-foreground')}>
                  {group.label}
                  <ChevronDownIcon className="size-4" aria-hidden="true" />
                </DropdownMenuTrigger>
                <DropdownMenuContent align="start">
                  {group.items.map((item) => (
                    <DropdownMenuItem key={item.href} asChild>
                      <Link href={item.href} aria-current={isActive(item.href, pathname) ? 'page' : undefined}>
                        {item.label}
                      </Link>
                    </DropdownMenuItem>
                  ))}
                </DropdownMenuContent>
              </DropdownMenu>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
