'use client';

import * as React from 'react';

/** The current time, updated every `intervalMs`, for countdowns and "checked 3 s ago" labels. */
export function useNow(intervalMs = 1_000): number {
  const [now, setNow] = React.useState(() => Date.now());
  React.useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
