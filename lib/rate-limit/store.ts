import { RateLimiterRes } from 'rate-limiter-flexible';
import RateLimiterStoreAbstract from 'rate-limiter-flexible/lib/RateLimiterStoreAbstract';
import type { Database } from '@/lib/db/port';

// rate-limiter-flexible's store on our database, through the data port (so it works on a
// PostgreSQL server and on Supabase alike): one call per consume, to public.rate_limit_consume
// (supabase/routines/13_api_platform.sql), which counts atomically in the row of the key. Every
// instance sees the same counts; the database's clock decides when a window ends.

interface Counter { points: number; ms: number }

type StoreOptions = ConstructorParameters<typeof RateLimiterStoreAbstract>[0];

export class RateLimiterDatabase extends RateLimiterStoreAbstract {
  constructor(private readonly database: Database, opts: Omit<StoreOptions, 'storeClient'>) {
    super({ ...opts, storeClient: database });
  }

  // The abstract store calls these four; they are not in the package's typings.
  protected _getRateLimiterRes(_key: string, changedPoints: number, counter: Counter): RateLimiterRes {
    const first = changedPoints === counter.points;
    const consumed = first ? changedPoints : counter.points;
    return new RateLimiterRes(Math.max(this.points - consumed, 0), counter.ms, consumed, first);
  }

  protected _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<Counter> {
    return this.database.call<Counter>('rate_limit_consume', { key, points, duration_ms: msDuration, force: forceExpire });
  }

  protected _get(key: string): Promise<Counter | null> {
    return this.database.call<Counter | null>('rate_limit_get', { key });
  }

  protected _delete(key: string): Promise<boolean> {
    return this.database.call<boolean>('rate_limit_delete', { key });
  }
}
