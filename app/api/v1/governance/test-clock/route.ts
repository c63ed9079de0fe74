import { testClock } from '@/lib/governance/answers';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { advanceGovernanceClock } from '@/lib/governance/clock';
import { advanceClockBody } from '@/lib/governance/schemas';

export const dynamic = 'force-dynamic';

// Test servers only (an in-memory database): moves governance time forward. Elsewhere a 404.
export const POST = handler({ name: 'governance.test_clock', body: advanceClockBody, response: testClock }, async ({ body }) => advanceGovernanceClock(body.seconds));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
