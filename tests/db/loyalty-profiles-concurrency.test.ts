import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { traveller } from '@/tests/support/booking-fixtures';

// Handles under concurrency, which only a PostgreSQL server can stage (a pool of 20
// connections): members racing for one handle leave exactly one holder, the others a 409 naming
// the handle; one member publishing from many tabs at once stays consistent. CI runs this.
const onServer = process.env.DB_TARGET === 'postgres';

describe.skipIf(!onServer)('public profile handles on a PostgreSQL server', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await openTestDatabase({ poolSize: 20 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('12 members claiming one handle at once: one holds it, the rest are told it is taken', async () => {
    const members = await Promise.all(Array.from({ length: 12 }, (_, i) => traveller(t, `Handle Racer ${i}`)));
    const results = await Promise.allSettled(members.map((user) => t.db.call('loyalty_set_profile', { user_id: user, public: true, handle: 'the-one' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected')) expect((r as PromiseRejectedResult).reason).toMatchObject({ status: 409, field: 'handle' });
    expect(await t.sql("select count(*)::int as n from traqora.loyalty_members where public_handle = 'the-one'")).toEqual([{ n: 1 }]);
    expect(await t.sql("select count(*)::int as n from traqora.domain_events where type = 'loyalty.profile_changed'")).toEqual([{ n: 1 }]);
  });

  it('one member publishing from 10 tabs at once: one change, one event', async () => {
    const user = await traveller(t, 'Many Tabs');
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => t.db.call('loyalty_set_profile', { user_id: user, public: true, handle: 'tabs' })));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(await t.sql("select count(*)::int as n from traqora.domain_events where type = 'loyalty.profile_changed' and aggregate_id = $1", [user])).toEqual([{ n: 1 }]);
  });
});
