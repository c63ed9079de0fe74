import type { Database } from '@/lib/db/port';
import type { LiveEvent, LivePage } from './types';

// One per process: wakes on the outbox's NOTIFY (`traqora_events`, sent on commit by
// emit_event), reads what is new once for every connection, and hands each event to the
// streams of the users it concerns. On a PostgreSQL server the NOTIFY arrives from whichever
// instance committed, so a client connected here hears about a payment made through another
// instance. Without LISTEN (Supabase's HTTP API) it polls. A slow safety poll covers a lost
// notification either way.

export type WakeSource = (wake: () => void) => Promise<() => Promise<void>>;

export interface Stream {
  /** Events after this id are still to send (set by the replay before going live). */
  lastSent: number;
  send(event: LiveEvent): void;
}

const PAGE = 500;

export class LiveHub {
  private readonly streams = new Map<string, Set<Stream>>();
  private cursor = 0;
  private reading: Promise<void> | null = null;
  private again = false;
  private stopSource: (() => Promise<void>) | null = null;
  private poll: NodeJS.Timeout | null = null;

  constructor(private readonly db: Database, private readonly source: WakeSource | null, private readonly pollMs = 2_000) {}

  /** Where the outbox stands: a new stream without Last-Event-ID starts after it. */
  get head(): number {
    return this.cursor;
  }

  get connections(): number {
    let n = 0;
    for (const set of this.streams.values()) n += set.size;
    return n;
  }

  async start(): Promise<void> {
    this.cursor = (await this.db.call<LivePage>('live_events_after', { after: Number.MAX_SAFE_INTEGER, limit: 1 })).head;
    if (this.source) this.stopSource = await this.source(() => this.wake());
    this.poll = setInterval(() => this.wake(), this.source ? 30_000 : this.pollMs);
    this.poll.unref();
  }

  async stop(): Promise<void> {
    if (this.poll) clearInterval(this.poll);
    await this.stopSource?.();
    await this.reading;
  }

  add(userId: string, stream: Stream): () => void {
    const set = this.streams.get(userId) ?? new Set<Stream>();
    set.add(stream);
    this.streams.set(userId, set);
    return () => {
      set.delete(stream);
      if (!set.size) this.streams.delete(userId);
    };
  }

  /** Reads and fans out what is new; concurrent wakes fold into one more read. */
  wake(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    this.reading = (async () => {
      try {
        do {
          this.again = false;
          let page: LivePage;
          do {
            page = await this.db.call<LivePage>('live_events_after', { after: this.cursor, limit: PAGE });
            for (const event of page.events) {
              this.cursor = event.id;
              this.dispatch(event);
            }
          } while (page.events.length === PAGE);
        } while (this.again);
      } catch {
        // the next wake or poll reads again from the same cursor
      } finally {
        this.reading = null;
      }
    })();
    return this.reading;
  }

  private dispatch(event: LiveEvent): void {
    for (const user of event.users) {
      for (const stream of this.streams.get(user) ?? []) {
        if (event.id > stream.lastSent) {
          stream.lastSent = event.id;
          stream.send(event);
        }
      }
    }
    if (!event.seats?.length) return;
    // Everyone else learns only which flights' seats moved (no booking, no traveller).
    const seats: LiveEvent = { id: event.id, type: 'seats.changed', aggregate_type: 'flight', aggregate_id: String(event.seats[0]),
      occurred_at: event.occurred_at, users: [], data: { flight_ids: event.seats } };
    for (const set of this.streams.values()) {
      for (const stream of set) {
        if (event.id > stream.lastSent) {
          stream.lastSent = event.id;
          stream.send(seats);
        }
      }
    }
  }
}

/** The events after `after` that concern `userId`, for a resuming stream (Last-Event-ID). */
export async function replay(db: Database, userId: string, after: number, through: number, send: (e: LiveEvent) => void): Promise<number> {
  let last = after;
  for (;;) {
    const page = await db.call<LivePage>('live_events_after', { after: last, limit: PAGE, user_id: userId });
    for (const e of page.events) {
      if (e.id > through) return last;
      send(e);
      last = e.id;
    }
    if (page.events.length < PAGE) return last;
  }
}
