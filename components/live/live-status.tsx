'use client';

import { Loader2Icon, WifiOffIcon } from 'lucide-react';
import { useLive } from './live-provider';

/** In the header only while live updates are not flowing: says so, politely, for screen readers too. */
export function LiveStatus() {
  const { state } = useLive();
  if (state === 'live' || state === 'off' || state === 'paused') return null;
  const reconnecting = state === 'reconnecting';
  return (
    <span role="status" data-testid="live-status" data-state={state}
      className="inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs text-muted-foreground">
      {reconnecting ? <WifiOffIcon className="size-3.5" aria-hidden="true" /> : <Loader2Icon className="size-3.5 animate-spin" aria-hidden="true" />}
      <span className="hidden sm:inline">{reconnecting ? 'Reconnecting…' : 'Connecting…'}</span>
      <span className="sr-only sm:hidden">{reconnecting ? 'Live updates reconnecting' : 'Live updates connecting'}</span>
    </span>
  );
}
