'use client';

import { useQuery } from '@tanstack/react-query';
import type { Health } from '@/lib/platform/health';

export const HEALTH_REFRESH_MS = 5_000;

export interface HealthReading {
  httpStatus: number;
  body: Health;
}

/** GET /api/health every 5 s. A 503 still carries the health document, so it is data, not an error. */
export function useHealth() {
  return useQuery({
    queryKey: ['health'],
    queryFn: async ({ signal }): Promise<HealthReading> => {
      const res = await fetch('/api/health', { cache: 'no-store', signal, headers: { accept: 'application/json' } });
      const body = (await res.json().catch(() => null)) as Health | null;
      if (!body || typeof body.status !== 'string') throw new Error(`The server answered ${res.status} without a health document.`);
      return { httpStatus: res.status, body };
    },
    refetchInterval: HEALTH_REFRESH_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
    retry: false, // the interval is the retry
  });
}
