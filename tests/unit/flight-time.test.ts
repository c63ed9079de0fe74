import { describe, expect, it } from 'vitest';
import { localDay } from '@/lib/flights/time';

describe('localDay', () => {
  it('is the day in the given zone, each zone with its own formatter', () => {
    const instant = '2026-12-17T03:30:00Z';
    expect(localDay(instant, 'Europe/London')).toBe('2026-12-17');
    expect(localDay(instant, 'America/New_York')).toBe('2026-12-16');
    expect(localDay(instant, 'Asia/Singapore')).toBe('2026-12-17');
    expect(localDay('2026-12-17T16:30:00Z', 'Asia/Singapore')).toBe('2026-12-18');
    expect(localDay(instant, 'America/New_York')).toBe('2026-12-16');
  });
});
