import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteSqlClient, type SqlClient } from '@/lib/db/sql';

// PGlite runs statements on this thread: background work issuing statement after statement must
// still let the event loop read requests between them (lib/db/sql.ts). Counted in statements,
// never timed. PGlite only.
const pglite = process.env.DB_TARGET !== 'postgres';

describe.skipIf(!pglite)('PGlite statements hand the event loop back', () => {
  let lite: PGlite;
  let sql: SqlClient;
  beforeAll(async () => {
    lite = await PGlite.create('memory://');
    sql = pgliteSqlClient(lite);
    await sql.exec('create table work (n int)');
  });
  afterAll(async () => { await lite?.close(); });

  it('a timer set before a loop of 300 statements fires during the loop, not after it', async () => {
    let done = 0;
    let firedAt = -1;
    setTimeout(() => { firedAt = done; }, 0);
    for (; done < 300; done++) await sql.query('insert into work values ($1)', [done]);
    expect(firedAt).toBeGreaterThanOrEqual(0);
    expect(firedAt).toBeLessThan(20);
  });

  it('a request arriving during background work is answered after a few of its statements, not all of them', async () => {
    let done = 0;
    const background = (async () => { for (; done < 300; done++) await sql.query('insert into work values ($1)', [done]); })();
    // The request comes in as I/O does: from a timer, once the background loop is under way.
    const answeredAt = await new Promise<number>((resolve) => setTimeout(async () => {
      await sql.query('select count(*) from work');
      resolve(done);
    }, 0));
    await background;
    expect(answeredAt).toBeLessThan(20);
  });

  it('a transaction still runs its statements together', async () => {
    const seen = await sql.transaction(async (tx) => {
      await tx.query('insert into work values (-1)');
      return tx.query<{ n: number }>('select count(*)::int as n from work where n = -1');
    });
    expect(seen[0].n).toBe(1);
  });
});
