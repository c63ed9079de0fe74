'use client';

import * as React from 'react';
import { RotateCcwIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { StatusPage } from '@/components/shell/status-page';
import './globals.css';

// Replaces the root layout when the layout itself fails, so it has its own <html>, no header
// and no ThemeProvider: apply the saved theme (components/shell/theme.ts) by hand.
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  React.useEffect(() => {
    console.error(error);
    const saved = localStorage.getItem('theme');
    const dark = saved === 'dark' || ((!saved || saved === 'system') && matchMedia('(prefers-color-scheme: dark)').matches);
    document.documentElement.classList.toggle('dark', dark);
  }, [error]);

  return (
    <html lang="en">
      <body className="flex min-h-dvh flex-col">
        <title>Something went wrong · Traqora</title>
        <main className="flex flex-1 flex-col">
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
        </main>
      </body>
    </html>
  );
}
