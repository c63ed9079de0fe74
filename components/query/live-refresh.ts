import type { LiveMessage } from '@/components/live/live-provider';
import { getQueryClient } from './query-client';

// What a live event makes stale: queries refetch in place instead of polling. The live provider
// (components/live) loads this module when it connects, so the query cache is not part of the
// root layout's JavaScript.

export function refreshQueries(m: LiveMessage): void {
  const queryClient = getQueryClient();
  const pnr = typeof m.data.pnr === 'string' ? m.data.pnr : undefined;
  if (m.type.startsWith('notification.')) void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  if (m.type.startsWith('booking.') || m.type.startsWith('payment.') || m.type.startsWith('settlement.') || m.type === 'chain.event_indexed') {
    if (pnr) {
      void queryClient.invalidateQueries({ queryKey: ['booking', pnr] });
      void queryClient.invalidateQueries({ queryKey: ['booking-chain', pnr] });
    }
    void queryClient.invalidateQueries({ queryKey: ['bookings'] });
    if (m.type === 'booking.paid' || m.type === 'booking.refunded') void queryClient.invalidateQueries({ queryKey: ['wallet'] });
  }
  if (m.type === 'flight.status_changed' || m.type === 'flight.diverted') {
    void queryClient.invalidateQueries({ queryKey: ['booking'] });
    void queryClient.invalidateQueries({ queryKey: ['bookings'] });
  }
  if (m.type.startsWith('loyalty.')) void queryClient.invalidateQueries({ queryKey: ['loyalty'] });
  if (m.type === 'price.dropped') void queryClient.invalidateQueries({ queryKey: ['watches'] });
}
