import { z } from 'zod';
import { config } from '@/lib/config';
import { handler } from '@/lib/http/handler';
import { HttpProblem } from '@/lib/http/problem';
import { otherMethods } from '@/lib/http/methods';
import { pushKeyAnswer, pushSubscribed, pushUnsubscribed } from '@/lib/notifications/answers';
import { deletePushSubscription, pushSubscriptionSchema, savePushSubscription } from '@/lib/notifications/centre';

export const dynamic = 'force-dynamic';

// Web push for the viewer's browsers: the VAPID public key to subscribe with (null when push is
// not configured), and saving or removing a browser's PushSubscription.
const publicKey = () => config().env.VAPID_PUBLIC_KEY ?? null;

export const GET = handler({ name: 'notifications.push.get', auth: 'public', response: pushKeyAnswer }, async () => ({ data: { publicKey: publicKey() } }));

export const POST = handler({ name: 'notifications.push.subscribe', auth: 'signed-in', body: pushSubscriptionSchema, response: pushSubscribed }, async ({ req, viewer, body }) => {
  if (!publicKey()) throw new HttpProblem(409, 'Web push is not configured on this server (VAPID keys).');
  const saved = await savePushSubscription(viewer.id, body, req.headers.get('user-agent')?.slice(0, 300) ?? null);
  return Response.json({ data: saved }, { status: 201 });
});

export const DELETE = handler({ name: 'notifications.push.unsubscribe', auth: 'signed-in', body: z.object({ endpoint: z.string().min(1, 'is required').max(1000) }), response: pushUnsubscribed },
  async ({ viewer, body }) => ({ data: await deletePushSubscription(viewer.id, body.endpoint) }));

export const { PUT, PATCH, OPTIONS } = otherMethods('GET', 'POST', 'DELETE');
