'use client';

import { deferredComponent } from '@/components/ui/deferred-component';

// Track prices for a signed-in traveller: its code (the request, the toast) loads just after the
// results page has hydrated, not with it (#14's budget); the page's fallback, an inert button, holds its place.
export const DeferredWatchButton = deferredComponent(() => import('./watch-button').then((m) => m.WatchButton));
