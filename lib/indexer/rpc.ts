import { rpc } from '@stellar/stellar-sdk';
import type { RpcEvent } from '@/lib/stellar/events';
import { rpcServer } from '@/lib/stellar/rpc';

// The indexer's narrow view of Soroban RPC: two methods. The real client is lib/stellar's
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

/** The indexer's view of the one RPC client (lib/stellar/rpc.ts); timeouts throw RpcTimeout. */
export function sorobanRpc(url: string, opts: { timeoutMs?: number } = {}): ChainRpc {
  const server = rpcServer({ rpcUrl: url, timeoutMs: opts.timeoutMs });
  return {
    async getEvents(request) {
      const raw = await server._getEvents(request as rpc.Api.GetEventsRequest);
      return {
        events: (raw.events ?? []) as RpcEvent[],
        cursor: raw.cursor,
        latestLedger: raw.latestLedger,
        oldestLedger: raw.oldestLedger,
      };
    },
    async getLatestLedger() {
      const raw = await server._getLatestLedger();
      return { sequence: raw.sequence };
    },
  };
}
