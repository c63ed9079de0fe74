import { describe, expect, it } from 'vitest';
import { countdown, dayOffset, duration, money, clock, passengerMix } from '@/components/flights/format';
import { activeFilterCount, apiQuery, dayPartOf, MAX_SHOWN, shownOf, withParams } from '@/components/results/search-params';
import { checkSearch, searchFromParams, searchHref } from '@/components/search/search-schema';
import { isActive as isActiveAmong } from '@/components/shell/active-link';
import { isActive, navFor } from '@/components/shell/nav-items';
import type { Viewer } from '@/lib/auth/types';

// The pure logic behind the passenger pages: what travellers read and what the URL carries.

describe('flight formatting', () => {
  it('shows money in currency units, dropping whole cents', () => {
    expect(money(123400, 'USD')).toBe('$1,234');
    expect(money(123450, 'USD')).toBe('$1,234.50');
    expect(money(5000, 'USD', { cents: true })).toBe('$50.00');
  });

  it('shows times in the airport’s zone and marks overnight arrivals', () => {
    expect(clock('2026-12-07T00:15:00Z', 'America/New_York')).toBe('19:15');
    expect(dayOffset('2026-12-07T00:15:00Z', 'America/New_York', '2026-12-07T07:35:00Z', 'Europe/London')).toBe(1);
    expect(dayOffset('2026-12-07T15:00:00Z', 'America/New_York', '2026-12-07T20:30:00Z', 'America/Los_Angeles')).toBe(0);
  });

  it('formats durations, countdowns and passenger mixes', () => {
    expect(duration(440)).toBe('7 h 20 m');
    expect(duration(55)).toBe('55 m');
    expect(countdown(125_000)).toBe('2:05');
    expect(countdown(3_725_000)).toBe('1:02:05');
    expect(countdown(-5)).toBe('0:00');
    expect(passengerMix({ adults: 2, children: 1, infants: 0 })).toBe('2 adults, 1 child');
  });
});

describe('search form ↔ URL', () => {
  const today = '2026-11-27';
  it('round-trips a search through the URL', () => {
    const s = checkSearch({ tripType: 'return', from: 'JFK', to: 'LHR', date: '2026-12-07', returnDate: '2026-12-14',
      adults: 2, children: 1, infants: 1, cabin: 'business' }, today);
    if (!s.success) throw new Error(JSON.stringify(s.errors));
    const href = searchHref(s.data);
    expect(href).toBe('/search?from=JFK&to=LHR&date=2026-12-07&return_date=2026-12-14&adults=2&children=1&infants=1&cabin=business');
    expect(searchFromParams(new URL(href, 'http://x').searchParams)).toMatchObject({ from: 'JFK', to: 'LHR', tripType: 'return', adults: 2, cabin: 'business' });
  });

  it('refuses the same airport twice, past dates and returns before departure', () => {
    const r = checkSearch({ tripType: 'return', from: 'JFK', to: 'JFK', date: '2026-11-01', returnDate: '2026-10-01',
      adults: 1, children: 0, infants: 0, cabin: 'economy' }, today);
    expect(r.success ? {} : r.errors).toEqual({
      to: 'Choose a destination different from the origin',
      date: 'This date has passed',
      returnDate: 'Return can’t be before departure',
    });
  });

  it('asks for each missing field in the traveller’s words, and keeps dates inside the schedule', () => {
    const empty = { tripType: 'return' as const, from: '', to: '', date: '', returnDate: '', adults: 1, children: 0, infants: 0, cabin: 'economy' as const };
    expect(checkSearch(empty, today)).toEqual({ success: false, errors: {
      from: 'Choose where you are flying from', to: 'Choose where you are flying to',
      date: 'Choose a departure date', returnDate: 'Choose a return date',
    } });
    const late = checkSearch({ ...empty, tripType: 'one_way', from: 'JFK', to: 'LHR', date: '2027-03-27' }, today, 120);
    expect(late.success ? {} : late.errors).toEqual({ date: 'Flights are scheduled up to Fri 26 Mar 2027' });
    expect(checkSearch({ ...empty, tripType: 'one_way', from: 'JFK', to: 'LHR', date: '2027-03-26' }, today, 120).success).toBe(true);
  });

  it('holds the airlines’ passenger rules: one adult at least, nine seated at most, a lap per infant', () => {
    const base = { tripType: 'one_way' as const, from: 'JFK', to: 'LHR', date: '2026-12-07', returnDate: '', cabin: 'economy' as const };
    const errors = (p: { adults: number; children: number; infants: number }) => { const r = checkSearch({ ...base, ...p }, today); return r.success ? {} : r.errors; };
    expect(errors({ adults: 0, children: 0, infants: 0 })).toEqual({ adults: 'At least one adult' });
    expect(errors({ adults: 5, children: 5, infants: 0 })).toEqual({ children: 'At most 9 seated passengers per booking' });
    expect(errors({ adults: 1, children: 0, infants: 2 })).toEqual({ infants: 'Each infant needs an adult’s lap' });
    expect(errors({ adults: 9, children: 0, infants: 2 })).toEqual({});
  });

  it('ignores malformed URL values instead of pre-filling them', () => {
    expect(searchFromParams(new URLSearchParams('from=12&to=lhr&adults=99&cabin=luxury'))).toEqual({ to: 'LHR', tripType: 'one_way', returnDate: '' });
  });
});

