import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Database } from '@/lib/db/port';
import type { Channel } from './catalogue';

// The outside-channel delivery worker: claims due deliveries under a lease (concurrent workers,
// on any number of instances, never take the same row), sends each through its channel, and
// reports the verdict — sent, or failed and retried with exponential backoff until dead.
// A delivery exists once per (notification, channel) and a notification once per (user,
// event), so a re-delivered event sends nothing twice.

export interface NotificationRow {
  id: number;
  type: string;
  title: string;
  body: string;
  link: string | null;
  urgent: boolean;
  created_at: string;
}

export interface ClaimedDelivery {
  id: number;
  channel: Channel;
  attempts: number;
  user_id: string;
  address: string | null;
  time_zone: string;
  notification: NotificationRow;
}

/** Sends one delivery; throws when the channel refused it (the worker retries later). */
export interface ChannelSender {
  send(delivery: ClaimedDelivery): Promise<void>;
}

export interface DeliverOptions {
  owner?: string;
  limit?: number;
  /** Attempts before a delivery is dead (default 5). */
  maxAttempts?: number;
  /** First retry delay in seconds; doubles per attempt (default 30). */
  backoffSeconds?: number;
  leaseSeconds?: number;
  onError?: (delivery: ClaimedDelivery, err: unknown) => void;
}

export interface DeliverRun {
  claimed: number;
  sent: number;
  retried: number;
  dead: number;
  lost: number;
}

export async function deliverNotifications(db: Database, senders: Partial<Record<Channel, ChannelSender>>, opts: DeliverOptions = {}): Promise<DeliverRun> {
  const owner = opts.owner ?? `${hostname()}:${process.pid}:${randomUUID()}`;
  const claimed = await db.call<ClaimedDelivery[]>('claim_notification_deliveries', { owner, limit: opts.limit ?? 20, lease_seconds: opts.leaseSeconds ?? 60 });
  const run: DeliverRun = { claimed: claimed.length, sent: 0, retried: 0, dead: 0, lost: 0 };
  for (const delivery of claimed) {
    let error: string | null = null;
    try {
      const sender = senders[delivery.channel];
      if (!sender) throw new Error(`no sender for the ${delivery.channel} channel`);
      await sender.send(delivery);
    } catch (err) {
      opts.onError?.(delivery, err);
      error = err instanceof Error ? err.message : String(err);
    }
    const verdict = await db.call<{ status: 'sent' | 'pending' | 'dead' | 'lost' }>('complete_notification_delivery', {
      id: delivery.id, owner, error, max_attempts: opts.maxAttempts ?? 5, backoff_seconds: opts.backoffSeconds ?? 30,
    });
    if (verdict.status === 'sent') run.sent++;
    else if (verdict.status === 'pending') run.retried++;
    else if (verdict.status === 'dead') run.dead++;
    else run.lost++;
  }
  return run;
}
