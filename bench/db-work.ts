// What PostgreSQL did for a number of calls sent one at a time: transactions (round trips) and
// each function's calls and times, from the cumulative statistics (pg_stat_database,
// pg_stat_user_functions: the database needs track_functions = 'all'). bench/booking.mts and
// bench/search-gap.mts divide these by the calls they sent.
import pg from 'pg';

export interface FunctionWork { name: string; calls: number; self: number; total: number }

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));
// A backend flushes its statistics at a transaction's end at most once a second, and an idle one
// within 10 s (PGSTAT_IDLE_INTERVAL): waiting longer lets every earlier query's figures land.
const FLUSHED_MS = 11_000;

export async function functionWork(url: string, send: (i: number) => Promise<unknown>, n: number,
  { orderBy, limit }: { orderBy: 'self_time' | 'total_time'; limit: number }): Promise<{ transactions: number; functions: FunctionWork[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const xacts = async () => Number((await client.query('select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()')).rows[0].n);
    // Earlier rows' statistics would otherwise land after the reset and count as these calls'.
    await settle(FLUSHED_MS);
    await client.query('select pg_stat_reset()');
    await settle(1500);
    const before = await xacts();
    for (let i = 0; i < n; i++) await send(i);
    await settle(FLUSHED_MS);
    // Less one: the `before` query's own transaction.
    const transactions = (await xacts()) - before - 1;
    const functions = (await client.query<FunctionWork>(
      `select schemaname || '.' || funcname as name, calls::int, self_time as self, total_time as total from pg_stat_user_functions
       where calls > 0 order by ${orderBy} desc limit $1`, [limit])).rows;
    return { transactions, functions };
  } finally {
    await client.end();
  }
}
