import { jurorPage } from '@/lib/disputes/answers';
import { jurorStatus } from '@/lib/disputes/jury';
import { pageQuery } from '@/lib/http/cursor';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// The caller's juror standing: stake, pool membership, and a page of the cases they sit on,
// newest draw first (`cursor`, `limit`; `nextCursor` pages on).
export const GET = handler({ name: 'jury.status', auth: 'signed-in', query: pageQuery, response: jurorPage }, async ({ viewer, query }) => jurorStatus(viewer.id, query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
