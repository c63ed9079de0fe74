import { jurorStatus } from '@/lib/disputes/jury';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// The caller's juror standing: stake, pool membership, and the cases they sit on.
export const GET = handler({ name: 'jury.status', auth: 'signed-in' }, async ({ viewer }) => ({ data: await jurorStatus(viewer.id) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
