import { z } from 'zod';
import { otherMethods } from '@/lib/http/methods';
import { HttpProblem } from '@/lib/http/problem';
import { handler } from '@/lib/http/handler';
import { viewerAnswer } from '@/lib/auth/answers';
import { signInDevPersona } from '@/lib/auth/dev-session';
import { ROLES } from '@/lib/auth/types';
import { signOut } from '@/lib/auth/session-cookie';

export const dynamic = 'force-dynamic';

const bodySchema = z.object({
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }),
  name: z.string().trim().min(1, 'must not be empty').max(80, 'at most 80 characters').optional(),
  airline: z.string().trim().regex(/^[A-Za-z0-9]{2}$/, 'must be a 2-character IATA airline code').optional(),
});

export const POST = handler({ name: 'dev.session.create', body: bodySchema, response: viewerAnswer }, async ({ body }) => {
  const viewer = await signInDevPersona(body);
  if (!viewer) throw new HttpProblem(403, 'Dev personas are disabled: they exist only in local development (not with NODE_ENV=production or Clerk configured).');
  return Response.json({ data: viewer }, { status: 201 });
});

export const DELETE = handler({ name: 'dev.session.delete', produces: 'empty' }, async () => {
  await signOut();
  return new Response(null, { status: 204 });
});

export const { GET, PUT, PATCH, OPTIONS } = otherMethods('DELETE', 'POST');
