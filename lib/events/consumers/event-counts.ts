import { defineConsumer } from '@/lib/events/consumer';
import { eventMetrics } from '@/lib/events/metrics';

// Counts domain events by type in Prometheus: the outbox's traffic at a glance. A counter that
// may count an event twice after a crash (at-least-once delivery) is acceptable for a rate.
export const eventCounts = defineConsumer({
  name: 'event-counts',
  async handle(event) {
    eventMetrics().eventsByType.inc({ type: event.type });
  },
});
