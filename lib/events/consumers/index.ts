import { db } from '@/lib/db/connect';
import type { Consumer } from '@/lib/events/types';
import { chainDisputesConsumer } from './chain-disputes';
import { eventCounts } from './event-counts';
import { governanceConsumer } from './governance';
import { loyaltyConsumer } from './loyalty';
import { loyaltyChainConsumer } from './loyalty-chain';
import { loyaltyRebatesConsumer } from './loyalty-rebates';
import { notificationsConsumer } from './notifications';

// Every consumer the domain-events job runs, in this order. A domain adds its consumer here.
export const consumers: readonly Consumer[] = [eventCounts, loyaltyConsumer(db), loyaltyChainConsumer(db), loyaltyRebatesConsumer(db), governanceConsumer(db), chainDisputesConsumer(db), notificationsConsumer(db)];
