import { delegation, trqAccount as trqAccountAnswer } from '@/lib/governance/answers';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { delegateBody } from '@/lib/governance/schemas';
import { delegateVotes, trqAccount } from '@/lib/governance/trq';

export const dynamic = 'force-dynamic';

// The viewer's TRQ balance, delegate and voting power; POST delegates (null: back to yourself).
export const GET = handler({ name: 'governance.delegation', auth: 'signed-in', response: trqAccountAnswer }, async ({ viewer }) => trqAccount(viewer.id));

export const POST = handler({ name: 'governance.delegate', auth: 'signed-in', body: delegateBody, response: delegation }, async ({ viewer, body }) =>
  delegateVotes(viewer.id, body.delegate));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
