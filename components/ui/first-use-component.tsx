'use client';

import * as React from 'react';
import { onDemand, useShowOnDemand, warmOn } from './on-demand';
import { useHydrated } from './use-hydrated';

// A menu, dialog or sheet whose code loads when the visitor first reaches for it, rather than
// with the page or just after it. On a phone (Lighthouse's preset: a CPU four times slower)
// mounting the header's Radix menus, the mobile sheet and the passengers popover right after
// hydration was a long task of its own on every page (#15's Total Blocking Time), for controls
// most visits never open.
//
// The page renders the trigger itself as `fallback`: the very button the component will render,
// `disabled`, so nothing moves when the code arrives and nothing takes a click before hydration
// (Playwright and impatient thumbs wait for it to be enabled). Once the page has hydrated, this
// enables that button and listens on it: pointing at it, pressing on it or focusing it starts
// loading the code; activating it (a click, or Enter or Space: it is a real button) renders the
// component with `defaultOpen`. The swap is a transition, so the button stays where it is,
// focused and marked busy, until the component is ready; then its own trigger takes the place and
// its content takes focus, as Radix does on any opening (and gives it back to that trigger on close).
// If the code cannot be fetched (offline for a moment), the button stays as it was and the next
// press asks again.

interface TriggerProps {
  disabled?: boolean;
  'aria-busy'?: boolean;
  onClick?: React.MouseEventHandler;
  onFocus?: React.FocusEventHandler;
  onPointerEnter?: React.PointerEventHandler;
  onPointerDown?: React.PointerEventHandler;
}

export type FirstUseProps<P> = Omit<P, 'defaultOpen'> & { fallback: React.ReactElement<TriggerProps> };

export function firstUseComponent<P extends { defaultOpen?: boolean }>(
  load: () => Promise<React.ComponentType<P>>,
): React.ComponentType<FirstUseProps<P>> {
  const { Component: Lazy, preload } = onDemand(load);

  function FirstUse({ fallback, ...props }: FirstUseProps<P>) {
    // false on the server and while hydrating, true after.
    const hydrated = useHydrated();
    const [used, setUsed] = React.useState(false);
    const [pending, show] = useShowOnDemand(preload);
    if (used) return <Lazy {...(props as unknown as P)} defaultOpen />;
    if (!hydrated) return fallback;
    return React.cloneElement(fallback, {
      disabled: false,
      'aria-busy': pending || undefined,
      ...warmOn(preload),
      onClick: () => show(() => setUsed(true)),
    });
  }
  return FirstUse;
}
