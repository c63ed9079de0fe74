import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

// Outbox retention (purge_domain_events): only events older than the retention that every
// consumer has passed, and that no consumer still retries or holds as a dead letter, are deleted.

let t: TestDatabase;
beforeAll(async () => { t = await openTestDatabase(); });
afterAll(async () => { await t?.close(); });

const emit = async (count: number, ageDays: number) => {
  const rows = await t.sql<{ id: number }>(
    "select traqora.emit_event('test.retained', 'test', g::text) as id from generate_series(1, $1::int) g", [count]);
  const ids = rows.map((r) => Number(r.id));
  await t.sql("update traqora.domain_events set occurred_at = now() - make_interval(days => $1::int) where id = any($2::bigint[])", [ageDays, ids]);
  return ids;
};
const exists = async (ids: number[]) =>
  (await t.sql<{ id: number }>('select id::int from traqora.domain_events where id = any($1::bigint[]) order by id', [ids])).map((r) => r.id);
const consumerAt = (name: string, cursor: number) =>
  t.sql("insert into traqora.event_consumers (name, last_event_id) values ($1, $2) on conflict (name) do update set last_event_id = excluded.last_event_id", [name, cursor]);
const purge = (days: number, limit = 10_000) => t.db.call('purge_domain_events', { days, limit }) as Promise<{ deleted: number }>;

describe('purge_domain_events', () => {
  it('keeps events younger than the retention and those a consumer has not reached', async () => {
    const old = await emit(4, 120);
    const recent = await emit(2, 10);
    await consumerAt('retention_fast', recent.at(-1)!);
    await consumerAt('retention_slow', old[1]);         // has handled the first two old events only
    const r = await purge(90);
    expect(r.deleted).toBe(2);
    expect(await exists([...old, ...recent])).toEqual([old[2], old[3], ...recent]);
    // once the slow consumer catches up, the rest of the old events go; the recent ones stay
    await consumerAt('retention_slow', recent.at(-1)!);
    expect((await purge(90)).deleted).toBe(2);
    expect(await exists([...old, ...recent])).toEqual(recent);
  });

  it('keeps an event a consumer retries or holds as a dead letter', async () => {
    const [a, b, c] = await emit(3, 200);
    await consumerAt('retention_fast', c);
    await consumerAt('retention_slow', c);
    await t.sql("insert into traqora.event_deliveries (consumer, event_id, status, attempts, next_attempt_at, last_error) values ('retention_slow', $1, 'dead', 5, now(), 'boom')", [b]);
    await purge(90);
    expect(await exists([a, b, c])).toEqual([b]);
  });

  it('deletes at most limit per call, oldest first', async () => {
    const ids = await emit(5, 400);
    await consumerAt('retention_fast', ids.at(-1)!);
    await consumerAt('retention_slow', ids.at(-1)!);
    expect((await purge(90, 3)).deleted).toBe(3);
    expect(await exists(ids)).toEqual(ids.slice(3));
  });

  it('refuses a retention outside 1–3650 days, naming the field', async () => {
    await expect(purge(0)).rejects.toMatchObject({ status: 400, field: 'days' });
  });
});
