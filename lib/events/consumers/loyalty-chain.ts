import type { Database } from '@/lib/db/port';
import { defineConsumer } from '@/lib/events/consumer';

// Traqora Rewards on chain: queues a member for the `loyalty` contract when an event may have
// changed their active points or tier (earning, activation, reversal, redemption at payment and
// its return at cancellation, adjustments, expiry, airdrops, referral bonuses, tier changes), or
// gave them a Stellar account. One database function, idempotent: a member already queued, or
// already in step with the chain, is left as is. The loyalty-chain-sync job sends the queue.
export const LOYALTY_CHAIN_EVENT_TYPES = [
  'booking.paid', 'booking.cancelled',
  'loyalty.points_earned', 'loyalty.points_activated', 'loyalty.points_reversed', 'loyalty.points_adjusted',
  'loyalty.points_expired', 'loyalty.airdrop_received', 'loyalty.referral_rewarded', 'loyalty.tier_changed',
  'wallet.linked',
] as const;

export function loyaltyChainConsumer(database: () => Promise<Database>) {
  return defineConsumer({
    name: 'loyalty-chain',
    types: LOYALTY_CHAIN_EVENT_TYPES,
    maxAttempts: 8,
    backoffSeconds: 5,
    async handle(event) {
      await (await database()).call('loyalty_chain_sync_event', { event_id: event.id });
    },
  });
}
