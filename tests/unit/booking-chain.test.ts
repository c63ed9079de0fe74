import { describe, expect, it } from 'vitest';
import { bookingChainView, escrowState, type IndexedEvent } from '@/lib/payments/soroban/booking-chain';

let n = 0;
const ev = (booking_id: string, action: string, fields: IndexedEvent['fields'] = {}, successful = true): IndexedEvent => ({
  id: `${String(++n).padStart(19, '0')}-0000000000`, ledger: 100 + n, closed_at: '2026-12-01T00:00:00Z', action, event: null, fields, booking_id, tx_hash: 'a'.repeat(64), successful,
});

describe('escrowState', () => {
  it('follows the escrow forward: paid, then released / refunded / cancelled, ignoring failed calls', () => {
    expect(escrowState([])).toBeNull();
    expect(escrowState([ev('1', 'paid')])).toBe('paid');
    expect(escrowState([ev('1', 'paid'), ev('1', 'released')])).toBe('released');
    expect(escrowState([ev('1', 'paid'), ev('1', 'cancelled', { refund: '5' })])).toBe('refunded');
    expect(escrowState([ev('1', 'paid'), ev('1', 'refunded', { reason: 3 })])).toBe('expired');
    expect(escrowState([ev('1', 'paid'), ev('1', 'released', {}, false)])).toBe('paid');
    expect(escrowState([ev('1', 'paid'), ev('1', 'refund_requested'), ev('1', 'refund_cancelled')])).toBe('paid');
  });
});

describe('bookingChainView', () => {
  const segments = [{ seq: 1, booking_id: '11' }, { seq: 2, booking_id: '22' }];
  const app = { status: 'paid' as const, total_minor: 100, currency: 'USD' };

  it('is reconciled when every segment is in escrow and the booking is paid', () => {
    const v = bookingChainView({ pnr: 'ABC234', segments, events: [ev('11', 'paid', { amount: '5000000' }), ev('22', 'paid', { amount: '5000000' })] }, app);
    expect(v.reconciled).toBe(true);
    expect(v.segments.map((s) => [s.chain_state, s.chain_amount, s.agrees])).toEqual([['paid', '5000000', true], ['paid', '5000000', true]]);
  });

  it('is not reconciled while a segment is unseen, or when the escrow and the booking disagree', () => {
    const partial = bookingChainView({ pnr: 'ABC234', segments, events: [ev('11', 'paid')] }, app);
    expect(partial.reconciled).toBe(false);
    expect(partial.segments[1]).toMatchObject({ chain_state: null, agrees: false });
    const wrong = bookingChainView({ pnr: 'ABC234', segments, events: [ev('11', 'paid'), ev('22', 'paid')] }, { ...app, status: 'refunded' });
    expect(wrong.reconciled).toBe(false);
    expect(wrong.segments[0].detail).toMatch(/escrow says paid, the app says refunded/);
  });
});
