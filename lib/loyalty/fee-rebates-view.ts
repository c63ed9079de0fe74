import 'server-only';
import { db } from '@/lib/db/connect';
import type { FeeRebate } from './types';

/** A booking's tier rebates, for its trip page (the caller checked the viewer may see the booking). */
export async function feeRebatesForBooking(pnr: string): Promise<FeeRebate[]> {
  return (await db()).call<FeeRebate[]>('loyalty_fee_rebates_for_booking', { pnr });
}
