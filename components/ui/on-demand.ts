'use client';

import * as React from 'react';

// Code fetched when the visitor first reaches for it, not with the page: the header's menus and
// the search form's popover (first-use-component.tsx), an offer card's panel
// (components/results/offer-card-frame.tsx). Both start the fetch from the same gestures and
// render the same lazy component, so a click after a hover finds the code already there.
//
// The lazy component is rendered only once its code is here (useShowOnDemand). React.lazy keeps
// a failed fetch for good, so rendering it while the fetch could still fail (a phone offline for a
// moment, after the bundler's own retry) would put the page behind its error boundary until a
// reload; instead the trigger stays as it was and the next press asks again.

export interface OnDemand<P> {
  /** React.lazy over the one fetch `preload` starts. */
  Component: React.ComponentType<P>;
  /** Starts the fetch, or joins the one under way. A failed fetch (offline for a moment) is asked again at the next call. */
  preload: () => Promise<unknown>;
}

export function onDemand<P>(load: () => Promise<React.ComponentType<P>>): OnDemand<P> {
  let loading: Promise<{ default: React.ComponentType<P> }> | undefined;
  const preload = () => {
    loading ??= load().then((Component) => ({ default: Component }));
    loading.catch(() => (loading = undefined));
    return loading;
  };
  return { Component: React.lazy(preload) as unknown as React.ComponentType<P>, preload };
}

/**
 * A transition that shows on-demand code: `show(update)` keeps the trigger marked busy (`pending`)
 * while the code loads, then applies `update` (which renders the lazy component). If the fetch
 * fails, nothing changes and the next `show` fetches again.
 */
export function useShowOnDemand(preload: () => Promise<unknown>) {
  const [pending, startTransition] = React.useTransition();
  // The update comes after the fetch, so React needs it marked as a transition again.
  const show = (update: () => void) => startTransition(() => preload().then(() => startTransition(update), () => {}));
  return [pending, show] as const;
}

/** A trigger's handlers that start the fetch as the visitor reaches for it: pointing at it, pressing on it, or focusing it. */
export function warmOn(preload: () => unknown) {
  const warm = () => void preload();
  return { onPointerEnter: warm, onPointerDown: warm, onFocus: warm };
}
