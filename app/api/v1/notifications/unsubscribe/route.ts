import { z } from 'zod';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { unsubscribed } from '@/lib/notifications/answers';
import { unsubscribe } from '@/lib/notifications/unsubscribe';

export const dynamic = 'force-dynamic';

// One-click unsubscribe (RFC 8058): mail clients POST here with the token from an email's
// List-Unsubscribe header; no sign-in, the signed token is the proof. GET changes nothing
// (link scanners follow links): the /unsubscribe page asks first.
const query = z.object({ token: z.string({ error: 'is required' }).min(20, 'is not a valid unsubscribe token').max(2000, 'is not a valid unsubscribe token') });

export const POST = handler({ name: 'notifications.unsubscribe', query, response: unsubscribed }, async ({ query }) => ({ data: await unsubscribe(query.token) }));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
