import { z } from 'zod';
import { requirePermission } from '@/lib/admin/permissions';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { getAirdrop } from '@/lib/loyalty/airdrops';
import { airdropAnswer } from '@/lib/loyalty/answers';

export const dynamic = 'force-dynamic';

// One airdrop batch: its progress and every recipient's result.
const params = z.object({ id: z.uuid('must be a batch id') });

export const GET = handler({ name: 'admin.loyalty.airdrop', auth: 'signed-in', params, response: airdropAnswer }, async ({ viewer, params }) => {
  requirePermission(viewer, 'rewards.manage');
  return { data: await getAirdrop(params.id) };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
