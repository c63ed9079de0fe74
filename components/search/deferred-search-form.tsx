'use client';

import { deferredComponent } from '@/components/ui/deferred-component';

/**
 * The search form as the results page shows it: its code loads once the page has hydrated, not
 * with it. On /search the form is second to the results (folded away on a phone), and its ~9 KB
 * were what kept the page over #14's 150 KB budget; until it arrives, the page's `fallback`
 * (search-form-placeholder.tsx) holds its place. The home page, where the form is the page, loads it with the page.
 */
export const DeferredSearchForm = deferredComponent(() => import('./flight-search-form').then((m) => m.FlightSearchForm));
