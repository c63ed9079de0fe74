import { z } from 'zod';
import { repricedOffer } from '@/lib/flights/answers';
import { handler } from '@/lib/http/handler';
import { dataOf } from '@/lib/openapi/answers';
import { repriceOffer } from '@/lib/flights/reprice';
import type { RepricedOffer } from '@/lib/flights/types';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// An offer, repriced now: the review step calls it before passenger details and payment.
export const GET = handler({ name: 'offers.get', params: z.object({ id: z.string().max(2000) }), response: dataOf(repricedOffer) }, async ({ params }) => {
  const { claims, ...rest } = await repriceOffer(params.id);
  const data: RepricedOffer = { ...rest, previous_total_minor: claims.total_minor, cabin: claims.cabin, fare_family: claims.family, passengers: claims.passengers, slices: claims.slices };
  return { data };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
