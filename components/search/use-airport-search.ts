'use client';

import * as React from 'react';
import type { Airport } from './airport';
import { useDebouncedValue } from './use-debounced-value';

const DEBOUNCE_MS = 200;
const RETRY_AFTER_MS = 1_000;
const REMEMBERED = 200;
export const SUGGESTION_LIMIT = 8;

// The home page's search form is the first thing a visitor uses, so this hook is part of the
// home page's first JavaScript (#14's 150 KB budget): it keeps its own small cache instead of
// bringing the query cache (components/query) along. Airports barely change, so an answer is
// kept for the tab's life (the last REMEMBERED prefixes), and a failed request is tried once more.
const answers = new Map<string, Airport[]>();

function remember(key: string, airports: Airport[]): void {
  answers.delete(key);
  answers.set(key, airports);
  if (answers.size > REMEMBERED) answers.delete(answers.keys().next().value!);
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); reject(signal.reason); }, { once: true });
  });
}

// The API client (problem+json errors, the 429 wait) loads with the first request for suggestions,
// not with the page: it was the home page's last 0.1 KB over the 150 KB budget.
const loadFetchJson = () => import('@/components/api/fetch-json').then((m) => m.fetchJson);

async function fetchAirports(q: string, signal: AbortSignal): Promise<Airport[]> {
  const fetchJson = await loadFetchJson();
  const url = `/api/v1/airports?${new URLSearchParams({ q, limit: String(SUGGESTION_LIMIT) })}`;
  try {
    return (await fetchJson<{ data: Airport[] }>(url, { signal })).data;
  } catch (err) {
    if (signal.aborted) throw err;
    await wait(RETRY_AFTER_MS, signal);
    return (await fetchJson<{ data: Airport[] }>(url, { signal })).data;
  }
}

/** Airport suggestions for what the traveller has typed, fetched after a short pause. */
export function useAirportSearch(text: string, enabled: boolean) {
  const q = useDebouncedValue(text.trim(), DEBOUNCE_MS);
  const key = q.toLowerCase();
  const active = enabled && q.length > 0;
  // The latest answer to any prefix: it stays on screen while the next keystroke's answer loads, instead of flashing empty.
  const [latest, setLatest] = React.useState<Airport[] | undefined>(undefined);
  const [attempt, setAttempt] = React.useState(0);
  const [failed, setFailed] = React.useState<string | null>(null);
  const request = `${attempt}:${key}`;
  const known = answers.get(key);
  const isError = active && known === undefined && failed === request;
  const isFetching = active && known === undefined && !isError;

  React.useEffect(() => {
    if (!isFetching) return;
    const controller = new AbortController();
    fetchAirports(q, controller.signal).then(
      (airports) => {
        remember(key, airports);
        setLatest(airports);
      },
      () => {
        if (!controller.signal.aborted) setFailed(request);
      },
    );
    return () => controller.abort();
  }, [isFetching, q, key, request]);

  const data = (active && known) || latest;
  return {
    data,
    q,
    isError,
    isFetching,
    isPending: data === undefined && !isError,
    // Still waiting for the typing to settle, or for the answer to it.
    settling: q !== text.trim() || isFetching,
    refetch: () => setAttempt((n) => n + 1),
  };
}
