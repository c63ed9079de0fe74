import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { notificationPage } from '@/lib/notifications/answers';
import { listNotifications, listQuerySchema } from '@/lib/notifications/centre';

export const dynamic = 'force-dynamic';

// The viewer's notifications, newest first, cursor paged, with the unread count.
export const GET = handler({ name: 'notifications.list', auth: 'signed-in', query: listQuerySchema, response: notificationPage }, async ({ viewer, query }) =>
  listNotifications(viewer.id, query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
