import { localDay } from './time';
import type { Segment } from './types';

/**
 * What the passenger rules need to know about a trip (lib/bookings/passenger-schema.ts tripRules):
 * the local days of its first and last departures (ages are judged on them, passports must
 * outlive the last) and whether any flight crosses a border. Signed into each offer id at search
 * time, so a booking checks its passengers without first asking the database for the flights.
 */
export interface TripFacts {
  first_day: string;
  last_day: string;
  international: boolean;
}

/** The facts of a trip's segments, in flying order (one slice after another). */
export function tripFacts(segments: Segment[]): TripFacts {
  const first = segments[0], last = segments[segments.length - 1];
  return {
    first_day: localDay(first.departs_at, first.origin.time_zone),
    last_day: localDay(last.departs_at, last.origin.time_zone),
    international: segments.some((s) => s.origin.country_code !== s.destination.country_code),
  };
}
