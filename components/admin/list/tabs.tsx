import Link from 'next/link';
import type * as React from 'react';
import { cn } from '@/components/ui/cn';

export interface ListTab {
  value: string;
  label: React.ReactNode;
  href: string;
}

/** A status filter as links (the filter lives in the URL); the current one is aria-current. */
export function StatusTabs({ label, tabs, current }: { label: string; tabs: readonly ListTab[]; current: string | undefined }) {
  return (
    <nav aria-label={label} className="flex flex-wrap gap-2">
      {tabs.map((t) => (
        <Link
          key={t.value}
          href={t.href}
          aria-current={t.value === current ? 'page' : undefined}
          className={cn('rounded-full border px-3 py-1 text-sm', t.value === current ? 'border-primary bg-primary text-primary-foreground' : 'hover:bg-accent')}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
