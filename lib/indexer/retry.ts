// Retrying RPC calls: transient failures (the network, a timeout, 429, 5xx) are retried with
// exponential backoff and full jitter, so several instances do not retry in lock-step; a 4xx
// or a JSON-RPC error (a bad request will not get better) fails at once.

export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseMs: 250, maxMs: 8_000 };

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH',
  'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ECONNABORTED']);

function httpStatus(err: Record<string, unknown>): number | undefined {
  const response = err.response as { status?: unknown } | undefined;
  if (typeof response?.status === 'number') return response.status;
  return typeof err.status === 'number' ? err.status : undefined;
}

/** Whether a failed RPC call may succeed if repeated. */
export function isTransient(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as Record<string, unknown>;
  const status = httpStatus(e);
  if (status !== undefined) return status === 429 || status === 408 || status >= 500;
  if (e.name === 'RpcTimeout' || e.name === 'TimeoutError' || e.name === 'AbortError') return true;
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  // The SDK's HTTP client (feaxios) drops the socket error: a request that got no response
  // at all (refused, reset, DNS) is an AxiosError without `response`.
  if (e.isAxiosError === true && !e.response) return true;
  // fetch reports network failures as TypeError("fetch failed") with the socket error as cause.
  if (e.cause && e.cause !== err && isTransient(e.cause)) return true;
  if (e.name === 'TypeError' && typeof e.message === 'string' && /fetch failed|network/i.test(e.message)) return true;
  return false;
}

/** The wait before retry number `attempt` (1-based): uniform in [0, min(max, base·2^(attempt−1))]. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1)));
}

export interface RetryOptions {
  policy?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onRetry?: (info: { attempt: number; waitMs: number; error: unknown }) => void;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function withRetry<T>(call: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const policy = opts.policy ?? DEFAULT_RETRY;
  const sleep = opts.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= policy.attempts || !isTransient(error)) throw error;
      const waitMs = backoffMs(attempt, policy, opts.random);
      opts.onRetry?.({ attempt, waitMs, error });
      await sleep(waitMs);
    }
  }
}
