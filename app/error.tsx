'use client';

import * as React from 'react';

// Every page's HTML names the root error boundary's code, so only this shell is in every page's
// first load; the page it shows (components/shell/error-page.tsx: its buttons, icons, class
// merging) loads when a page has actually failed.
const ErrorPage = React.lazy(() => import('@/components/shell/error-page').then((m) => ({ default: m.ErrorPage })));

export default function ErrorBoundaryPage(props: { error: unknown; retry: () => void }) {
  return (
    <React.Suspense>
      <ErrorPage {...props} />
    </React.Suspense>
  );
}
