import type { AirportSuggestion } from '@/lib/airports/types';

/** One row of GET /api/v1/airports. */
export type Airport = AirportSuggestion;

/** "London (LHR)": what the input shows once an airport is chosen. */
export function airportLabel(a: Airport): string {
  return `${a.city ?? a.name} (${a.iata})`;
}
