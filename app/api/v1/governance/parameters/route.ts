import { parametersAnswer } from '@/lib/governance/answers';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { governanceParameters } from '@/lib/governance/parameters';

export const dynamic = 'force-dynamic';

// Governed parameters with their bounds and the executed proposal that last set each.
export const GET = handler({ name: 'governance.parameters', response: parametersAnswer }, async () => ({ data: await governanceParameters() }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
