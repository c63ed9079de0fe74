'use client';

import type * as React from 'react';
import { SlidersHorizontalIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle, SheetTrigger } from '@/components/ui/sheet';
import { ClearFilters } from './clear-filters';
import { useResultsState } from './results-state';
import { activeFilterCount } from './search-params';

/** Below the lg breakpoint the filters live in a side sheet behind this button (open at once with `defaultOpen`: loaded by its first use). */
export function FiltersSheet({ children, defaultOpen = false }: { children: React.ReactNode; defaultOpen?: boolean }) {
  const active = activeFilterCount(useResultsState().params);
  return (
    <Sheet defaultOpen={defaultOpen}>
      <SheetTrigger asChild>
        <Button variant="outline" className="lg:hidden">
          <SlidersHorizontalIcon aria-hidden="true" />
          Filters{active > 0 && ` (${active})`}
        </Button>
      </SheetTrigger>
      <SheetContent className="overflow-y-auto">
        <SheetHeader>
          <SheetTitle>Filters</SheetTitle>
          <SheetDescription>Results update as you choose.</SheetDescription>
        </SheetHeader>
        <div className="self-start">
          <ClearFilters label="Clear all filters" variant="outline" />
        </div>
        {children}
      </SheetContent>
    </Sheet>
  );
}
