'use client';

import { useNow } from '@/components/ui/use-now';

/**
 * Now on the jury's clock: the server's `now` as of the answer, moved on by the browser's clock
 * since. (In end-to-end runs the server's clock is moved forward; elsewhere the two agree.)
 */
export function useJuryNow(serverNow: string | undefined, fetchedAt: number, tick = 1000): number {
  const now = useNow(tick);
  if (!serverNow) return now;
  return Date.parse(serverNow) + (now - fetchedAt);
}
