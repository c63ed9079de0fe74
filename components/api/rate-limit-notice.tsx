'use client';

import * as React from 'react';
import { Banner } from '@/components/ui/banner';
import { useNow } from '@/components/ui/use-now';
import { subscribeThrottle, throttleNotice } from './throttle';

/**
 * While a request waits out a 429 (components/api/throttle.ts): a polite notice with the
 * countdown, so a pause is explained instead of looking like a hang. Mounted once, in Providers.
 */
export function RateLimitNotice() {
  const until = React.useSyncExternalStore(subscribeThrottle, throttleNotice, () => null);
  const now = useNow(500);
  if (until === null) return null;
  const seconds = Math.max(0, Math.ceil((until - now) / 1000));
  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4">
      <Banner variant="info" role="status" className="pointer-events-auto w-full max-w-md shadow-lg" title="One moment, please">
        <p data-testid="rate-limit-wait">
          We’ve had a lot of requests from you in a short time, so we’re pausing briefly.{' '}
          {seconds > 0 ? `Trying again in ${seconds} s…` : 'Trying again now…'}
        </p>
      </Banner>
    </div>
  );
}
