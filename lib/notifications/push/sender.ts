import type { Agent } from 'node:https';
import webpush from 'web-push';
import type { Database } from '@/lib/db/port';
import type { ChannelSender } from '@/lib/notifications/deliver';

// Web push: the notification, encrypted for each of the user's browsers (RFC 8291 aes128gcm,
// done by web-push) and signed with our VAPID key, sent to each browser's push service. A
// service answering 404 or 410 has dropped the subscription: it is removed, not retried.

export interface VapidKeys {
  subject: string;
  publicKey: string;
  privateKey: string;
}

interface Subscription { endpoint: string; keys: { p256dh: string; auth: string } }

/** What the service worker receives (public/sw.js shows it). */
export interface PushPayload {
  id: number;
  title: string;
  body: string;
  link: string | null;
}

export function pushSender(opts: { database: () => Promise<Database>; vapid: VapidKeys; agent?: Agent; ttlSeconds?: number }): ChannelSender {
  return {
    async send(d) {
      const db = await opts.database();
      const subs = await db.call<Subscription[]>('push_subscriptions_for', { user_id: d.user_id });
      const n = d.notification;
      const payload = JSON.stringify({ id: n.id, title: n.title, body: n.body, link: n.link } satisfies PushPayload);
      let delivered = 0;
      const errors: string[] = [];
      for (const sub of subs) {
        try {
          await webpush.sendNotification(sub, payload, {
            vapidDetails: opts.vapid, TTL: opts.ttlSeconds ?? 24 * 3600, urgency: n.urgent ? 'high' : 'normal',
            topic: `n${n.id}`, ...(opts.agent ? { agent: opts.agent } : {}),
          });
          delivered++;
        } catch (err) {
          const status = (err as { statusCode?: number }).statusCode;
          if (status === 404 || status === 410) await db.call('delete_push_subscription', { user_id: null, endpoint: sub.endpoint });
          else errors.push(err instanceof Error ? err.message : String(err));
        }
      }
      // Retried only when no browser got it (a retry would repeat it on those that did).
      if (!delivered && errors.length) throw new Error(`push failed: ${errors.join('; ')}`);
    },
  };
}
