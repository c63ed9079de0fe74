import { MAX_RETRIES, MAX_WAIT_SECONDS, retryDelaySeconds, waitOut } from './throttle';

// Browser-side calls to our own JSON API. Errors arrive as RFC 9457 problem documents;
// surface their `detail` so toasts and inline messages say what actually went wrong. A 429 is
// waited out and retried (throttle.ts) before it becomes an error.

/** A problem document as the API sends it (RFC 9457), with its extension members. */
export interface Problem {
  title?: string;
  detail?: string;
  status?: number;
  code?: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    message: string,
    /** The whole problem body: field errors and extensions such as a changed price. */
    public readonly problem: Problem = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  for (let attempt = 0; ; attempt++) {
    try {
      res = await fetch(url, { ...init, headers: { accept: 'application/json', ...init?.headers } });
    } catch (err) {
      // Aborted by TanStack Query (a newer keystroke, unmount): let it propagate unchanged.
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw new ApiError(0, 'Could not reach the server. Check your connection and try again.');
    }
    if (res.status !== 429 || attempt >= MAX_RETRIES) break;
    const seconds = retryDelaySeconds(res.headers.get('retry-after'), attempt);
    if (seconds > MAX_WAIT_SECONDS) break;
    await waitOut(seconds, init?.signal);
  }
  if (res.status === 204) return undefined as T;
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const problem = (body ?? {}) as Problem;
    const message =
      typeof problem.detail === 'string' ? problem.detail : typeof problem.title === 'string' ? problem.title : `Request failed (${res.status})`;
    throw new ApiError(res.status, message, problem);
  }
  return body as T;
}
