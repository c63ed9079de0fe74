import type { Database } from '@/lib/db/port';
import { replay, type LiveHub, type Stream } from './hub';
import type { LiveEvent } from './types';

// One user's Server-Sent Events stream: `retry:` for the browser's reconnect, a `ready` event
// (with `id:` = the outbox head on a fresh connection, so a reconnect resumes from there), the
// events after Last-Event-ID replayed from the outbox, then live events as the hub hands them
// over, each with `id:`; a comment line every 15 s keeps proxies from closing it.
// Events that arrive while the replay runs wait in a buffer, so none is lost or sent twice.

export const HEARTBEAT_MS = 15_000;

export function formatEvent(e: LiveEvent): string {
  const data = { type: e.type, aggregate_type: e.aggregate_type, aggregate_id: e.aggregate_id, occurred_at: e.occurred_at, data: e.data };
  return `id: ${e.id}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function userEventStream(opts: { hub: LiveHub; db: Database; userId: string; after: number | null; signal: AbortSignal; heartbeatMs?: number }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const write = (text: string) => {
        if (closed) return;
        try { controller.enqueue(encoder.encode(text)); } catch { closed = true; }
      };
      const buffer: LiveEvent[] = [];
      let replaying = opts.after !== null;
      const through = opts.hub.head;
      const stream: Stream = {
        lastSent: opts.after ?? through,
        send: (e) => (replaying ? buffer.push(e) : write(formatEvent(e))),
      };
      const remove = opts.hub.add(opts.userId, stream);
      const heartbeat = setInterval(() => write(': ping\n\n'), opts.heartbeatMs ?? HEARTBEAT_MS);
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        remove();
        try { controller.close(); } catch { /* already closed */ }
      };
      opts.signal.addEventListener('abort', cleanup, { once: true });

      write('retry: 3000\n\n');
      if (opts.after === null) {
        write(`id: ${through}\nevent: ready\ndata: ${JSON.stringify({ head: through, resumed: false })}\n\n`);
        return;
      }
      write(`event: ready\ndata: ${JSON.stringify({ head: through, resumed: true, after: opts.after })}\n\n`);
      try {
        await replay(opts.db, opts.userId, opts.after, through, (e) => write(formatEvent(e)));
      } finally {
        replaying = false;
        for (const e of buffer.splice(0)) write(formatEvent(e));
      }
    },
    cancel() {
      cleanup();
    },
  });
}
