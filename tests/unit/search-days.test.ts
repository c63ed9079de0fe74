import { describe, expect, it } from 'vitest';
import { addDays, dayPart, daysBetween, readableDate, shortDay } from '@/components/search/days';

describe('calendar days of the search (components/search/days.ts)', () => {
  it('adds and counts days across month, year and daylight-saving changes', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29'); // leap year
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09'); // US clocks change that night
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
    expect(daysBetween('2026-11-01', '2026-10-25')).toBe(-7);
  });

  it('names days the way the form and the date strip show them, whatever the machine’s time zone', () => {
    expect(readableDate('2026-12-06')).toBe('Sun 6 Dec 2026');
    expect(shortDay('2027-01-02')).toBe('2 Jan');
    expect([dayPart('2026-12-08', 'weekday'), dayPart('2026-12-08', 'day'), dayPart('2026-12-08', 'month')]).toEqual(['Tue', '8', 'Dec']);
  });
});
