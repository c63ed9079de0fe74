import { walletHistory } from '@/lib/bookings/manage';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

export const GET = handler({ name: 'wallet.get', auth: 'signed-in' }, async ({ viewer }) => ({ data: await walletHistory(viewer) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
