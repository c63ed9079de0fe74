/** An outbox event as the live stream sends it (supabase/routines/98_notifications.sql, live_events_after). */
export interface LiveEvent {
  id: number;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  occurred_at: string;
  /** The users it concerns (the stream sends it to them only). */
  users: string[];
  /** Flights whose seat inventory this event changed: every other connection hears `seats.changed`. */
  seats?: number[];
  data: Record<string, unknown>;
}

export interface LivePage {
  head: number;
  events: LiveEvent[];
}
