// The data port: the app reaches Postgres only through database functions in `public`
// (docs/architecture.md). Two drivers implement it: pg wire (PGlite or a PostgreSQL server) and
// Supabase's HTTP `.rpc()`. Both map database problems to the same DatabaseProblem.

import type { Database as Schema } from './types.gen';

export type DbArgs = Record<string, unknown>;

type Functions = Schema['public']['Functions'];
/** The database functions the server may call (generated from the migrations). */
export type DbFunction = keyof Functions;
/** A function's arguments as the app passes them: without the `p_` prefix. */
export type DbFunctionArgs<F extends DbFunction> = {
  [K in keyof Functions[F]['Args'] as K extends `p_${infer Name}` ? Name : never]: Functions[F]['Args'][K] | null;
};

export interface Database {
  /** The driver behind the port, for /api/health. */
  readonly driver: 'pglite' | 'postgres' | 'supabase';
  /**
   * Calls `public.<fn>` with named arguments (`{ query: 'x' }` → `p_query => 'x'`) and returns
   * its jsonb result.
   */
  call<T = unknown, F extends DbFunction = DbFunction>(fn: F, args?: DbFunctionArgs<F>): Promise<T>;
  close(): Promise<void>;
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertIdentifier(kind: string, name: string): void {
  if (!IDENT.test(name)) throw new Error(`invalid ${kind} name: ${name}`);
}

/** Named-argument keys as the database declares them. */
export function paramName(key: string): string {
  assertIdentifier('argument', key);
  return `p_${key}`;
}

/**
 * A problem a database function raised on purpose (SQLSTATE TQ4xx, see the platform
 * migration), or a constraint the data violated. Carries the HTTP status it maps to.
 */
// A registry symbol, not `instanceof`: Next bundles server code into several chunks, and the
// database opened at start-up (instrumentation) may come from another chunk's copy of this class.
const DATABASE_PROBLEM = Symbol.for('traqora.DatabaseProblem');

export function isDatabaseProblem(err: unknown): err is DatabaseProblem {
  return typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[DATABASE_PROBLEM] === true;
}

export class DatabaseProblem extends Error {
  readonly [DATABASE_PROBLEM] = true;

  constructor(
    public readonly status: 400 | 403 | 404 | 409 | 422,
    message: string,
    public readonly field?: string,
    public readonly code?: string,
  ) {
    super(message);
    this.name = 'DatabaseProblem';
  }
}

const STATUS_BY_CODE: Record<string, 400 | 403 | 404 | 409 | 422> = {
  TQ400: 400, TQ403: 403, TQ404: 404, TQ409: 409, TQ422: 422,
  '23505': 409, // unique_violation
  '23514': 422, // check_violation
  '23503': 422, // foreign_key_violation
  '22P02': 400, // invalid_text_representation (e.g. a malformed uuid)
  '22003': 400, // numeric_value_out_of_range
  '22007': 400, // invalid_datetime_format
  '22008': 400, // datetime_field_overflow
};

/** Maps a SQLSTATE to a DatabaseProblem, or returns undefined for genuine server faults. */
export function problemFromSqlState(code: string | undefined, message: string, detail?: string): DatabaseProblem | undefined {
  if (!code) return undefined;
  const status = STATUS_BY_CODE[code];
  if (!status) return undefined;
  const field = code.startsWith('TQ') && detail ? detail : undefined;
  return new DatabaseProblem(status, message, field, code);
}
