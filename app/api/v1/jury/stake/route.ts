import { jurorAnswer } from '@/lib/disputes/answers';
import { stake } from '@/lib/disputes/jury';
import { stakeBody } from '@/lib/disputes/schema';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// Opt in to the juror pool (or top up) by staking TRQ base units from the caller's balance.
export const POST = handler({ name: 'jury.stake', auth: 'signed-in', body: stakeBody, response: jurorAnswer }, async ({ viewer, body }) =>
  ({ data: await stake(viewer.id, body.amount) }));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
