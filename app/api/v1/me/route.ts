import { viewerAnswer } from '@/lib/auth/answers';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

export const GET = handler({ name: 'me', auth: 'signed-in', response: viewerAnswer }, async ({ viewer }) => ({ data: viewer }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
