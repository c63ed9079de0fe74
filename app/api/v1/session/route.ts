import { signOut } from '@/lib/auth/session-cookie';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// Signs out of the app's own session (wallet or dev persona). Clerk sessions end through Clerk.
export const DELETE = handler({ name: 'session.delete', produces: 'empty' }, async () => {
  await signOut();
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods('DELETE');
