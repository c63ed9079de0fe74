'use client';

import * as React from 'react';

// Code fetched when the visitor first reaches for it, not with the page: the header's menus and
// the search form's popover (first-use-component.tsx), an offer card's panel
// (components/results/offer-card-frame.tsx). Both start the fetch from the same gestures and
// render the same lazy component, so a click after a hover finds the code already there.

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

/** A trigger's handlers that start the fetch as the visitor reaches for it: pointing at it, pressing on it, or focusing it. */
export function warmOn(preload: () => unknown) {
  const warm = () => void preload();
  return { onPointerEnter: warm, onPointerDown: warm, onFocus: warm };
}
