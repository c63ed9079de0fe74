'use client';

import dynamic from 'next/dynamic';
import { SlidersHorizontalIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';

// The phone's filter sheet (Radix's dialog) loads just after the page; its button waits, inert.
export const LazyFiltersSheet = dynamic(() => import('./filters-sheet').then((m) => m.FiltersSheet), {
  ssr: false,
  loading: () => (
    <Button variant="outline" className="lg:hidden" disabled>
      <SlidersHorizontalIcon aria-hidden="true" />
      Filters
    </Button>
  ),
});
