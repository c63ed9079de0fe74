import 'server-only';
import { parameterValue } from '@/lib/parameters/read';

// Traqora's fee on released fares is the governed parameter `platform.fee_bps` (bounded,
// audited, set by admins or a governance proposal). The release itself reads it in SQL, in the
// transaction that decides the split (public.release_flown_bookings), so a change applies from
// the next release; this read is for what the app shows (fare conditions, quotes).

/** The platform fee in force, in basis points (250 = 2.5%). */
export async function platformFeeBps(): Promise<number> {
  return parameterValue('platform.fee_bps');
}
