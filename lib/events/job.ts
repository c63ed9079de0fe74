import 'server-only';
import { db } from '@/lib/db/connect';
import { logger } from '@/lib/log/logger';
import { consumers } from './consumers';
import { eventMetrics } from './metrics';
import { runConsumers } from './runner';

// The `domain-events` job: hands new domain events to every consumer, then records each
// consumer's lag and dead letters for /api/metrics. Safe on every instance at once (one
// runner per consumer holds its lease; the others skip it).
export async function domainEventsJob(): Promise<Record<string, unknown>> {
  const database = await db();
  const runs = await runConsumers(database, consumers, {
    onError: (consumer, event, err) => logger.warn({ consumer, event: event.id, type: event.type, attempt: event.attempt, err }, 'event consumer failed'),
  });
  const m = eventMetrics();
  for (const r of runs) {
    if (r.handled) m.deliveries.inc({ consumer: r.consumer, outcome: 'handled' }, r.handled);
    if (r.retried) m.deliveries.inc({ consumer: r.consumer, outcome: 'retried' }, r.retried);
    if (r.dead) m.deliveries.inc({ consumer: r.consumer, outcome: 'dead' }, r.dead);
  }
  const status = await database.call<{ consumer: string; lag: number; dead: number }[]>('event_consumer_status');
  for (const s of status) {
    m.lag.set({ consumer: s.consumer }, s.lag);
    m.deadLetters.set({ consumer: s.consumer }, s.dead);
  }
  return { consumers: runs };
}
