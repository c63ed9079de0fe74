import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Client, Pool, PoolClient } from 'pg';

// The narrow SQL surface the data port, migrator and tests need, over either a node-postgres
// pool (PostgreSQL server) or PGlite's own API. (PGlite's node-postgres shim desynchronises
// its message stream after any error in the extended protocol — every 4xx a database function
// raises would break the connection — so PGlite is driven natively.)

export interface SqlQueryable {
  query<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  /** Runs a script of one or more statements without parameters. */
  exec(script: string): Promise<void>;
}

export interface SqlClient extends SqlQueryable {
  /** Runs fn on one connection between BEGIN and COMMIT (ROLLBACK when it throws). */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /**
   * LISTENs on a channel (a lower-case constant, never user input) and calls onNotify with each
   * payload. On a server, a dedicated connection that reconnects by itself; after a reconnect
   * onNotify('') is called, since notifications sent meanwhile are lost (read what you missed).
   * Resolves to a function that stops listening.
   */
  listen?(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

export function pgSqlClient(pool: Pool, onIdleError: (err: Error) => void = () => {}, listenClient?: () => Client): SqlClient {
  // An idle connection can die (server restart, failover, a terminated backend); node-postgres
  // reports it on the pool, and an unhandled 'error' event would take the whole process down.
  // The pool drops that client and opens a new one on the next query.
  pool.on('error', onIdleError);
  const on = (c: Pool | PoolClient): SqlQueryable => ({
    query: async <T>(text: string, values?: unknown[]) => (await c.query(text, values)).rows as T[],
    exec: async (script: string) => { await c.query(script); },
  });
  return {
    ...on(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(on(client));
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    listen: listenClient && ((channel, onNotify) => listenOnServer(listenClient, channel, onNotify)),
    close: () => pool.end(),
  };
}

// LISTEN holds a connection for as long as it lasts, so it gets its own client outside the
// pool; a lost connection (restart, failover, terminated backend) is replaced after a second.
async function listenOnServer(newClient: () => Client, channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
  if (!CHANNEL.test(channel)) throw new Error(`invalid channel name: ${channel}`);
  let stopped = false;
  let current: Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const reconnect = () => {
    if (stopped || retry) return;   // one attempt at a time
    retry = setTimeout(() => {
      retry = undefined;
      connect().then(() => onNotify(''), reconnect);
    }, 1000);
    retry.unref();
  };
  const connect = async (): Promise<void> => {
    const client = newClient();
    current = client;
    client.on('notification', (n) => { if (n.channel === channel) onNotify(n.payload ?? ''); });
    client.on('error', () => {});   // 'end' follows; an unhandled 'error' would end the process
    client.on('end', () => { if (current === client) reconnect(); });
    try {
      await client.connect();
      await client.query(`listen ${channel}`);
    } catch (err) {
      void client.end().catch(() => {});
      throw err;
    }
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await current?.end().catch(() => {});
  };
}

// PGlite runs each statement synchronously on this thread and resolves it as a microtask, so
// code awaiting one statement after another (a job ingesting 2,000 flight-status reports, an
// event consumer catching up) never hands the event loop back: no HTTP request is even read
// until the loop ends — the first start's 35 s flight-status run held every page that long.
// Each statement outside a transaction therefore waits one event-loop turn first (setImmediate
// runs after pending I/O), so requests arriving meanwhile get their statements in between and
// wait behind one statement of the background work, not all of it. Inside a transaction PGlite
// holds everyone else off anyway, so its statements run straight on.
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function pgliteSqlClient(lite: PGlite): SqlClient {
  const on = (c: PGlite | Transaction, yieldFirst: boolean): SqlQueryable => ({
    query: async <T>(text: string, values?: unknown[]) => {
      if (yieldFirst) await turn();
      return (await c.query<T>(text, values)).rows;
    },
    exec: async (script: string) => {
      if (yieldFirst) await turn();
      await c.exec(script);
    },
  });
  return {
    ...on(lite, true),
    transaction: async (fn) => {
      await turn();
      return lite.transaction((tx) => fn(on(tx, false)));
    },
    // PGlite is one session in this process: its own NOTIFYs arrive here after commit.
    listen: async (channel, onNotify) => {
      if (!CHANNEL.test(channel)) throw new Error(`invalid channel name: ${channel}`);
      return lite.listen(channel, onNotify);
    },
    close: () => lite.close(),
  };
}
