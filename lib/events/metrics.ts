import { Counter, Gauge } from 'prom-client';
import { metrics } from '@/lib/metrics/registry';

// The outbox's metrics, on the app's registry (/api/metrics). Kept on globalThis like the
// registry itself, so `next dev` reloads don't register them twice.
interface EventMetrics {
  deliveries: Counter<'consumer' | 'outcome'>;
  lag: Gauge<'consumer'>;
  deadLetters: Gauge<'consumer'>;
  eventsByType: Counter<'type'>;
}

const g = globalThis as unknown as { __traqoraEventMetrics?: EventMetrics };

export function eventMetrics(): EventMetrics {
  if (!g.__traqoraEventMetrics) {
    const registers = [metrics().registry];
    g.__traqoraEventMetrics = {
      deliveries: new Counter({
        name: 'traqora_event_deliveries_total', help: 'Domain events handed to a consumer, by outcome (handled, retried, dead)',
        labelNames: ['consumer', 'outcome'], registers,
      }),
      lag: new Gauge({
        name: 'traqora_event_consumer_lag_events', help: 'Domain events after the consumer\'s cursor, as of its last run',
        labelNames: ['consumer'], registers,
      }),
      deadLetters: new Gauge({
        name: 'traqora_event_consumer_dead_letters', help: 'Domain events dead-lettered for the consumer, as of its last run',
        labelNames: ['consumer'], registers,
      }),
      eventsByType: new Counter({
        name: 'traqora_domain_events_total', help: 'Domain events seen by the event-counts consumer on this instance, by type',
        labelNames: ['type'], registers,
      }),
    };
  }
  return g.__traqoraEventMetrics;
}
