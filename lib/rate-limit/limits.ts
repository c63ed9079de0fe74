import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { BatchedCount, type Counting } from './batched';
import type { Database } from '@/lib/db/port';
import { MAX_RETRY_SECONDS, secondsFrom, type LimitState } from './headers';
import type { Policy } from './policies';
import { RateLimiterDatabase } from './store';

// Counting requests against policies, with escalating blocks for repeat offenders. The first
// request over a limit in a window is an offence: the caller is blocked for the base block
// length, doubled for each earlier offence in the last day (at most a day). Only that one
// request counts as an offence (the counter passes quota + 1 exactly once per window), so two
// instances never double the same block.

export type Outcome =
  | { ok: true; state: LimitState }
  | { ok: false; state: LimitState; retryAfter: number; blocked: boolean };

const OFFENCE_MEMORY_SECONDS = 86_400;

export class RateLimits {
  private readonly limiters = new Map<string, Counting>();
  private readonly offences: RateLimiterAbstract;

  /** `database` shares counts with every instance; without one they are this process's alone. */
  constructor(private readonly database: Database | null, private readonly blockSeconds: number) {
    this.offences = this.make('offences', { points: 1_000_000, duration: OFFENCE_MEMORY_SECONDS });
  }

  private make(prefix: string, opts: { points: number; duration: number }): RateLimiterAbstract {
    const keyPrefix = `rl:${prefix}`;
    if (!this.database) return new RateLimiterMemory({ ...opts, keyPrefix });
    return new RateLimiterDatabase(this.database, {
      ...opts,
      keyPrefix,
      // A caller already over the limit is refused from memory until the window ends, so a flood
      // costs this instance nothing and the database one write per window.
      inMemoryBlockOnConsumed: opts.points + 1,
      // If the database cannot count, count here rather than refuse everyone.
      insuranceLimiter: new RateLimiterMemory({ ...opts, keyPrefix }),
    });
  }

  private limiter(policy: Policy): Counting {
    const id = `${policy.name}:${policy.quota}:${policy.windowSeconds}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      const store = this.make(policy.name, { points: policy.quota, duration: policy.windowSeconds });
      // On the database, requests well inside the limit are counted in batches (batched.ts says
      // how the limit stays shared and exact near it). Offences are rare and always counted at once.
      limiter = this.database ? new BatchedCount(store, policy.quota) : store;
      this.limiters.set(id, limiter);
    }
    return limiter;
  }

  /** Counts one request by `subject` under `policy`. */
  async consume(policy: Policy, subject: string): Promise<Outcome> {
    const limiter = this.limiter(policy);
    const state = (res: RateLimiterRes, remaining = res.remainingPoints): LimitState => ({
      policy: policy.name, quota: policy.quota, windowSeconds: policy.windowSeconds,
      remaining, resetSeconds: secondsFrom(res.msBeforeNext),
    });
    try {
      const res = await limiter.consume(subject);
      return { ok: true, state: state(res) };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      if (rejection.consumedPoints !== policy.quota + 1) {
        // Still inside a window or block that an earlier request started.
        return { ok: false, state: state(rejection, 0), retryAfter: secondsFrom(rejection.msBeforeNext), blocked: rejection.consumedPoints > policy.quota + 1 };
      }
      const offence = await this.offences.consume(`${policy.name}:${subject}`).catch((r: unknown) => r);
      const count = offence instanceof RateLimiterRes ? offence.consumedPoints : 1;
      const seconds = Math.min(MAX_RETRY_SECONDS, this.blockSeconds * 2 ** Math.max(0, count - 1));
      // Never shorter than what is left of the window.
      const retryAfter = Math.max(seconds, secondsFrom(rejection.msBeforeNext));
      await limiter.block(subject, retryAfter);
      return { ok: false, state: { ...state(rejection, 0), resetSeconds: retryAfter }, retryAfter, blocked: count > 1 };
    }
  }
}
