import 'server-only';
import { config } from '@/lib/config';
import { db } from '@/lib/db/connect';
import { domainEventsJob } from '@/lib/events/job';
import { indexChainJob } from '@/lib/indexer/job';
import { confirmSubmittedPayments } from '@/lib/payments/soroban/rail';
import { settleChainBookings } from '@/lib/payments/soroban/settle';

// Background jobs. Each is idempotent — running it twice, or on two instances at once, is
// harmless — so the same function serves the in-process scheduler and the cron endpoint.

export interface Job {
  name: string;
  /** How often the in-process scheduler runs it. */
  everyMs: number;
  run(): Promise<Record<string, unknown>>;
  /** Whether the in-process scheduler should run it here (cron may still call it). */
  enabled?: () => boolean;
}

export const jobs: Job[] = [
  {
    name: 'extend-schedule',
    everyMs: 60 * 60 * 1000,
    // Keeps the flight schedule SCHEDULE_DAYS ahead as days pass.
    run: async () => (await db()).call('extend_schedule', { days: config().env.SCHEDULE_DAYS }),
  },
  {
    name: 'expire-holds',
    everyMs: 60 * 1000,
    // Unpaid holds give their seats back once their 15 minutes are up.
    run: async () => (await db()).call('expire_holds', {}),
  },
  {
    name: 'release-flown',
    everyMs: 10 * 60 * 1000,
    // Escrow goes to the airlines once the last flight of a booking has landed.
    run: async () => (await db()).call('release_flown_bookings', { fee_bps: PLATFORM_FEE_BPS }),
  },
  {
    name: 'index-chain',
    everyMs: 15 * 1000,
    // Stores the Traqora contracts' events from Soroban RPC; "not configured" when offline.
    run: () => indexChainJob(),
    enabled: () => config().mode.chainIndexer,
  },
  {
    name: 'confirm-chain-payments',
    everyMs: 30 * 1000,
    // On-chain payments the traveller sent but the server has not seen confirmed yet (a closed
    // tab, an RPC hiccup): read from RPC and confirmed or failed.
    run: async () => (config().mode.paymentRail === 'soroban' ? confirmSubmittedPayments() : { skipped: 'ledger rail' }),
    enabled: () => config().mode.paymentRail === 'soroban',
  },
  {
    name: 'settle-chain',
    everyMs: 60 * 1000,
    // Releases and cancellation settlements the app decided, submitted to the escrow by the
    // server signer (settler role).
    run: async () => (config().mode.paymentRail === 'soroban' ? settleChainBookings() : { skipped: 'ledger rail' }),
    enabled: () => config().mode.paymentRail === 'soroban',
  },
  {
    name: 'domain-events',
    everyMs: 10 * 1000,
    // Hands new domain events to their consumers (lib/events/consumers), in order, at least once.
    run: () => domainEventsJob(),
  },
];

/** Traqora's fee on released fares, in basis points (2.5%). */
export const PLATFORM_FEE_BPS = 250;

export function findJob(name: string): Job | undefined {
  return jobs.find((j) => j.name === name);
}
