import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { markedRead } from '@/lib/notifications/answers';
import { markRead, markReadSchema } from '@/lib/notifications/centre';

export const dynamic = 'force-dynamic';

// Marks the listed notifications read, or all of them when `ids` is left out. Idempotent.
export const POST = handler({ name: 'notifications.read', auth: 'signed-in', body: markReadSchema, response: markedRead }, async ({ viewer, body }) =>
  markRead(viewer.id, body.ids));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
