import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { type Database, type DbArgs, type DbFunction, assertIdentifier, paramName, problemFromSqlState } from './port';

/** The same database functions over Supabase's HTTP API (PostgREST `.rpc()`), as service_role. */
export class SupabaseDatabase implements Database {
  readonly driver = 'supabase' as const;
  private readonly client: SupabaseClient;

  constructor(url: string, serviceRoleKey: string, fetchImpl?: typeof fetch) {
    this.client = createClient(url, serviceRoleKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      global: fetchImpl ? { fetch: fetchImpl } : undefined,
    });
  }

  async call<T>(fn: DbFunction, args: DbArgs = {}): Promise<T> {
    assertIdentifier('function', fn);
    const body: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(args)) {
      if (v === undefined) continue;
      body[paramName(k)] = typeof v === 'bigint' ? v.toString() : v instanceof Date ? v.toISOString() : v;
    }
    const { data, error } = await this.client.rpc(fn, body);
    if (error) {
      throw problemFromSqlState(error.code, error.message, error.details ?? undefined) ?? new Error(`supabase rpc ${fn} failed: ${error.message}`);
    }
    return data as T;
  }

  async close(): Promise<void> {}
}
