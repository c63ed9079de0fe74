import { jurorAnswer } from '@/lib/disputes/answers';
import { withdraw } from '@/lib/disputes/jury';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// Leave the juror pool and take the stake back (409 while sitting on a jury still deciding).
export const POST = handler({ name: 'jury.withdraw', auth: 'signed-in', response: jurorAnswer }, async ({ viewer }) => ({ data: await withdraw(viewer.id) }));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
