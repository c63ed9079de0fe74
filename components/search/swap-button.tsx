'use client';

import { ArrowLeftRightIcon, ArrowUpDownIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Tooltip, TooltipContent, TooltipTrigger } from '@/components/ui/tooltip';

/** Swaps origin and destination. Fields stack on phones, sit side by side from `sm`: the arrow follows. */
export function SwapButton({ onSwap }: { onSwap: () => void }) {
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <Button variant="outline" size="icon" className="size-8 rounded-full bg-card sm:size-10" aria-label="Swap origin and destination" onClick={onSwap}>
          <ArrowUpDownIcon className="sm:hidden" aria-hidden="true" />
          <ArrowLeftRightIcon className="hidden sm:block" aria-hidden="true" />
        </Button>
      </TooltipTrigger>
      <TooltipContent>Swap origin and destination</TooltipContent>
    </Tooltip>
  );
}
