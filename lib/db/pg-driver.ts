import { type Database, type DbArgs, type DbFunction, assertIdentifier, paramName, problemFromSqlState } from './port';
import type { SqlClient } from './sql';

// Structured input goes over as JSON text (node-postgres would turn a JS array into a
// PostgreSQL array literal); functions take jsonb for it.
export function toSqlValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value;
}

export function callStatement(fn: string, args: DbArgs): { text: string; values: unknown[] } {
  assertIdentifier('function', fn);
  const keys = Object.keys(args).filter((k) => args[k] !== undefined);
  const list = keys.map((k, i) => `${paramName(k)} => $${i + 1}`).join(', ');
  return { text: `select public.${fn}(${list}) as result`, values: keys.map((k) => toSqlValue(args[k])) };
}

type PgError = Error & { code?: string; detail?: string };

/** The data port over SQL: PGlite in-process or a PostgreSQL server. */
export class SqlDatabase implements Database {
  constructor(readonly driver: 'pglite' | 'postgres', readonly sql: SqlClient) {}

  async call<T>(fn: DbFunction, args: DbArgs = {}): Promise<T> {
    const { text, values } = callStatement(fn, args);
    try {
      const rows = await this.sql.query<{ result: T }>(text, values);
      return rows[0]?.result as T;
    } catch (err) {
      const e = err as PgError;
      throw problemFromSqlState(e.code, e.message, e.detail) ?? err;
    }
  }

  close(): Promise<void> {
    return this.sql.close();
  }
}
