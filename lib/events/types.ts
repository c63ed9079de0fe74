// The domain-event outbox as the app sees it (supabase/routines/15_domain_events.sql,
// docs/events.md): events, consumers, and what one run of a consumer did.

export interface DomainEvent<P extends Record<string, unknown> = Record<string, unknown>> {
  /** Position in the outbox (commit order). Key handlers' effects by it to make them idempotent. */
  id: number;
  /** "<aggregate>.<what happened>", e.g. booking.paid — the catalogue is docs/events.md. */
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: P;
  /** The user who caused it; null for jobs and the server. */
  actor: string | null;
  occurred_at: string;
  /** 1 on first delivery; more when the event is retried (or delivered again after a crash). */
  attempt: number;
}

export interface ConsumerContext {
  consumer: string;
}

export interface Consumer {
  /** Stable name: the cursor, lease and failures are kept under it. */
  readonly name: string;
  /** Event types to receive; all when absent. Others are skipped without calling handle. */
  readonly types?: readonly string[];
  /** Attempts before an event is dead-lettered for this consumer (default 5). */
  readonly maxAttempts?: number;
  /** First retry delay; doubles per attempt (default 5 s). */
  readonly backoffSeconds?: number;
  /**
   * Handles one event. Delivery is at least once (a crash after the effect and before the ack
   * delivers it again), so the effect must be idempotent, keyed by `event.id`. Throwing retries
   * the event with backoff; the consumer's later events wait for it (they arrive in order).
   */
  handle(event: DomainEvent, ctx: ConsumerContext): Promise<void>;
}

/** What claim_domain_events answers. */
export interface Claim {
  claimed: boolean;
  lease_owner?: string | null;
  lease_until?: string | null;
  cursor?: number;
  through?: number;
  blocked_until?: string | null;
  events?: DomainEvent[];
  redeliveries?: DomainEvent[];
}

export interface ConsumerRun {
  consumer: string;
  /** False when another runner held the consumer (here or on another instance). */
  claimed: boolean;
  handled: number;
  retried: number;
  dead: number;
  /** The cursor after the run. */
  cursor?: number;
  /** Set when the head event waits for its next attempt. */
  blockedUntil?: string;
}
