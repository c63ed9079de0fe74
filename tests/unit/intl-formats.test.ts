import { describe, expect, it } from 'vitest';
import { dateTimeFormat, numberFormat } from '@/lib/intl/formats';
import { clock, money } from '@/components/flights/format';

describe('Intl formatters kept per locale and options', () => {
  it('hands back the same formatter for the same locale and options, a new one otherwise', () => {
    const a = dateTimeFormat('en-GB', { timeZone: 'Asia/Singapore', hour: '2-digit' });
    expect(dateTimeFormat('en-GB', { timeZone: 'Asia/Singapore', hour: '2-digit' })).toBe(a);
    expect(dateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit' })).not.toBe(a);
    expect(numberFormat('en-US', { style: 'currency', currency: 'USD' })).toBe(numberFormat('en-US', { style: 'currency', currency: 'USD' }));
  });

  it('formats as before: each zone its own clock, each amount its own cents', () => {
    expect(clock('2026-12-10T13:00:00Z', 'America/New_York')).toBe('08:00');
    expect(clock('2026-12-10T13:00:00Z', 'Asia/Singapore')).toBe('21:00');
    expect(money(123400, 'USD')).toBe('$1,234');
    expect(money(123450, 'USD')).toBe('$1,234.50');
    expect(money(123400, 'EUR')).toBe('€1,234');
  });
});
