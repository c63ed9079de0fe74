import type { Database } from '@/lib/db/port';
import { defineConsumer } from '@/lib/events/consumer';

// The on-chain jury's record: every indexed chain event is offered to chain_dispute_event, which
// applies a `disputes` contract event about an app booking once (filed, evidence, committed,
// revealed, decided, appealed, executed, reward claimed) and ignores everything else.
export function chainDisputesConsumer(database: () => Promise<Database>) {
  return defineConsumer({
    name: 'chain-disputes',
    types: ['chain.event_indexed'],
    maxAttempts: 8,
    backoffSeconds: 5,
    async handle(event) {
      await (await database()).call('chain_dispute_event', { event_id: event.id });
    },
  });
}
