// The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers): the policy a caller
// is counted under and where they stand in it, on every answer, so clients can pace themselves
// before they are refused. Only the draft's current names: the older X-/RateLimit-Limit trio is
// not sent.

export interface LimitState {
  /** Policy name, e.g. "anonymous" or "booking". */
  policy: string;
  /** Requests allowed per window. */
  quota: number;
  windowSeconds: number;
  remaining: number;
  /** Seconds until the window (or a block) ends. */
  resetSeconds: number;
}

/** Never promise a wait longer than a day, whatever the limiter says (a deny list has no end). */
export const MAX_RETRY_SECONDS = 86_400;

export function secondsFrom(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) return MAX_RETRY_SECONDS;
  return Math.min(MAX_RETRY_SECONDS, Math.max(1, Math.ceil(ms / 1000)));
}

/** RateLimit-Policy and RateLimit for the policies a request was counted under (tightest last wins nothing: all are listed). */
export function rateLimitHeaders(states: LimitState[]): Record<string, string> {
  if (!states.length) return {};
  return {
    'RateLimit-Policy': states.map((s) => `"${s.policy}";q=${s.quota};w=${s.windowSeconds}`).join(', '),
    RateLimit: states.map((s) => `"${s.policy}";r=${Math.max(0, s.remaining)};t=${s.resetSeconds}`).join(', '),
  };
}
