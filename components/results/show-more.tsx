'use client';

import * as React from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';

/**
 * "Show more flights": a link to the same results with one more page shown, which the server
 * renders (a plain link before the JavaScript runs). The URL keeps the count, so a reload or Back
 * from an offer comes back to the same list; it replaces the history entry, as paging in place did.
 */
export function ShowMore({ href, spinner }: { href: string; spinner: React.ReactNode }) {
  const router = useRouter();
  const [pending, startTransition] = React.useTransition();
  return (
    <Button asChild variant="outline" className="self-center">
      <a
        href={href}
        aria-disabled={pending || undefined}
        onClick={(e) => {
          if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
          e.preventDefault();
          if (!pending) startTransition(() => router.replace(href, { scroll: false }));
        }}
      >
        {pending && spinner}
        {pending ? 'Loading more…' : 'Show more flights'}
      </a>
    </Button>
  );
}