describe('results URL state', () => {
  it('applies filter changes, drops the cursor, and counts active filters by group', () => {
    const p = new URLSearchParams('from=JFK&to=LHR&date=2026-12-07&cursor=abc');
    const next = withParams(p, { max_stops: '0', depart_after: '06:00', depart_before: '11:59', airlines: null });
    expect(next.has('cursor')).toBe(false);
    expect(activeFilterCount(next)).toBe(2);
    expect(dayPartOf('06:00', '11:59')).toBe('morning');
    expect(dayPartOf('07:00', null)).toBe('custom');
    expect(new URLSearchParams(apiQuery(next, 'c2')).get('cursor')).toBe('c2');
  });

  it('keeps "Show more" in the URL as a count of offers, bounded, and starts over on any change', () => {
    const p = new URLSearchParams('from=JFK&to=LHR&date=2026-12-07&shown=40');
    expect(shownOf(p, 20)).toBe(40);
    expect(shownOf(new URLSearchParams('shown=7'), 20)).toBe(20);
    expect(shownOf(new URLSearchParams('shown=abc'), 20)).toBe(20);
    expect(shownOf(new URLSearchParams('shown=1e9'), 20)).toBe(MAX_SHOWN);
    expect(withParams(p, { sort: 'price' }).has('shown')).toBe(false);
    expect(new URLSearchParams(apiQuery(p)).has('shown')).toBe(false);
  });
});

describe('navigation', () => {
  const traveller: Viewer = { id: 'u', name: 'A', email: null, roles: [{ role: 'traveller', airline: null }], wallets: [], source: 'dev' };
  it('shows signed-in pages only to signed-in viewers, and only sections that have pages', () => {
    expect(navFor(null).flatMap((g) => g.items.map((i) => i.href))).toEqual(['/', '/loyalty/leaderboard', '/governance', '/governance/delegates']);
    expect(navFor(null).map((g) => g.id)).toEqual(['passenger', 'loyalty', 'governance']);
    expect(navFor(traveller).flatMap((g) => g.items.map((i) => i.href))).toEqual(['/', '/trips', '/wallet', '/watches', '/loyalty', '/loyalty/leaderboard', '/governance', '/governance/delegates', '/disputes']);
    expect(navFor(traveller).map((g) => g.id)).toEqual(['passenger', 'loyalty', 'governance']);
    expect(isActive('/trips', '/trips/ABC123')).toBe(true);
    expect(isActive('/', '/trips')).toBe(false);
  });

  it('marks only the most specific link current when one page sits under another', () => {
    expect(isActive('/loyalty/leaderboard', '/loyalty/leaderboard')).toBe(true);
    expect(isActive('/loyalty', '/loyalty/leaderboard')).toBe(false);
    expect(isActive('/loyalty', '/loyalty')).toBe(true);
    expect(isActive('/loyalty', '/loyalty/members/ada')).toBe(true);     // no nav link of its own: Rewards holds it
    expect(isActive('/governance', '/governance/delegates')).toBe(false);
    expect(isActive('/governance/delegates', '/governance/delegates/GABC')).toBe(true);
    expect(isActive('/governance', '/governance/proposals/7')).toBe(true);
    // the desktop nav (active-link.ts, without the permission table) decides among the links it shows
    const shown = navFor(traveller).flatMap((g) => g.items.map((i) => i.href));
    expect(isActiveAmong('/loyalty', '/loyalty/leaderboard', shown)).toBe(false);
    expect(isActiveAmong('/loyalty/leaderboard', '/loyalty/leaderboard', shown)).toBe(true);
    expect(isActiveAmong('/loyalty', '/loyalty/leaderboard')).toBe(true);   // nothing more specific shown
  });
});
