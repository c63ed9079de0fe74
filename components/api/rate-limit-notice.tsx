'use client';

import * as React from 'react';
import { deferredComponent } from '@/components/ui/deferred-component';
import { subscribeThrottle, throttleNotice } from './throttle';

// Every page mounts this, and hardly any visit ever sees it: the banner's code loads with the
// first wait, not with the page.
const RateLimitBanner = deferredComponent(() => import('./rate-limit-banner').then((m) => m.RateLimitBanner));

/**
 * While a request waits out a 429 (components/api/throttle.ts): a polite notice with the
 * countdown, so a pause is explained instead of looking like a hang. Mounted once, in Providers.
 */
export function RateLimitNotice() {
  const until = React.useSyncExternalStore(subscribeThrottle, throttleNotice, () => null);
  return until === null ? null : <RateLimitBanner until={until} />;
}
