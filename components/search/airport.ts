/** One row of GET /api/v1/airports. */
export interface Airport {
  iata: string;
  name: string;
  city: string | null;
  country: string;
  country_code: string;
  time_zone: string;
}

/** "London (LHR)": what the input shows once an airport is chosen. */
export function airportLabel(a: Airport): string {
  return `${a.city ?? a.name} (${a.iata})`;
}
