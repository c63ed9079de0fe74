import { describe, expect, it } from 'vitest';
import { historyCsv } from '@/lib/loyalty/history-csv';
import type { LoyaltyEntry } from '@/lib/loyalty/types';

const entry = (over: Partial<LoyaltyEntry>): LoyaltyEntry => ({
  id: 1, kind: 'earned', currency: 'points', amount: 1200, state: 'active', reason: 'Booking ABC234, flown', source: 'booking',
  source_ref: '9f1c', occurred_at: '2026-12-06T03:00:00.000Z', ...over,
});

describe('the points history as CSV', () => {
  it('has a header and one CRLF line a row, in the columns a spreadsheet reads', () => {
    expect(historyCsv([entry({}), entry({ id: 2, kind: 'redeemed', amount: -500, source: 'redemption', source_ref: null, reason: 'Booking XYZ789: $5.00 off the fare' })])).toBe(
      'id,occurred_at,kind,currency,amount,state,source,source_ref,reason\r\n'
      + '1,2026-12-06T03:00:00.000Z,earned,points,1200,active,booking,9f1c,"Booking ABC234, flown"\r\n'
      + '2,2026-12-06T03:00:00.000Z,redeemed,points,-500,active,redemption,,Booking XYZ789: $5.00 off the fare\r\n');
  });

  it('quotes quotes and line breaks, and defuses text a spreadsheet would run as a formula (never numbers)', () => {
    const csv = historyCsv([entry({ reason: '=HYPERLINK("x")\nsecond line', amount: -3 })]);
    expect(csv.split('\r\n')[1]).toBe('1,2026-12-06T03:00:00.000Z,earned,points,-3,active,booking,9f1c,"\'=HYPERLINK(""x"")\nsecond line"');
  });

  it('is only the header with no rows', () => {
    expect(historyCsv([])).toBe('id,occurred_at,kind,currency,amount,state,source,source_ref,reason\r\n');
  });
});
