import type { Consumer } from '@/lib/events/types';
import { eventCounts } from './event-counts';

// Every consumer the domain-events job runs, in this order. A domain adds its consumer here.
export const consumers: readonly Consumer[] = [eventCounts];
