import type { Booking } from '@/lib/bookings/types';
import { Badge } from '@/components/ui/badge';

// A booking's status in the traveller's words, the same on My trips, the trip page and its
// timeline (and the operators' booking lists).

export const STATUS_LABEL: Record<Booking['status'], string> = {
  held: 'Seats held · awaiting payment',
  paid: 'Confirmed · paid into escrow',
  completed: 'Flown',
  expired: 'Hold expired',
  cancelled: 'Cancelled',
  refunded: 'Cancelled · refunded',
};

const VARIANT: Record<Booking['status'], 'success' | 'warning' | 'secondary' | 'destructive' | 'outline'> = {
  held: 'warning',
  paid: 'success',
  completed: 'secondary',
  expired: 'outline',
  cancelled: 'outline',
  refunded: 'secondary',
};

export function BookingStatusBadge({ status, className }: { status: Booking['status']; className?: string }) {
  return (
    <Badge variant={VARIANT[status]} className={className}>
      {STATUS_LABEL[status]}
    </Badge>
  );
}
