'use client';

import type * as React from 'react';
import { SlidersHorizontalIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle, SheetTrigger } from '@/components/ui/sheet';

/** Below the lg breakpoint the filters live in a side sheet behind this button. */
export function FiltersSheet({ active, onClear, children }: { active: number; onClear: () => void; children: React.ReactNode }) {
  return (
    <Sheet>
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
        {active > 0 && (
          <Button variant="outline" size="sm" className="self-start" onClick={onClear}>
            Clear all filters
          </Button>
        )}
        {children}
      </SheetContent>
    </Sheet>
  );
}
