import type { Database } from '@/lib/db/port';
import { defineConsumer } from '@/lib/events/consumer';

// The tier discount on the soroban rail: every indexed chain event is offered to
// loyalty_fee_rebate_event, which queues a rebate for an escrow PaymentReleased of an app booking
// whose traveller's tier gives part of the fee back (and ignores everything else). Idempotent
// per escrow booking. The loyalty-fee-rebates job pays the queue.
export function loyaltyRebatesConsumer(database: () => Promise<Database>) {
  return defineConsumer({
    name: 'loyalty-rebates',
    types: ['chain.event_indexed'],
    maxAttempts: 8,
    backoffSeconds: 5,
    async handle(event) {
      await (await database()).call('loyalty_fee_rebate_event', { event_id: event.id });
    },
  });
}
