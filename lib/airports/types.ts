/** One airport autocomplete suggestion, as GET /api/v1/airports answers it. */
export interface AirportSuggestion {
  iata: string;
  name: string;
  city: string | null;
  country: string;
  country_code: string;
  time_zone: string;
}
