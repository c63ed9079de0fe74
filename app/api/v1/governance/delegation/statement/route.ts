import { trqAccount } from '@/lib/governance/answers';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { statementBody } from '@/lib/governance/schemas';
import { setDelegateStatement } from '@/lib/governance/trq';

export const dynamic = 'force-dynamic';

// The viewer's statement in the delegate directory (empty clears it).
export const POST = handler({ name: 'governance.statement', auth: 'signed-in', body: statementBody, response: trqAccount }, async ({ viewer, body }) =>
  setDelegateStatement(viewer.id, body.statement));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
