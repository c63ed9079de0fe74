import { handler } from '@/lib/http/handler';

export const dynamic = 'force-dynamic';

export const GET = handler({ name: 'me', auth: 'signed-in' }, async ({ viewer }) => ({ data: viewer }));
