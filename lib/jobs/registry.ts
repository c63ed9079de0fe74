import 'server-only';
import { config } from '@/lib/config';
import { db } from '@/lib/db/connect';
import { domainEventsJob } from '@/lib/events/job';
import { governanceJob } from '@/lib/governance/job';
import { indexChainJob } from '@/lib/indexer/job';
import { loyaltyChainReconcileJob } from '@/lib/loyalty/chain-reconcile-job';
import { loyaltyChainSyncJob, loyaltyChainTarget } from '@/lib/loyalty/chain-sync-job';
import { feeRebateTarget, loyaltyFeeRebatesJob } from '@/lib/loyalty/fee-rebates-job';
import { notificationDeliveriesJob } from '@/lib/notifications/job';
import { sendTimedNotices } from '@/lib/notifications/notices';
import { sendDepartureReminders } from '@/lib/notifications/trips';
import { paymentRail } from '@/lib/payments';
import { samplePriceWatchesJob } from '@/lib/watches/job';
import { flightStatusJob } from '@/lib/flight-status/job';
import { juryClockJob } from '@/lib/disputes/clock';
import { sweepEvidenceObjects } from '@/lib/disputes/evidence-storage/sweep';
import { chainDisputesJob } from '@/lib/disputes/chain/job';

// Background jobs. Each is idempotent — running it twice is harmless — and runs single-flight
// across instances (runJob holds the job's lease, lib/jobs/lease.ts), so the same function serves
// every instance's in-process scheduler and the cron endpoint.

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
    // Escrow goes to the airlines once the last flight of a booking has landed, less the
    // platform fee in force when the release is decided (the governed parameter, read in SQL).
    run: async () => (await db()).call('release_flown_bookings', {}),
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
    // Payments sent but not yet judged (on chain: a closed tab, an RPC hiccup) are read again
    // and confirmed or failed. The name is the cron path's, kept for deployments that call it.
    run: () => paymentRail().confirmPending(),
    enabled: () => paymentRail().describe().backgroundWork,
  },
  {
    name: 'settle-chain',
    everyMs: 60 * 1000,
    // Releases and cancellation settlements the booking functions decided, sent where the rail
    // needs them sent (on chain: to the escrow by the server signer, which has the settler role).
    run: () => paymentRail().settle(),
    enabled: () => paymentRail().describe().backgroundWork,
  },
  {
    name: 'loyalty-year-end',
    everyMs: 60 * 60 * 1000,
    // Requalifies members whose tier window ended (the end of March): the tier the last year's
    // credits reach, falling at most one tier. Touches only windows that ended, so re-runs are no-ops.
    run: async () => (await db()).call('loyalty_year_end', {}),
  },
  {
    name: 'loyalty-expiry',
    everyMs: 60 * 60 * 1000,
    // Active points expire after the governed number of months without an earn or a spend;
    // an expired member holds none, so re-runs are no-ops.
    run: async () => (await db()).call('loyalty_expire_points', {}),
  },
  {
    name: 'loyalty-quote-holds',
    everyMs: 60 * 1000,
    // Points held for a wallet payment whose quote expired unpaid (plus the governed grace, while
    // the chain could still accept it) lapse and can be spent again; re-runs find none.
    run: async () => (await db()).call('loyalty_lapse_quote_holds', {}),
  },
  {
    name: 'loyalty-airdrops',
    everyMs: 60 * 1000,
    // Finishes airdrop batches left running a minute after they were sent (the console that ran
    // them closed); each recipient is credited once whoever runs it.
    run: async () => (await db()).call('loyalty_airdrops_finish', {}),
  },
  {
    name: 'loyalty-chain-sync',
    everyMs: 60 * 1000,
    // Mirrors members' active points and tier to the loyalty contract (batch_sync_members, 20 a
    // transaction), for the members the loyalty-chain consumer queued; off without the contract.
    run: () => loyaltyChainSyncJob(),
    enabled: () => !('skipped' in loyaltyChainTarget()),
  },
  {
    name: 'loyalty-chain-reconcile',
    everyMs: 60 * 60 * 1000,
    // Reads every mirrored member back from the loyalty contract and records where it disagrees
    // with the engine (the report on /admin/loyalty); reads only, so re-runs just add a report.
    run: () => loyaltyChainReconcileJob('job'),
    enabled: () => !('skipped' in loyaltyChainTarget()),
  },
  {
    name: 'loyalty-fee-rebates',
    everyMs: 60 * 1000,
    // Pays the tier share of the platform fee back to travellers whose soroban bookings the escrow
    // released (the escrow knows no tiers): queued by the loyalty-rebates consumer, once each.
    run: () => loyaltyFeeRebatesJob(),
    enabled: () => !('skipped' in feeRebateTarget()),
  },
  {
    name: 'evidence-storage-sweep',
    everyMs: 60 * 60 * 1000,
    // Removes dispute evidence objects in Supabase Storage that no row refers to (an upload whose
    // row was not written and whose removal failed then); only with EVIDENCE_STORAGE=supabase.
    run: () => sweepEvidenceObjects(),
    enabled: () => config().env.EVIDENCE_STORAGE === 'supabase',
  },
  {
    name: 'domain-events',
    everyMs: 10 * 1000,
    // Hands new domain events to their consumers (lib/events/consumers), in order, at least once.
    run: () => domainEventsJob(),
  },
  {
    name: 'domain-events-retention',
    everyMs: 60 * 60 * 1000,
    // The outbox is a queue, not an archive: events every consumer has handled are deleted once
    // older than DOMAIN_EVENTS_RETENTION_DAYS, at most 10,000 per run (short transactions).
    run: async () => (await db()).call('purge_domain_events', { days: config().env.DOMAIN_EVENTS_RETENTION_DAYS, limit: 10_000 }),
  },
  {
    name: 'governance',
    everyMs: 60 * 1000,
    // Queues passed parameter proposals into the timelock and executes those whose timelock ran out.
    run: () => governanceJob(),
  },
  {
    name: 'jury-clock',
    everyMs: 60 * 1000,
    // Moves disputes before a jury through their windows: draws, opens the reveal, tallies, and
    // executes a final verdict through the booking's rail. Support's buttons stay as overrides.
    run: () => juryClockJob(),
  },
  {
    name: 'chain-disputes',
    everyMs: 30 * 1000,
    // The on-chain jury's keeper (soroban): tallies a disputes-contract round after its reveal
    // window and executes the verdict after the appeal window, never sending twice.
    run: () => chainDisputesJob(),
  },
  {
    name: 'notification-deliveries',
    everyMs: 15 * 1000,
    // Sends due notification emails (and later push, SMS); failures retry with backoff, then dead-letter.
    run: () => notificationDeliveriesJob(),
  },
  {
    name: 'departure-reminders',
    everyMs: 10 * 60 * 1000,
    // A reminder for every paid flight departing within 24 hours, once each.
    run: async () => ({ ...(await sendDepartureReminders(await db(), 24)) }),
  },
  {
    name: 'notices',
    everyMs: 5 * 60 * 1000,
    // Notices time raises: points expiring soon, a proposal's voting opened or closing; once each.
    run: async () => ({ ...(await sendTimedNotices(await db())) }),
  },
  {
    name: 'price-watches',
    everyMs: 5 * 60 * 1000,
    // Samples the lowest price of every watch due (price_watch.sample_interval_seconds) and
    // alerts on a drop, once per drop.
    run: () => samplePriceWatchesJob(),
  },
  {
    name: 'flight-status',
    everyMs: 60 * 1000,
    // Polls the flight-status providers (the simulator under `next dev`, a flight-data API when
    // configured) through their circuit breakers; delays and cancellations go through the
    // disruption policy.
    run: () => flightStatusJob(),
  },
];

export function findJob(name: string): Job | undefined {
  return jobs.find((j) => j.name === name);
}
