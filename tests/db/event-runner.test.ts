import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db/port';
import { defineConsumer } from '@/lib/events/consumer';
import { runConsumers } from '@/lib/events/runner';
import type { DomainEvent } from '@/lib/events/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

// The consumer runner over the outbox: order, at-least-once with idempotent handlers across a
// crash, retry with backoff, dead letters and their retry, one runner per consumer at a time.

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
  await t.db.sql.exec('create schema test_support; create table test_support.effects (event_id bigint primary key, consumer text not null)');
});
afterAll(async () => { await t?.close(); });

const emit = async (type: string, count: number) => {
  const rows = await t.sql<{ id: number }>('select traqora.emit_event($1, $2, g::text, jsonb_build_object($3::text, g)) as id from generate_series(1, $4::int) g',
    [type, 'test', 'n', count]);
  return rows.map((r) => r.id);
};
const cursor = async (name: string) =>
  (await t.sql<{ c: number }>('select last_event_id::int as c from traqora.event_consumers where name = $1', [name]))[0]?.c;
/** An idempotent effect keyed by the event id, as real handlers must be. */
const effect = (consumer: string, event: DomainEvent) =>
  t.sql('insert into test_support.effects (event_id, consumer) values ($1, $2) on conflict do nothing', [event.id, consumer]);
const effects = async (consumer: string) =>
  (await t.sql<{ id: number }>('select event_id::int as id from test_support.effects where consumer = $1 order by event_id', [consumer])).map((r) => r.id);
/** The same database, except that fn fails when asked to (a process dying mid-run). */
const failing = (db: Database, fails: (fn: string) => boolean): Database => ({
  driver: db.driver, close: () => db.close(),
  call: ((fn: string, args?: Record<string, unknown>) => (fails(fn) ? Promise.reject(new Error(`crashed before ${fn}`)) : db.call(fn as never, args as never))) as Database['call'],
});

describe('delivery', () => {
  it('hands a consumer its types in id order, once, and moves its cursor past the others', async () => {
    const wanted = [...await emit('test.order', 3), ...await emit('test.other', 2), ...await emit('test.order', 2)].filter((_, i) => i < 3 || i > 4);
    const seen: number[] = [];
    const consumer = defineConsumer({ name: 'order', types: ['test.order'], handle: async (e) => { seen.push(e.id); } });
    const [run] = await runConsumers(t.db, [consumer]);
    expect(seen).toEqual(wanted);
    expect(run).toMatchObject({ consumer: 'order', claimed: true, handled: 5, retried: 0, dead: 0 });
    expect(await cursor('order')).toBe(wanted.at(-1));
    expect((await runConsumers(t.db, [consumer]))[0]).toMatchObject({ handled: 0 });
    expect(seen).toHaveLength(5);
  });

  it('gives handlers the event as emitted, with its attempt number', async () => {
    const [id] = await emit('test.shape', 1);
    let got: DomainEvent | undefined;
    await runConsumers(t.db, [defineConsumer({ name: 'shape', types: ['test.shape'], handle: async (e) => { got = e; } })]);
    expect(got).toEqual({ id, type: 'test.shape', aggregate_type: 'test', aggregate_id: '1', payload: { n: 1 }, actor: null, occurred_at: expect.any(String), attempt: 1 });
  });

  it('a crash between the handler\'s effect and the cursor advance re-delivers the event, and the effect happens once', async () => {
    const ids = await emit('test.crash', 3);
    const calls: number[] = [];
    const consumer = defineConsumer({ name: 'crash', types: ['test.crash'], handle: async (e) => { calls.push(e.id); await effect('crash', e); } });
    // the process dies after handling the first event: neither the ack nor the lease release happen
    await expect(runConsumers(failing(t.db, (fn) => fn === 'ack_domain_event' || fn === 'release_event_consumer'), [consumer], { leaseSeconds: 1 }))
      .rejects.toThrow(/crashed before ack_domain_event/);
    expect(calls).toEqual([ids[0]]);
    expect(await effects('crash')).toEqual([ids[0]]);
    expect(await cursor('crash')).toBe(0);
    // its lease still holds the consumer; once it runs out, another runner takes over
    expect((await runConsumers(t.db, [consumer]))[0]).toMatchObject({ claimed: false });
    await new Promise((r) => setTimeout(r, 1100));
    expect((await runConsumers(t.db, [consumer]))[0]).toMatchObject({ claimed: true, handled: 3 });
    expect(calls).toEqual([ids[0], ...ids]);                // the first event was delivered twice…
    expect(await effects('crash')).toEqual(ids);            // …and took effect once
    expect(await cursor('crash')).toBe(ids[2]);
  });

  it('within one process, a second run of a consumer skips it while the first is busy', async () => {
    await emit('test.busy', 5);
    let inside = 0;
    let overlap = false;
    const consumer = defineConsumer({ name: 'busy', types: ['test.busy'], handle: async () => {
      overlap ||= inside > 0;
      inside++;
      await new Promise((r) => setTimeout(r, 5));
      inside--;
    } });
    const runs = (await Promise.all([runConsumers(t.db, [consumer]), runConsumers(t.db, [consumer])])).flat();
    expect(runs.map((r) => r.claimed).sort()).toEqual([false, true]);
    expect(runs.reduce((s, r) => s + r.handled, 0)).toBe(5);
    expect(overlap).toBe(false);
  });
});

