// The flight-status feed's one status model. Every provider (the simulator, the flight-data
// API polled over HTTP, its webhooks) is normalised to it before anything is stored.

export const FEED_STATUSES = ['scheduled', 'delayed', 'departed', 'landed', 'cancelled', 'diverted'] as const;
export type FeedStatus = (typeof FEED_STATUSES)[number];

/** One provider's statement about one flight, as public.ingest_flight_status takes it. */
export interface StatusReport {
  /** The provider's id for this statement: the same id again is a replay. */
  event_id: string;
  airline: string;
  flight_number: number;
  /** The flight's scheduled departure day (the origin's local day, as our schedule keys it). */
  departure_date: string;
  /** The scheduled departure, when the provider knows it: names the flight without doubt about the day. */
  scheduled_departs_at?: string;
  status: FeedStatus;
  /** New times, for a delay (departs_at required) or as reported. */
  departs_at?: string;
  arrives_at?: string;
  /** For a diversion: the airport the flight went to instead. */
  diverted_to?: string;
  /** When the provider made the statement: decides between conflicting reports. */
  provider_at: string;
  reason?: string;
}

/** A flight the feed is asked about (public.flights_to_track). */
export interface TrackedFlight {
  flight_id: number;
  airline: string;
  flight_number: number;
  departure_date: string;
  origin: string;
  destination: string;
  departs_at: string;
  arrives_at: string;
  scheduled_departs_at: string;
  scheduled_arrives_at: string;
  status: string;
}

/** A provider we poll. */
export interface StatusProvider {
  /** The provider's code in traqora.flight_status_providers. */
  readonly code: string;
  poll(flights: TrackedFlight[], now: Date): Promise<StatusReport[]>;
}

/** What ingest_flight_status answered. */
export interface IngestOutcome {
  replayed: boolean;
  event_id: string;
  outcome?: 'applied' | 'unchanged' | 'stale' | 'refused' | 'unknown_flight';
  /** Why it was stale or refused; null (or absent) otherwise. */
  detail?: string | null;
  flight_id?: number | null;
}
