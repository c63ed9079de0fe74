// Browser-side calls to our own JSON API. Errors arrive as RFC 9457 problem documents;
// surface their `detail` so toasts and inline messages say what actually went wrong.

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers: { accept: 'application/json', ...init?.headers } });
  } catch (err) {
    // Aborted by TanStack Query (a newer keystroke, unmount): let it propagate unchanged.
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'Could not reach the server. Check your connection and try again.');
  }
  if (res.status === 204) return undefined as T;
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const problem = (body ?? {}) as { detail?: unknown; title?: unknown };
    const message =
      typeof problem.detail === 'string' ? problem.detail : typeof problem.title === 'string' ? problem.title : `Request failed (${res.status})`;
    throw new ApiError(res.status, message);
  }
  return body as T;
}
