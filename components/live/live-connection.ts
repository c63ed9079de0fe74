import type { LiveMessage, LiveState } from './live-provider';
import { reconnectDelay } from './backoff';

// The live provider's connection (./live-provider.tsx), in a module of its own so that only a
// signed-in viewer's browser loads it, after the page: one EventSource on /api/v1/events that
// reconnects with exponential backoff and jitter (resuming after the last event id), closes
// while the tab is hidden, refreshes the query cache an event makes stale, toasts notifications,
// and then hands each event to the page's own listeners.

type Refresh = (m: LiveMessage) => void;

export function connectLive({ onState, onMessage }: { onState: (state: LiveState) => void; onMessage: (m: LiveMessage) => void }): () => void {
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
      onState('live');
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
      onMessage(m);
    };
    // Our own backoff instead of the browser's fixed retry: close, wait, open with ?since=.
    es.onerror = () => {
      close();
      onState('reconnecting');
      timer = setTimeout(connect, reconnectDelay(attempt++));
    };
  };
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') {
      close();
      onState('paused');
    } else if (!source) {
      onState('connecting');
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
}
