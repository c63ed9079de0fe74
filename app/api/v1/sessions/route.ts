import { revokeSessions } from '@/lib/auth/session-issue';
import { signOut } from '@/lib/auth/session-cookie';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { HttpProblem } from '@/lib/http/problem';

export const dynamic = 'force-dynamic';

// Sign out everywhere: every app session of the viewer (wallet or dev persona) ends, on every
// device, this one included. Clerk sessions are Clerk's: they end from Clerk's account page.
export const DELETE = handler({ name: 'sessions.revoke', auth: 'signed-in', produces: 'empty' }, async ({ viewer }) => {
  if (viewer.source === 'clerk') throw new HttpProblem(409, 'Clerk manages this session; sign out of your other devices from your Clerk account.');
  await revokeSessions(viewer.id);
  await signOut();
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods('DELETE');
