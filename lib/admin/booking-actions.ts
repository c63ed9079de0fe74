'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { pnrParams } from '@/app/api/v1/bookings/[pnr]/params';
import { cancelAdminBooking, quoteAdminCancellation } from './bookings';
import { permittedAction } from './action';

// The booking page's actions: a cancellation quote under the fare's rules, then the
// cancellation itself with the staff member's reason, audited in the same transaction.

const reason = z.string().trim().min(3, 'must be 3 to 500 characters').max(500, 'must be 3 to 500 characters');

export const quoteBookingCancellation = permittedAction(
  { name: 'admin.bookings.cancellation_quote', permission: 'bookings.cancel', schema: pnrParams },
  async ({ pnr }, { viewer }) => quoteAdminCancellation(viewer.id, pnr),
);

export const cancelBooking = permittedAction(
  { name: 'admin.bookings.cancel', permission: 'bookings.cancel', schema: pnrParams.extend({ quote_id: z.uuid('must be a cancellation quote id'), reason }) },
  async ({ pnr, quote_id, reason: why }, { audit }) => {
    const result = await cancelAdminBooking(audit(why), pnr, quote_id);
    revalidatePath(`/admin/bookings/${pnr}`);
    return { status: result.booking.status, refund_minor: result.quote.refund_minor };
  },
);
