'use client';

import { RotateCcwIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { StatusPage } from './status-page';

/** What app/global-error.tsx shows when the root layout itself failed. */
export function GlobalErrorPage({ retry }: { retry: () => void }) {
  return (
    <StatusPage
      code="Error"
      title="Traqora couldn’t load"
      actions={
        <>
          <Button onClick={() => retry()}>
            <RotateCcwIcon aria-hidden="true" /> Try again
          </Button>
          <Button asChild variant="outline">
            {/* A full page load on purpose: client navigation would reuse the layout that just failed. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/">Home</a>
          </Button>
        </>
      }
    >
      <p>Something failed before the page could be shown. Please try again in a moment.</p>
    </StatusPage>
  );
}
