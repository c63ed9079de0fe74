'use client';

import * as React from 'react';
import { reconnectDelay } from './backoff';

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

type Refresh = (m: LiveMessage) => void;

export function LiveProvider({ enabled, children }: { enabled: boolean; children: React.ReactNode }) {
  const [state, setState] = React.useState<LiveState>(enabled ? 'connecting' : 'off');
  const listeners = React.useRef(new Set<(m: LiveMessage) => void>());

  React.useEffect(() => {
    if (!enabled) return;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let lastId: string | null = null;
    let stopped = false;
    // What an event makes stale in the query cache (components/query/live-refresh.ts). Loaded
    // with the connection rather than with the page: the root layout carries no query cache.
    let refresh: Refresh | null = null;
    const loading = import('@/components/query/live-refresh').then((m) => (refresh = m.refreshQueries));

    const close = () => {
      source?.close();
      source = null;
      clearTimeout(timer);
    };
    const connect = () => {
      close();
      if (stopped) return;
      const url = lastId ? `/api/v1/events?since=${encodeURIComponent(lastId)}` : '/api/v1/events';
      const es = new EventSource(url);
      source = es;
      es.addEventListener('ready', (e) => {
        attempt = 0;
        if ((e as MessageEvent).lastEventId) lastId = (e as MessageEvent).lastEventId;
        setState('live');
      });
      es.onmessage = (e) => {
        if (e.lastEventId) lastId = e.lastEventId;
        let parsed: Omit<LiveMessage, 'id'>;
        try { parsed = JSON.parse(e.data as string); } catch { return; }
        const m: LiveMessage = { ...parsed, id: Number(e.lastEventId) };
        if (refresh) refresh(m);
        else void loading.then((r) => r(m));
        if (m.type === 'notification.created' && typeof m.data.title === 'string') {
          const title = m.data.title;
          const link = typeof m.data.link === 'string' ? m.data.link : null;
          // Sonner loads with the first notification, not with every page.
          void import('sonner').then(({ toast }) =>
            toast(title, link ? { action: { label: 'View', onClick: () => { window.location.href = link; } } } : undefined));
        }
        for (const l of listeners.current) l(m);
      };
      // Our own backoff instead of the browser's fixed retry: close, wait, open with ?since=.
      es.onerror = () => {
        close();
        setState('reconnecting');
        timer = setTimeout(connect, reconnectDelay(attempt++));
      };
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') {
        close();
        setState('paused');
      } else if (!source) {
        setState('connecting');
        attempt = 0;
        connect();
      }
    };
    connect();
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('online', onVisibility);
    return () => {
      stopped = true;
      close();
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('online', onVisibility);
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
