'use client';

import * as React from 'react';
import Link from 'next/link';
import { RotateCcwIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { StatusPage } from '@/components/shell/status-page';

// What app/error.tsx shows: it renders inside the root layout, so the header and footer stay
// usable while a page has failed.
export function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  React.useEffect(() => {
    console.error(error);
  }, [error]);
  // Server errors reach the browser without their message (by design); the digest matches the server log.
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : undefined;

  return (
    <StatusPage
      code="Error"
      title="Something went wrong"
      actions={
        <>
          <Button onClick={() => retry()}>
            <RotateCcwIcon aria-hidden="true" /> Try again
          </Button>
          <Button asChild variant="outline">
            <Link href="/">Back to search</Link>
          </Button>
          <Button asChild variant="ghost">
            <Link href="/ping">System status</Link>
          </Button>
        </>
      }
    >
      <p>This page couldn’t be loaded. Trying again usually helps; if it keeps happening, check the system status.</p>
      {digest && (
        <p className="mt-3 text-xs">
          Reference: <code className="font-mono">{digest}</code>
        </p>
      )}
    </StatusPage>
  );
}
