import { rpc } from '@stellar/stellar-sdk';
import type { RpcEvent } from './parse';
import { isLoopbackUrl } from '@/lib/stellar/loopback';

// The indexer's narrow view of Soroban RPC: two methods. The real client is stellar-sdk's
// rpc.Server using the raw (`_get…`) variants, which return the base64 XDR exactly as
// JSON-RPC sends it — the shape the fixtures have and the shape we store.

export interface EventFilter {
  type: 'contract';
  contractIds: string[];
}

export type EventsRequest =
  | { filters: EventFilter[]; startLedger: number; limit: number }
  | { filters: EventFilter[]; cursor: string; limit: number };

export interface EventsPage {
  events: RpcEvent[];
  /** Where the next request resumes; past the last event, or past the scanned range. */
  cursor: string;
  latestLedger: number;
  oldestLedger?: number;
}

export interface ChainRpc {
  getEvents(request: EventsRequest): Promise<EventsPage>;
  getLatestLedger(): Promise<{ sequence: number }>;
}

/** RPC allows at most 5 contract ids per filter and 5 filters per request. */
export function contractFilters(ids: readonly string[]): EventFilter[] {
  if (ids.length > 25) throw new Error(`getEvents can filter at most 25 contracts, got ${ids.length}`);
  const filters: EventFilter[] = [];
  for (let i = 0; i < ids.length; i += 5) filters.push({ type: 'contract', contractIds: ids.slice(i, i + 5) });
  return filters;
}

/** A request that took longer than the client allows; worth retrying. */
export class RpcTimeout extends Error {
  constructor(method: string, ms: number) {
    super(`${method} took longer than ${ms} ms`);
    this.name = 'RpcTimeout';
  }
}

export function sorobanRpc(url: string, opts: { timeoutMs?: number } = {}): ChainRpc {
  const parsed = new URL(url);
  // Plain http only to a node on this machine (a local quickstart or a test stand-in).
  const server = new rpc.Server(url, { allowHttp: isLoopbackUrl(parsed) });
  const timeoutMs = opts.timeoutMs ?? 15_000;
  // rpc.Server has no timeout option; abort the fetch so a hung node cannot stall the job.
  server.httpClient.interceptors.request.use((config) => ({ ...config, signal: AbortSignal.timeout(timeoutMs) }));
  const timed = async <T>(method: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (err) {
      // The SDK's HTTP client reports our abort as ECONNABORTED ("timeout of 0 ms exceeded").
      const { name, code } = (err ?? {}) as { name?: string; code?: string };
      if (name === 'TimeoutError' || name === 'AbortError' || code === 'ECONNABORTED') throw new RpcTimeout(method, timeoutMs);
      throw err;
    }
  };
  return {
    async getEvents(request) {
      const raw = await timed('getEvents', () => server._getEvents(request as rpc.Api.GetEventsRequest));
      return {
        events: (raw.events ?? []) as RpcEvent[],
        cursor: raw.cursor,
        latestLedger: raw.latestLedger,
        oldestLedger: raw.oldestLedger,
      };
    },
    async getLatestLedger() {
      const raw = await timed('getLatestLedger', () => server._getLatestLedger());
      return { sequence: raw.sequence };
    },
  };
}
