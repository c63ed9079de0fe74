import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { earnAnswer } from '@/lib/loyalty/answers';
import { earnPreview, earnQuery } from '@/lib/loyalty/earn';

export const dynamic = 'force-dynamic';

// What a fare (the money part, taxes excluded) earns the viewer at their tier now: points and tier
// credits once the trip is flown. Reads only; an unknown fare family is a 400 naming it.
export const GET = handler({ name: 'loyalty.earn', auth: 'signed-in', query: earnQuery, response: earnAnswer }, async ({ viewer, query }) => ({
  data: await earnPreview(viewer.id, query),
}));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