describe('failures', () => {
  const delivery = async (consumer: string, id: number) => (await t.sql<{ status: string; attempts: number; backoff: number; last_error: string }>(`
    select status, attempts, extract(epoch from next_attempt_at - updated_at)::int as backoff, last_error
    from traqora.event_deliveries where consumer = $1 and event_id = $2`, [consumer, id]))[0];
  const due = (consumer: string) => t.sql("update traqora.event_deliveries set next_attempt_at = now() - interval '1 second' where consumer = $1", [consumer]);

  it('retries with exponential backoff while later events wait, dead-letters after the last attempt and moves on', async () => {
    const [bad, ...rest] = await emit('test.flaky', 3);
    let healthy = false;
    const handled: number[] = [];
    const consumer = defineConsumer({ name: 'flaky', types: ['test.flaky'], maxAttempts: 3, backoffSeconds: 2, handle: async (e) => {
      if (e.id === bad && !healthy) throw new Error(`cannot handle ${e.id} (attempt ${e.attempt})`);
      handled.push(e.id);
    } });

    expect((await runConsumers(t.db, [consumer]))[0]).toMatchObject({ handled: 0, retried: 1, dead: 0 });
    expect(await delivery('flaky', bad)).toEqual({ status: 'retrying', attempts: 1, backoff: 2, last_error: `cannot handle ${bad} (attempt 1)` });
    // not due yet: the head waits, and so does everything after it (delivery stays in order)
    expect((await runConsumers(t.db, [consumer]))[0]).toMatchObject({ handled: 0, retried: 0, blockedUntil: expect.any(String) });
    await due('flaky');
    expect((await runConsumers(t.db, [consumer]))[0]).toMatchObject({ retried: 1 });
    expect(await delivery('flaky', bad)).toMatchObject({ status: 'retrying', attempts: 2, backoff: 4, last_error: `cannot handle ${bad} (attempt 2)` });
    await due('flaky');
    expect((await runConsumers(t.db, [consumer]))[0]).toMatchObject({ dead: 1, handled: 2 });
    expect(await delivery('flaky', bad)).toMatchObject({ status: 'dead', attempts: 3 });
    expect(handled).toEqual(rest);
    expect(await cursor('flaky')).toBe(rest.at(-1));

    const dead = await t.db.call<{ id: number; consumer: string; error: string; type: string }[]>('dead_domain_events', { consumer: 'flaky' });
    expect(dead).toEqual([expect.objectContaining({ id: bad, consumer: 'flaky', type: 'test.flaky', error: `cannot handle ${bad} (attempt 3)` })]);
    expect(await t.db.call('event_consumer_status')).toEqual(expect.arrayContaining([expect.objectContaining({ consumer: 'flaky', dead: 1, retrying: 0 })]));

    // an operator fixes the cause and sends the dead letter back
    healthy = true;
    await t.db.call('retry_dead_domain_event', { consumer: 'flaky', event_id: bad });
    expect((await runConsumers(t.db, [consumer]))[0]).toMatchObject({ handled: 1, dead: 0 });
    expect(handled).toEqual([...rest, bad]);
    expect(await t.db.call('dead_domain_events', { consumer: 'flaky' })).toEqual([]);
    expect(await delivery('flaky', bad)).toBeUndefined();
    await expect(t.db.call('retry_dead_domain_event', { consumer: 'flaky', event_id: bad })).rejects.toMatchObject({ status: 404 });
  });
});

describe('leases', () => {
  it('one owner at a time: another is refused the claim and cannot ack; after release it may claim', async () => {
    const [id] = await emit('test.lease', 1);
    const claim = (owner: string) => t.db.call<{ claimed: boolean }>('claim_domain_events', { consumer: 'lease', owner, types: ['test.lease'] });
    expect(await claim('runner-a')).toMatchObject({ claimed: true, events: [expect.objectContaining({ id })] });
    expect(await claim('runner-b')).toMatchObject({ claimed: false, lease_owner: 'runner-a' });
    await expect(t.db.call('ack_domain_event', { consumer: 'lease', owner: 'runner-b', event_id: id })).rejects.toMatchObject({ status: 409, field: 'owner' });
    await expect(t.db.call('fail_domain_event', { consumer: 'lease', owner: 'runner-b', event_id: id, error: 'x' })).rejects.toMatchObject({ status: 409 });
    await t.db.call('release_event_consumer', { consumer: 'lease', owner: 'runner-b' });   // not its lease: no effect
    expect(await claim('runner-b')).toMatchObject({ claimed: false });
    await t.db.call('release_event_consumer', { consumer: 'lease', owner: 'runner-a' });
    expect(await claim('runner-b')).toMatchObject({ claimed: true });
  });

  it('refuses bad names and arguments with the field', async () => {
    await expect(t.db.call('claim_domain_events', { consumer: 'Bad Name', owner: 'x' })).rejects.toMatchObject({ status: 400, field: 'consumer' });
    await expect(t.db.call('claim_domain_events', { consumer: 'ok', owner: 'x', types: { type: 'test.x' } })).rejects.toMatchObject({ status: 400, field: 'types' });
    await expect(t.db.call('claim_domain_events', { consumer: 'ok', owner: 'x', limit: 0 })).rejects.toMatchObject({ status: 400, field: 'limit' });
    expect(() => defineConsumer({ name: 'Bad Name', handle: async () => {} })).toThrow(/consumer name/);
    expect(() => defineConsumer({ name: 'ok', types: ['booking'], handle: async () => {} })).toThrow(/event type/);
  });
});
