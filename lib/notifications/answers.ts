import { z } from 'zod';
import { dataOf, describes, timestamp } from '@/lib/openapi/answers';
import { CHANNELS, KIND_TYPES } from './catalogue';
import type { NotificationItem, NotificationPage, NotificationSettings } from './centre';

// What the notification routes answer (the OpenAPI document's schemas; lib/openapi/answers.ts).

export const notificationItem = describes<NotificationItem>()(z.object({
  id: z.number().int(),
  type: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  urgent: z.boolean(),
  event_id: z.number().int().nullable(),
  created_at: timestamp,
  read_at: timestamp.nullable(),
}));

/** GET /notifications: one page, newest first, and how many are unread in all. */
export const notificationPage = describes<NotificationPage>()(z.object({
  data: z.array(notificationItem), nextCursor: z.string().nullable(), unread: z.number().int(),
}));

/** POST /notifications/read. */
export const markedRead = describes<{ updated: number; unread: number }>()(z.object({ updated: z.number().int(), unread: z.number().int() }));

const clock = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/);

/** GET and PUT /notifications/preferences: every kind × channel, with the kind's default. */
export const notificationSettings = describes<NotificationSettings>()(z.object({
  email: z.string().nullable(),
  phone: z.string().nullable(),
  time_zone: z.string(),
  quiet_start: clock.nullable(),
  quiet_end: clock.nullable(),
  preferences: z.array(z.object({
    type: z.enum(KIND_TYPES as [string, ...string[]]), label: z.string(), description: z.string(), channel: z.enum(CHANNELS), enabled: z.boolean(), default: z.boolean(),
  })),
}));

export const notificationSettingsAnswer = dataOf(notificationSettings);

/** GET /notifications/push: the VAPID key to subscribe with, null where push is not configured. */
export const pushKeyAnswer = dataOf(z.object({ publicKey: z.string().nullable() }));
export const pushSubscribed = dataOf(describes<{ endpoint: string; subscriptions: number }>()(z.object({ endpoint: z.string(), subscriptions: z.number().int() })));
export const pushUnsubscribed = dataOf(describes<{ deleted: number }>()(z.object({ deleted: z.number().int() })));

/** POST /notifications/unsubscribe: what was turned off. */
export const unsubscribed = dataOf(describes<{ type: string; channel: string; label: string }>()(z.object({
  type: z.enum(KIND_TYPES as [string, ...string[]]), channel: z.string(), label: z.string(),
})));
