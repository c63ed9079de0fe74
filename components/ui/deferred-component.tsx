'use client';

import * as React from 'react';
import { onDemand } from './on-demand';

// A component whose code loads only once the page has hydrated, and never on the server: the
// header's menus and dialogs, the toaster, the rate-limit notice. Until it has arrived, its
// `fallback` prop is shown in its place (an inert button where a menu's button will be, so the
// layout does not shift); the server component that renders it can pass that fallback ready
// made, so its markup costs no JavaScript. next/dynamic with `ssr: false` does the same, but
// its runtime weighs more than this whole file, and this is in every page's first load (#14).
//
// The fetch starts in an effect (effects run only in the browser, after hydration) and the
// component is rendered once its code is here, in a transition (one batch React can split, not a
// long task on a phone). If the fetch fails (a phone offline for a moment, past the bundler's own
// retry), the fallback stays: React.lazy keeps a failed fetch for good, and rendering it would
// have put the whole page behind its error boundary for a widget.

export type DeferredProps<P> = P & { fallback?: React.ReactNode };

export function deferredComponent<P extends object>(load: () => Promise<React.ComponentType<P>>): React.ComponentType<DeferredProps<P>> {
  const { Component: Lazy, preload } = onDemand(load);
  function Deferred({ fallback = null, ...props }: DeferredProps<P>) {
    const [ready, setReady] = React.useState(false);
    React.useEffect(() => {
      preload().then(() => React.startTransition(() => setReady(true)), () => {});
    }, []);
    // The boundary keeps the fallback in place should the component suspend later (its own data).
    return ready ? <React.Suspense fallback={fallback}><Lazy {...(props as P)} /></React.Suspense> : fallback;
  }
  return Deferred;
}
