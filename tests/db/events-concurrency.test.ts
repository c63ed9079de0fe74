import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlDatabase } from '@/lib/db/open';
import type { SqlDatabase } from '@/lib/db/pg-driver';
import { defineConsumer } from '@/lib/events/consumer';
import { runConsumers } from '@/lib/events/runner';

// The outbox under real concurrency, which only a PostgreSQL server can stage: two app
// instances (separate connection pools) running the same consumer, and transactions committing
// out of the order they emitted in. CI always runs these (TEST_DATABASE_URL).
const onServer = process.env.DB_TARGET === 'postgres';

describe.skipIf(!onServer)('domain events on a PostgreSQL server', () => {
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `tq_events_${randomBytes(6).toString('hex')}`;
  let url: string;
  let one: SqlDatabase;
  let two: SqlDatabase;
  const run = async (text: string) => { const c = new pg.Client({ connectionString: admin }); await c.connect(); try { await c.query(text); } finally { await c.end(); } };

  beforeAll(async () => {
    await run(`create database ${name}`);
    const u = new URL(admin);
    u.pathname = `/${name}`;
    url = u.toString();
    one = await openSqlDatabase({ driver: 'postgres', connectionString: url, migrate: true, poolSize: 4 });
    two = await openSqlDatabase({ driver: 'postgres', connectionString: url, migrate: true, poolSize: 4 });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await run(`drop database if exists ${name} with (force)`);
  });

  const emit = (type: string, count: number) => one.sql.query<{ id: number }>(
    "select traqora.emit_event($1, 'test', g::text) as id from generate_series(1, $2::int) g", [type, count]);

  it('two instances running one consumer never handle events at the same time, and handle each once, in order', async () => {
    const ids = (await emit('test.race', 300)).map((r) => r.id);
    let inside = 0;
    let overlaps = 0;
    const handled: number[] = [];
    const consumer = defineConsumer({ name: 'race', types: ['test.race'], handle: async (e) => {
      if (inside > 0) overlaps++;
      inside++;
      await new Promise((r) => setTimeout(r, Math.random() * 2));
      handled.push(e.id);
      inside--;
    } });
    const claims = { one: 0, two: 0 };
    const instance = async (db: SqlDatabase, key: 'one' | 'two') => {
      const deadline = Date.now() + 60_000;
      while (handled.length < ids.length && Date.now() < deadline) {
        const [r] = await runConsumers(db, [consumer], { batchSize: 10, maxBatches: 1 });
        if (r.claimed) claims[key]++;
        else await new Promise((resolve) => setTimeout(resolve, 1));
      }
    };
    await Promise.all([instance(one, 'one'), instance(two, 'two')]);
    expect(overlaps).toBe(0);
    expect(handled).toEqual(ids);
    expect(claims.one).toBeGreaterThan(0);   // both instances really took turns
    expect(claims.two).toBeGreaterThan(0);
  });

  it('an event committed after a later-emitted one is not skipped: ids follow commit order', async () => {
    const seen: number[] = [];
    const consumer = defineConsumer({ name: 'commit-order', types: ['test.slow', 'test.fast'], handle: async (e) => { seen.push(e.id); } });
    await runConsumers(one, [consumer]);
    // A emits and stays open; B emits and commits; a consumer runs; then A commits.
    const slow = await one.sql.transaction(async (a) => {
      const [{ id }] = await a.query<{ id: number }>("select traqora.emit_event('test.slow', 'test', 'a') as id");
      const fast = two.sql.query<{ id: number }>("select traqora.emit_event('test.fast', 'test', 'b') as id");   // waits for A's commit
      await new Promise((r) => setTimeout(r, 200));
      await runConsumers(two, [consumer]);
      expect(seen).toEqual([]);       // nothing committed yet that it could hand out
      return { id, fast };
    });
    const [{ id: fastId }] = await slow.fast;
    expect(fastId).toBeGreaterThan(slow.id);
    await runConsumers(two, [consumer]);
    expect(seen).toEqual([slow.id, fastId]);
  });

  it('NOTIFYs the event id on traqora_events when the transaction commits, not before, and never on rollback', async () => {
    const listener = new pg.Client({ connectionString: url });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (n) => { if (n.channel === 'traqora_events') heard.push(n.payload ?? ''); });
    await listener.query('listen traqora_events');
    try {
      await expect(one.sql.transaction(async (tx) => {
        await tx.query("select traqora.emit_event('test.rollback', 'test', 'x')");
        throw new Error('abort');
      })).rejects.toThrow('abort');
      const id = await one.sql.transaction(async (tx) => {
        const [row] = await tx.query<{ id: number }>("select traqora.emit_event('test.notify', 'test', 'x') as id");
        await new Promise((r) => setTimeout(r, 100));
        expect(heard).toEqual([]);
        return row.id;
      });
      for (let i = 0; i < 50 && heard.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(heard).toEqual([String(id)]);
    } finally {
      await listener.end();
    }
  });
});
