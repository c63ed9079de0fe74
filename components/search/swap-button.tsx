'use client';

import * as React from 'react';
import { Button } from '@/components/ui/button';
import { useSearchIcons } from './search-icons-context';

const LABEL = 'Swap origin and destination';

/**
 * Swaps origin and destination. Fields stack on phones, sit side by side from `sm`: the arrow follows.
 *
 * Its hint is drawn with CSS on hover and keyboard focus (Escape hides it; display:none, not
 * merely invisible, otherwise the phone's page would scroll sideways by its width) rather than with
 * Radix's tooltip: this button is on the home page, whose first load has no room for a
 * positioning library. The button's accessible name already says what the hint says.
 */
export function SwapButton({ onSwap }: { onSwap: () => void }) {
  const [dismissed, setDismissed] = React.useState(false);
  const icons = useSearchIcons();
  return (
    <span className="group relative inline-flex" onMouseLeave={() => setDismissed(false)}>
      <Button
        variant="outline"
        size="icon"
        className="size-8 rounded-full bg-card sm:size-10"
        aria-label={LABEL}
        onClick={onSwap}
        onKeyDown={(e) => e.key === 'Escape' && setDismissed(true)}
        onBlur={() => setDismissed(false)}
      >
        {icons.swapVertical}
        {icons.swapHorizontal}
      </Button>
      <span
        aria-hidden="true"
        data-dismissed={dismissed || undefined}
        className="pointer-events-none absolute right-0 bottom-full z-50 mb-1.5 hidden rounded-md bg-foreground px-2.5 py-1.5 text-xs whitespace-nowrap text-background shadow-md group-hover:block group-has-[:focus-visible]:block data-dismissed:hidden sm:right-auto sm:left-1/2 sm:-translate-x-1/2"
      >
        {LABEL}
      </span>
    </span>
  );
}
