import { z } from 'zod';
import { calendarDay } from '@/lib/flights/answers';
import { handler } from '@/lib/http/handler';
import { dataOf } from '@/lib/openapi/answers';
import { calendarQuerySchema } from '@/lib/flights/search-schema';
import { priceCalendar } from '@/lib/flights/search';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

export const GET = handler({ name: 'flights.calendar', query: calendarQuerySchema, response: dataOf(z.array(calendarDay)) }, async ({ query }) =>
  ({ data: await priceCalendar(query) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
