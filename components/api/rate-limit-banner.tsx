'use client';

import { Banner } from '@/components/ui/banner';
import { useNow } from '@/components/ui/use-now';

/** The notice itself, with its countdown to `until` (epoch ms). */
export function RateLimitBanner({ until }: { until: number }) {
  const now = useNow(500);
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
