import { viewerAnswer } from '@/lib/auth/answers';
import { issueSession } from '@/lib/auth/session-issue';
import { otherMethods } from '@/lib/http/methods';
import { HttpProblem } from '@/lib/http/problem';
import { handler } from '@/lib/http/handler';

export const dynamic = 'force-dynamic';

// Extends a live app session (wallet or dev persona) for another week.
export const POST = handler({ name: 'session.refresh', auth: 'signed-in', response: viewerAnswer }, async ({ viewer }) => {
  if (viewer.source === 'clerk') throw new HttpProblem(409, 'Clerk manages this session; it refreshes on its own.');
  if (viewer.source === 'api-key') throw new HttpProblem(409, 'An API key is not a session; there is nothing to refresh.');
  await issueSession(viewer.id, viewer.source);
  return { data: viewer };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
