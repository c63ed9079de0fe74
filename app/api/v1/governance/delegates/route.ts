import { delegatesPage } from '@/lib/governance/answers';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { delegatesQuery } from '@/lib/governance/schemas';
import { listDelegates } from '@/lib/governance/trq';

export const dynamic = 'force-dynamic';

// The delegate directory by voting power: statements, delegators, participation.
export const GET = handler({ name: 'governance.delegates', query: delegatesQuery, response: delegatesPage }, async ({ query }) => listDelegates(query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
