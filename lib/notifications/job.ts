import 'server-only';
import { db } from '@/lib/db/connect';
import { logger } from '@/lib/log/logger';
import { channelSenders } from './channels';
import { deliverNotifications } from './deliver';

/** The `notification-deliveries` job: safe on every instance at once (rows are leased). */
export async function notificationDeliveriesJob(): Promise<Record<string, unknown>> {
  const run = await deliverNotifications(await db(), channelSenders(), {
    limit: 50,
    onError: (d, err) => logger.warn({ delivery: d.id, channel: d.channel, attempt: d.attempts, err }, 'notification delivery failed'),
  });
  return { ...run };
}
