import type { Database } from '@/lib/db/port';
import type { DomainEvent } from '@/lib/events/types';
import { KINDS, type NotificationDraft, type NotificationKind } from './catalogue';

// Turns an event (or a job's finding) into notifications through create_notifications, which
// is idempotent per (user, source_key): a re-delivered event creates — and sends — nothing twice.

interface Item {
  user_id: string;
  type: string;
  source_key: string;
  event_id: number | null;
  title: string;
  body: string;
  link: string | null;
  urgent: boolean;
  channels: Record<string, boolean>;
}

function item(kind: NotificationKind, d: NotificationDraft, sourceKey: string, eventId: number | null): Item {
  return {
    user_id: d.userId, type: kind.type, source_key: sourceKey, event_id: eventId,
    title: d.title, body: d.body, link: d.link ?? null, urgent: d.urgent ?? false, channels: { ...kind.defaults },
  };
}

/** What an event tells whom, per the catalogue (several kinds may react to one event). */
export function itemsForEvent(event: Pick<DomainEvent, 'id' | 'type' | 'payload'>): Item[] {
  return KINDS.filter((k) => k.events.includes(event.type))
    .flatMap((k) => k.draft(event).map((d) => item(k, d, `event:${event.id}:${k.type}`, event.id)));
}

export function itemFor(kind: NotificationKind, draft: NotificationDraft, sourceKey: string): Item {
  return item(kind, draft, sourceKey, null);
}

export async function createNotifications(db: Database, items: Item[]): Promise<number[]> {
  if (!items.length) return [];
  const result = await db.call<{ created: number[] }>('create_notifications', { items });
  return result.created;
}
