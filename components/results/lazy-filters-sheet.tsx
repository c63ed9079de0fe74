'use client';

import { deferredComponent } from '@/components/ui/deferred-component';

// The phone's filter sheet (Radix's dialog) loads just after the page; until then the page's
// `fallback`, an inert Filters button, stands in its place.
export const LazyFiltersSheet = deferredComponent(() => import('./filters-sheet').then((m) => m.FiltersSheet));
