import { z } from 'zod';
import { db } from '@/lib/db/connect';
import { handler } from '@/lib/http/handler';
import { HttpProblem } from '@/lib/http/problem';
import { otherMethods } from '@/lib/http/methods';
import { liveHub } from '@/lib/live';
import { userEventStream } from '@/lib/live/stream';

export const dynamic = 'force-dynamic';

// The viewer's live updates as Server-Sent Events (lib/live): resumes after Last-Event-ID (the
// browser sends it on reconnect) or ?since= (a new EventSource cannot set headers).
// `no-transform` keeps `next start` (and proxies) from compressing, which would hold events back.
const EVENT_ID = /^(0|[1-9][0-9]{0,15})$/;
const query = z.object({ since: z.string().regex(EVENT_ID, 'must be an event id').transform(Number).optional() });

export const GET = handler({ name: 'events.stream', auth: 'signed-in', query, produces: 'text/event-stream' }, async ({ req, viewer, query }) => {
  const header = req.headers.get('last-event-id');
  if (header !== null && !EVENT_ID.test(header.trim())) {
    throw new HttpProblem(400, 'Last-Event-ID must be an event id from this stream.', [{ field: 'headers.last-event-id', message: 'must be an event id' }]);
  }
  const after = header !== null ? Number(header.trim()) : (query.since ?? null);
  const stream = userEventStream({ hub: await liveHub(), db: await db(), userId: viewer.id, after, signal: req.signal });
  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
