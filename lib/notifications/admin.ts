import 'server-only';
import type { AuditContext } from '@/lib/admin/audit-context';
import { db } from '@/lib/db/connect';

export interface DeliveryRow {
  id: number; channel: string; status: string; attempts: number; last_error: string | null; next_attempt_at: string;
  sent_at: string | null; created_at: string; updated_at: string; user_id: string; notification_id: number; type: string; title: string; event_id: number | null;
}

export async function listDeliveries(q: { status: string; cursor?: number; limit: number }): Promise<{ data: DeliveryRow[]; nextCursor: string | null }> {
  const page = await (await db()).call<{ data: DeliveryRow[]; next_cursor: number | null }>('notification_deliveries_list', { status: q.status, cursor: q.cursor ?? null, limit: q.limit });
  return { data: page.data, nextCursor: page.next_cursor === null ? null : String(page.next_cursor) };
}

export async function retryDelivery(ctx: AuditContext, id: number): Promise<{ id: number; status: string }> {
  return (await db()).call('admin_retry_notification_delivery', { ctx, id });
}
