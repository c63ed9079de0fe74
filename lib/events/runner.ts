import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Database } from '@/lib/db/port';
import type { Claim, Consumer, ConsumerRun, DomainEvent } from './types';

// Runs consumers over the domain-event outbox. Per consumer, through the data port only (so it
// works on PGlite, a PostgreSQL server and Supabase's HTTP API alike):
//   claim_domain_events — take the consumer's lease (one runner at a time across every
//                         instance) and the next batch after its cursor, in id order;
//   handle each event, then ack_domain_event (the cursor moves past it) — or, when the handler
//   throws, fail_domain_event (retry with backoff; dead letter after maxAttempts);
//   release_event_consumer — give the lease up for the next run.
// A crash between a handler's effect and its ack leaves the cursor where it was: the event is
// delivered again once the lease is released or runs out (at least once; handlers idempotent).

export interface RunOptions {
  /** Events per claim (default 100). */
  batchSize?: number;
  /** Claims per consumer per run while batches come back full (default 10). */
  maxBatches?: number;
  /** How long a claim holds the consumer; renewed by every ack. Must exceed the slowest handler. */
  leaseSeconds?: number;
  /** Identifies this run's lease (default: host, pid and a random id). */
  owner?: string;
  onError?: (consumer: string, event: DomainEvent, error: unknown) => void;
}

// Within one process a second run of the same consumer on the same database skips at once
// instead of waiting for the lease (PGlite: one process is the whole deployment).
const running = new WeakMap<Database, Set<string>>();

export async function runConsumers(db: Database, consumers: readonly Consumer[], opts: RunOptions = {}): Promise<ConsumerRun[]> {
  const owner = opts.owner ?? `${hostname()}:${process.pid}:${randomUUID()}`;
  const busy = running.get(db) ?? new Set<string>();
  running.set(db, busy);
  const runs: ConsumerRun[] = [];
  for (const consumer of consumers) {
    if (busy.has(consumer.name)) {
      runs.push({ consumer: consumer.name, claimed: false, handled: 0, retried: 0, dead: 0 });
      continue;
    }
    busy.add(consumer.name);
    try {
      runs.push(await runConsumer(db, consumer, owner, opts));
    } finally {
      busy.delete(consumer.name);
    }
  }
  return runs;
}

async function runConsumer(db: Database, consumer: Consumer, owner: string, opts: RunOptions): Promise<ConsumerRun> {
  const limit = opts.batchSize ?? 100;
  const leaseSeconds = opts.leaseSeconds ?? 60;
  const run: ConsumerRun = { consumer: consumer.name, claimed: false, handled: 0, retried: 0, dead: 0 };
  const lease = { consumer: consumer.name, owner, lease_seconds: leaseSeconds };

  // Returns true when the consumer may go on past this event (handled, or dead-lettered).
  const deliver = async (event: DomainEvent): Promise<boolean> => {
    try {
      await consumer.handle(event, { consumer: consumer.name });
    } catch (err) {
      opts.onError?.(consumer.name, event, err);
      const failed = await db.call<{ status: 'retrying' | 'dead' }>('fail_domain_event', {
        ...lease, event_id: event.id, error: err instanceof Error ? err.message : String(err),
        max_attempts: consumer.maxAttempts ?? 5, backoff_seconds: consumer.backoffSeconds ?? 5,
      });
      if (failed.status === 'dead') run.dead++;
      else run.retried++;
      return failed.status === 'dead';
    }
    await db.call('ack_domain_event', { ...lease, event_id: event.id });
    run.handled++;
    return true;
  };

  let released = false;
  try {
    for (let batch = 0; batch < (opts.maxBatches ?? 10); batch++) {
      const claim = await db.call<Claim>('claim_domain_events', { ...lease, types: consumer.types ? [...consumer.types] : null, limit });
      if (!claim.claimed) return run;
      run.claimed = true;
      run.cursor = claim.cursor;
      for (const event of claim.redeliveries ?? []) await deliver(event);
      if (claim.blocked_until) {
        run.blockedUntil = claim.blocked_until;
        break;
      }
      let blocked = false;
      for (const event of claim.events ?? []) {
        if (!(await deliver(event))) { blocked = true; break; }
        run.cursor = event.id;
      }
      if (blocked) break;
      // Everything up to `through` is handled or of types this consumer skips.
      if (claim.through !== undefined && claim.through > (run.cursor ?? 0)) {
        await db.call('ack_domain_event', { ...lease, event_id: claim.through });
        run.cursor = claim.through;
      }
      if ((claim.events?.length ?? 0) < limit) break;
    }
    await db.call('release_event_consumer', { consumer: consumer.name, owner });
    released = true;
    return run;
  } finally {
    // After a failure, still give the lease up if the database is reachable; if not, it runs out.
    if (!released && run.claimed) await db.call('release_event_consumer', { consumer: consumer.name, owner }).catch(() => {});
  }
}
