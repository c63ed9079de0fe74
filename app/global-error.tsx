'use client';

import * as React from 'react';
import './globals.css';

// Every page's HTML names this boundary's code, so only this shell is in every page's first
// load; what it shows (components/shell/global-error-page.tsx) loads when the layout has failed.
const GlobalErrorPage = React.lazy(() => import('@/components/shell/global-error-page').then((m) => ({ default: m.GlobalErrorPage })));

// Replaces the root layout when the layout itself fails, so it has its own <html>, no header
// and no theme script: apply the saved theme (components/shell/theme.ts) by hand.
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
          <React.Suspense>
            <GlobalErrorPage retry={retry} />
          </React.Suspense>
        </main>
      </body>
    </html>
  );
}
