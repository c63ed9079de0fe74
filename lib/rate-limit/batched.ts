import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

// A shared count that does not cost every request a database write. Each instance remembers
// where a caller stood at its last trip to the shared store and counts further requests in
// memory, carrying them to the store with the next request that goes there (or a timer, for a
// caller who stopped). A request goes to the store when:
//   - this instance has not been there for this caller for FRESH_MS, or the window ended since;
//   - BATCH requests are waiting to be carried; or
//   - the caller's count as this instance sees it would pass half the quota.
// So in the second half of a window every request is counted in the store, one by one and in
// order, exactly as without batching: a single instance lets exactly the quota through. Across
// N instances, what can escape is the requests counted in memory and not yet seen by the others,
// all made while each saw the caller under half the quota: at most N × min(BATCH, quota / 2) of
// them, of which quota / 2 are within the limit anyway. With BATCH = 16 the limit stays exact for
// up to quota / 32 instances (3 for the anonymous search limit of 120 a minute); beyond that at
// most N × 16 − quota / 2 requests over it per window. A caller flooding one route at hundreds of
// requests a second costs the database one write per 16 requests instead of one per request.
// The counts carried late fall into the window they reach the store in: a caller can only be
// counted more strictly, never less.

const FRESH_MS = 1_000;
const BATCH = 16;
const MAX_REMEMBERED = 50_000;

interface Seen {
  /** Points the store had counted when this instance was last there. */
  points: number;
  /** When the store's window (or block) ends, ms since the epoch. */
  windowEnds: number;
  /** When this instance was last there. */
  at: number;
  /** Requests counted here since, not yet carried to the store. */
  pending: number;
  timer?: ReturnType<typeof setTimeout>;
}

/** The part of a rate-limiter-flexible limiter that RateLimits uses. */
export type Counting = Pick<RateLimiterAbstract, 'consume' | 'block'>;

export class BatchedCount implements Counting {
  private readonly seen = new Map<string, Seen>();

  constructor(private readonly store: RateLimiterAbstract, private readonly quota: number, private readonly now: () => number = Date.now) {}

  async consume(key: string): Promise<RateLimiterRes> {
    const now = this.now();
    const s = this.seen.get(key);
    if (s && now - s.at < FRESH_MS && now < s.windowEnds && s.pending < BATCH && s.points + s.pending + 1 <= this.quota / 2) {
      s.pending++;
      s.timer ??= this.carryLater(key, s);
      const consumed = s.points + s.pending;
      return new RateLimiterRes(this.quota - consumed, s.windowEnds - now, consumed, false);
    }
    const points = 1 + (s?.pending ?? 0);
    if (s) this.forget(key, s);
    try {
      const res = await this.store.consume(key, points);
      this.remember(key, res);
      return res;
    } catch (rejection) {
      // The request that took the count past the quota is the offence (RateLimits counts one per
      // window by consumedPoints === quota + 1): when it carried waiting requests with it, say so.
      if (rejection instanceof RateLimiterRes && points > 1
        && rejection.consumedPoints - points < this.quota + 1 && rejection.consumedPoints >= this.quota + 1) {
        throw new RateLimiterRes(0, rejection.msBeforeNext, this.quota + 1, false);
      }
      throw rejection;
    }
  }

  block(key: string, seconds: number): Promise<RateLimiterRes> {
    const s = this.seen.get(key);
    if (s) this.forget(key, s);
    return this.store.block(key, seconds);
  }

  /** The store's refusals from memory forgotten (tests move its clock). Not in the package's typings. */
  deleteInMemoryBlockedAll(): void {
    (this.store as unknown as { deleteInMemoryBlockedAll(): void }).deleteInMemoryBlockedAll();
  }

  private remember(key: string, res: RateLimiterRes): void {
    if (this.seen.size >= MAX_REMEMBERED) this.sweep();
    const now = this.now();
    this.seen.set(key, { points: res.consumedPoints, windowEnds: res.msBeforeNext >= 0 ? now + res.msBeforeNext : Infinity, at: now, pending: 0 });
  }

  private forget(key: string, s: Seen): void {
    if (s.timer) clearTimeout(s.timer);
    this.seen.delete(key);
  }

  /** A caller who stopped still gets their last requests counted in the store. */
  private carryLater(key: string, s: Seen): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => {
      if (this.seen.get(key) !== s || !s.pending) return;
      this.seen.delete(key);
      // penalty() adds points without refusing: these requests were already answered.
      this.store.penalty(key, s.pending).catch(() => { /* the store's insurance counts them, or they are lost: harmless */ });
    }, FRESH_MS);
    timer.unref?.();
    return timer;
  }

  /** Drops what can no longer be counted locally (its window ended or it went stale). */
  private sweep(): void {
    const now = this.now();
    for (const [key, s] of this.seen) if (!s.pending && (now - s.at >= FRESH_MS || now >= s.windowEnds)) this.seen.delete(key);
  }
}
