import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/connect';
import { CHANNELS, KIND_TYPES, KINDS, type Channel } from './catalogue';

// The notification centre and preferences, for the API and the pages: the signed-in user's own
// notifications only (every function takes the user id the server resolved).

export interface NotificationItem {
  id: number;
  type: string;
  title: string;
  body: string;
  link: string | null;
  urgent: boolean;
  event_id: number | null;
  created_at: string;
  read_at: string | null;
}

export interface NotificationPage {
  data: NotificationItem[];
  nextCursor: string | null;
  unread: number;
}

export const listQuerySchema = z.object({
  cursor: z.string().regex(/^[1-9][0-9]{0,17}$/, 'is not a cursor from this list').transform(Number).optional(),
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(20),
  unread: z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true').optional(),
});

export async function listNotifications(userId: string, q: z.output<typeof listQuerySchema>): Promise<NotificationPage> {
  const page = await (await db()).call<{ data: NotificationItem[]; next_cursor: number | null; unread: number }>('list_notifications', {
    user_id: userId, cursor: q.cursor ?? null, limit: q.limit, unread_only: q.unread ?? false,
  });
  return { data: page.data, nextCursor: page.next_cursor === null ? null : String(page.next_cursor), unread: page.unread };
}

export async function unreadCount(userId: string): Promise<number> {
  return (await (await db()).call<{ unread: number }>('notification_unread_count', { user_id: userId })).unread;
}

export const markReadSchema = z.object({
  /** Absent: every notification. */
  ids: z.array(z.number({ error: 'must be notification ids' }).int().positive(), { error: 'must be a list of notification ids' }).min(1, 'list at least one id, or leave ids out to mark all').max(500, 'at most 500 ids').optional(),
});

export async function markRead(userId: string, ids?: number[]): Promise<{ updated: number; unread: number }> {
  return (await db()).call('mark_notifications_read', { user_id: userId, ids: ids ?? null });
}

const time = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be a time like 22:00');

export const settingsSchema = z.object({
  email: z.union([z.literal(''), z.email('must be an email address').max(254, 'at most 254 characters')]).nullish(),
  phone: z.union([z.literal(''), z.string().trim().regex(/^\+[1-9][0-9]{6,14}$/, 'must be an international number like +447700900123')]).nullish(),
  time_zone: z.string().trim().min(1, 'must be a time zone').max(64, 'at most 64 characters').refine((tz) => {
    try { new Intl.DateTimeFormat('en', { timeZone: tz }); return true; } catch { return false; }
  }, 'must be an IANA time zone like Europe/London'),
  quiet_start: time.nullish(),
  quiet_end: time.nullish(),
  preferences: z.array(z.object({
    type: z.enum(KIND_TYPES as [string, ...string[]], { error: `must be one of ${KIND_TYPES.join(', ')}` }),
    channel: z.enum(CHANNELS, { error: `must be one of ${CHANNELS.join(', ')}` }),
    enabled: z.boolean({ error: 'must be true or false' }),
  })).max(100, 'at most 100 choices').default([]),
}).superRefine((s, ctx) => {
  if (!s.quiet_start !== !s.quiet_end) ctx.addIssue({ code: 'custom', path: [s.quiet_start ? 'quiet_end' : 'quiet_start'], message: 'set both ends of quiet hours, or neither' });
  else if (s.quiet_start && s.quiet_start === s.quiet_end) ctx.addIssue({ code: 'custom', path: ['quiet_end'], message: 'must differ from the start' });
});
export type SettingsInput = z.input<typeof settingsSchema>;

export interface NotificationSettings {
  email: string | null;
  phone: string | null;
  time_zone: string;
  quiet_start: string | null;
  quiet_end: string | null;
  /** Every kind × channel, explicit choice or the kind's default. */
  preferences: { type: string; label: string; description: string; channel: Channel; enabled: boolean; default: boolean }[];
}

interface StoredSettings {
  email: string | null; phone: string | null; time_zone: string; quiet_start: string | null; quiet_end: string | null;
  preferences: { type: string; channel: string; enabled: boolean }[];
}

function withKinds(s: StoredSettings): NotificationSettings {
  const chosen = new Map(s.preferences.map((p) => [`${p.type}:${p.channel}`, p.enabled]));
  return {
    email: s.email, phone: s.phone, time_zone: s.time_zone, quiet_start: s.quiet_start, quiet_end: s.quiet_end,
    preferences: KINDS.flatMap((k) => CHANNELS.map((channel) => ({
      type: k.type, label: k.label, description: k.description, channel,
      enabled: chosen.get(`${k.type}:${channel}`) ?? k.defaults[channel], default: k.defaults[channel],
    }))),
  };
}

export async function getSettings(userId: string): Promise<NotificationSettings> {
  return withKinds(await (await db()).call<StoredSettings>('get_notification_settings', { user_id: userId }));
}

export async function saveSettings(userId: string, input: z.output<typeof settingsSchema>): Promise<NotificationSettings> {
  const stored = await (await db()).call<StoredSettings>('set_notification_settings', {
    user_id: userId,
    settings: { email: input.email || null, phone: input.phone || null, time_zone: input.time_zone, quiet_start: input.quiet_start ?? null, quiet_end: input.quiet_end ?? null },
    preferences: input.preferences,
  });
  return withKinds(stored);
}

export const pushSubscriptionSchema = z.object({
  endpoint: z.url({ protocol: /^https$/, error: 'must be the https endpoint of a push subscription' }).max(1000, 'at most 1000 characters'),
  keys: z.object({
    p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}$/, 'must be the base64url P-256 key of the subscription'),
    auth: z.string().regex(/^[A-Za-z0-9_-]{16,32}$/, 'must be the base64url auth secret of the subscription'),
  }, { error: 'must hold p256dh and auth' }),
});

/** The saved endpoint, and how many browsers the user now receives push on. */
export async function savePushSubscription(userId: string, sub: z.output<typeof pushSubscriptionSchema>, userAgent: string | null): Promise<{ endpoint: string; subscriptions: number }> {
  return (await db()).call('save_push_subscription', { user_id: userId, endpoint: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth, user_agent: userAgent });
}

export async function deletePushSubscription(userId: string, endpoint: string): Promise<{ deleted: number }> {
  return (await db()).call('delete_push_subscription', { user_id: userId, endpoint });
}
