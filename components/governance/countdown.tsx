'use client';

import * as React from 'react';
import { useNow } from '@/components/ui/use-now';

// "in 2 d 4 h" until an instant, measured from governance time (`serverNow`: the test clock may
// run ahead of the wall clock) plus the time since the countdown was first shown. Keyed by the
// server's time, so a refreshed page starts it again from the new reading.
export function formatSpan(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${s % 60} s`;
  return `${s % 60} s`;
}

export function Countdown({ to, serverNow, label }: { to: string; serverNow: string; label: string }) {
  const [shownAt] = React.useState(() => Date.now());
  const now = useNow(1000);
  const left = Date.parse(to) - (Date.parse(serverNow) + (now - shownAt));
  return (
    <span className="tabular-nums" suppressHydrationWarning>
      {label} {left > 0 ? `in ${formatSpan(left)}` : 'now'}
    </span>
  );
}
