'use client';

import Link from 'next/link';
import { ChevronDownIcon } from 'lucide-react';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from '@/components/ui/dropdown-menu';
import { cn } from '@/components/ui/cn';
import { linkClass } from './main-nav';
import { isActive, type NavGroup } from './nav-items';

/** A header section with several pages, as a menu of links (open at once with `defaultOpen`: loaded by its first use). */
export function SectionMenu({ group, pathname, defaultOpen = false }: { group: NavGroup; pathname: string; defaultOpen?: boolean }) {
  const current = group.items.some((item) => isActive(item.href, pathname));
  return (
    <DropdownMenu modal={false} defaultOpen={defaultOpen}>
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
  );
}
