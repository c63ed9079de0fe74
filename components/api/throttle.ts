// What the browser does when the API says "too many requests" (429): wait as long as the
// server's Retry-After says, a little longer each further time (with jitter, so tabs do not
// retry in step), and say so on screen while waiting. A wait longer than MAX_WAIT_SECONDS is not
// sat out silently: the request fails with the server's sentence and the person decides.
// The limiter refuses before doing any work, so retrying any method is safe.

export const MAX_WAIT_SECONDS = 30;
export const MAX_RETRIES = 3;

/** Seconds to wait before retry `attempt` (0-based): the server's figure, doubled per attempt. */
export function retryDelaySeconds(retryAfter: string | null, attempt: number, random: () => number = Math.random): number {
  const told = retryAfter && /^\d{1,6}$/.test(retryAfter.trim()) ? Number(retryAfter) : 1;
  const base = Math.max(1, told) * 2 ** attempt;
  return Math.ceil(base + random() * Math.min(1, base / 4));
}

// The one notice the page shows while any request waits: when the last wait ends (epoch ms),
// or null when nothing is waiting.
type Listener = () => void;
const waits = new Set<{ until: number }>();
let waitingUntil: number | null = null;
const listeners = new Set<Listener>();

export function throttleNotice(): number | null {
  return waitingUntil;
}

export function subscribeThrottle(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function announce(): void {
  waitingUntil = waits.size ? Math.max(...[...waits].map((w) => w.until)) : null;
  listeners.forEach((l) => l());
}

/** Waits `seconds`, showing the notice; rejects with AbortError if the request is abandoned. */
export function waitOut(seconds: number, signal?: AbortSignal | null): Promise<void> {
  const wait = { until: Date.now() + seconds * 1000 };
  waits.add(wait);
  announce();
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      waits.delete(wait);
      announce();
    };
    const timer = setTimeout(() => { done(); resolve(); }, seconds * 1000);
    const abort = () => { done(); reject(new DOMException('The request was abandoned.', 'AbortError')); };
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
  });
}
