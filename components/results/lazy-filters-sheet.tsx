'use client';

import { firstUseComponent } from '@/components/ui/first-use-component';

// The phone's filter sheet (Radix's dialog) loads when the traveller first opens it
// (components/ui/first-use-component.tsx), not on every phone's load (#15); until then the page's
// `fallback`, the same Filters button, stands in its place.
export const LazyFiltersSheet = firstUseComponent(() => import('./filters-sheet').then((m) => m.FiltersSheet));
