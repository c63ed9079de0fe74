import { handler } from '@/lib/http/handler';
import { HttpProblem } from '@/lib/http/problem';
import { otherMethods } from '@/lib/http/methods';
import { publicProfileAnswer } from '@/lib/loyalty/answers';
import { handleParams, publicProfile } from '@/lib/loyalty/profiles';

export const dynamic = 'force-dynamic';

// A member's published profile; a private one answers exactly as an unknown handle does.
export const GET = handler({ name: 'loyalty.members.profile', auth: 'public', params: handleParams, response: publicProfileAnswer }, async ({ params }) => {
  const profile = await publicProfile(params.handle);
  if (!profile) throw new HttpProblem(404, 'No published profile has this handle.', [{ field: 'handle', message: 'not found' }]);
  return { data: profile };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
