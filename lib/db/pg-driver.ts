import type { Pool } from 'pg';
import { type Database, type DbArgs, assertIdentifier, paramName, problemFromSqlState } from './port';

// node-postgres serialises arrays as PostgreSQL array literals; our functions take jsonb for
// structured input, so objects and arrays go over as JSON text instead.
export function toPgValue(value: unknown): unknown {
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
  return { text: `select public.${fn}(${list}) as result`, values: keys.map((k) => toPgValue(args[k])) };
}

type PgError = Error & { code?: string; detail?: string };

export class PgDatabase implements Database {
  constructor(
    readonly driver: 'pglite' | 'postgres',
    readonly pool: Pool,
    private readonly onClose?: () => Promise<void>,
  ) {}

  async call<T>(fn: string, args: DbArgs = {}): Promise<T> {
    const { text, values } = callStatement(fn, args);
    try {
      const res = await this.pool.query(text, values);
      return res.rows[0]?.result as T;
    } catch (err) {
      const e = err as PgError;
      throw problemFromSqlState(e.code, e.message, e.detail) ?? err;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
    await this.onClose?.();
  }
}
