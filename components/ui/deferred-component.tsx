'use client';

import * as React from 'react';
import { useHydrated } from './use-hydrated';

// A component whose code loads only once the page has hydrated, and never on the server: the
// header's menus and dialogs, the toaster, the rate-limit notice. Until it has arrived, its
// `fallback` prop is shown in its place (an inert button where a menu's button will be, so the
// layout does not shift); the server component that renders it can pass that fallback ready
// made, so its markup costs no JavaScript. next/dynamic with `ssr: false` does the same, but
// its runtime weighs more than this whole file, and this is in every page's first load (#14).

export type DeferredProps<P> = P & { fallback?: React.ReactNode };

export function deferredComponent<P extends object>(load: () => Promise<React.ComponentType<P>>): React.ComponentType<DeferredProps<P>> {
  const Lazy = React.lazy(() => load().then((Component) => ({ default: Component }))) as unknown as React.ComponentType<P>;
  function Deferred({ fallback = null, ...props }: DeferredProps<P>) {
    // false on the server and while hydrating, true after: the code is asked for only in the browser.
    const hydrated = useHydrated();
    if (!hydrated) return fallback;
    return (
      <React.Suspense fallback={fallback}>
        <Lazy {...(props as P)} />
      </React.Suspense>
    );
  }
  return Deferred;
}
