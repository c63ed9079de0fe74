import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { onChainBookingId } from '@/lib/stellar/booking-id';

describe('onChainBookingId', () => {
  const id = '3f146a07-3589-4b51-9462-653b1a626a8d';
  it('is deterministic, per segment, and fits a signed 64-bit integer', () => {
    expect(onChainBookingId(id, 1)).toBe(onChainBookingId(id.toUpperCase(), 1));
    expect(onChainBookingId(id, 1)).not.toBe(onChainBookingId(id, 2));
    for (let s = 1; s <= 4; s++) {
      const v = onChainBookingId(id, s);
      expect(v).toBeGreaterThanOrEqual(0n);
      expect(v).toBeLessThan(2n ** 63n);
    }
  });
  it('matches the documented derivation', () => {
    expect(onChainBookingId(id, 1)).toBe(BigInt(`0x${createHash('sha256').update(`${id}:1`).digest('hex').slice(0, 16)}`) & (2n ** 63n - 1n));
  });
});
