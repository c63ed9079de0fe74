'use client';

import * as React from 'react';

// One Server-Sent Events connection per tab (GET /api/v1/events) for the signed-in viewer:
// reconnects with exponential backoff and jitter (resuming after the last event id, so nothing
// is missed), closes while the tab is hidden and resumes when it is shown again, and turns
// events into fresh data in place — the booking and trip list, the bell — and toasts for
// notifications.

export type LiveState = 'off' | 'connecting' | 'live' | 'reconnecting' | 'paused';

export interface LiveMessage {
  id: number;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  data: Record<string, unknown>;
}

interface LiveContextValue {
  state: LiveState;
  subscribe(listener: (m: LiveMessage) => void): () => void;
}

const LiveContext = React.createContext<LiveContextValue>({ state: 'off', subscribe: () => () => {} });

export function useLive(): LiveContextValue {
  return React.useContext(LiveContext);
}

export function LiveProvider({ enabled, children }: { enabled: boolean; children: React.ReactNode }) {
  const [state, setState] = React.useState<LiveState>(enabled ? 'connecting' : 'off');
  const listeners = React.useRef(new Set<(m: LiveMessage) => void>());

  React.useEffect(() => {
    if (!enabled) return;
    // The connection's code (./live-connection.ts) loads only for a signed-in viewer, after the page.
    let close: (() => void) | undefined;
    let stopped = false;
    void import('./live-connection').then(({ connectLive }) => {
      if (stopped) return;
      close = connectLive({ onState: setState, onMessage: (m) => listeners.current.forEach((l) => l(m)) });
    });
    return () => {
      stopped = true;
      close?.();
    };
  }, [enabled]);

  const value = React.useMemo<LiveContextValue>(() => ({
    state: enabled ? state : 'off',
    subscribe: (listener) => {
      listeners.current.add(listener);
      return () => listeners.current.delete(listener);
    },
  }), [enabled, state]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}
