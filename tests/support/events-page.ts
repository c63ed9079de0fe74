import type { RpcEvent } from '@/lib/stellar/events';

// `getEvents` paging as stellar-rpc (protocol 23) does it, shared by both RPC stand-ins
// (rpc-stand-in.ts for the indexer, soroban-rpc-stand-in.ts for the rail): startLedger or a
// cursor, a limit, contract/type/topic filters, an optional endLedger, nothing past the latest
// ledger, and — when a page has room to spare — a cursor past the whole scanned range.

export interface GetEventsParams {
  startLedger?: number;
  endLedger?: number;
  filters?: { type?: string; contractIds?: string[]; topics?: string[][] }[];
  pagination?: { cursor?: string; limit?: number };
}

export type EventsAnswer =
  | { result: { events: RpcEvent[]; cursor: string } }
  | { error: { code: number; message: string } };

const pad = (n: bigint | number, width: number) => n.toString().padStart(width, '0');

/** An event id: the operation's TOID (ledger << 32 | application order << 12 | op index) and the
 * event's index, zero-padded so that ids sort like the chain. One transaction per ledger. */
export const eventId = (ledger: number, index: number) => `${pad((BigInt(ledger) << 32n) | (1n << 12n), 19)}-${pad(index, 10)}`;

/** The cursor after everything up to and including `ledger` (the last TOID of that ledger). */
export const endOfLedger = (ledger: number) => `${pad((BigInt(ledger + 1) << 32n) - 1n, 19)}-${pad(0xffffffffn, 10)}`;

/** A topic filter: exact segments, `*` for any one, a trailing `**` for any rest. */
function matchesTopics(e: RpcEvent, topics: string[][] | undefined): boolean {
  return !topics?.length || topics.some((t) => {
    const wild = t[t.length - 1] === '**';
    const segs = wild ? t.slice(0, -1) : t;
    const got = e.topic ?? [];
    return (wild ? got.length >= segs.length : got.length === segs.length) && segs.every((s, i) => s === '*' || s === got[i]);
  });
}

/** One page of `events` (in chain order) for a getEvents request on a network at `latestLedger`. */
export function pageEvents(events: readonly RpcEvent[], p: GetEventsParams, network: { latestLedger: number; oldestLedger: number }): EventsAnswer {
  const cursor = p.pagination?.cursor;
  if (cursor && p.startLedger) return { error: { code: -32602, message: 'startLedger and cursor cannot both be set' } };
  if (!cursor && !p.startLedger) return { error: { code: -32602, message: 'startLedger must be positive' } };
  if (p.startLedger && (p.startLedger < network.oldestLedger || p.startLedger > network.latestLedger)) {
    return { error: { code: -32600, message: `startLedger must be between the oldest ledger: ${network.oldestLedger} and the latest ledger: ${network.latestLedger}` } };
  }
  const limit = p.pagination?.limit ?? 100;
  if (limit > 10_000) return { error: { code: -32602, message: 'limit must not exceed 10000' } };
  const filters = p.filters ?? [];
  const matches = events.filter((e) => e.ledger <= network.latestLedger
    && (cursor ? e.id > cursor : e.ledger >= p.startLedger!)
    && (!p.endLedger || e.ledger < p.endLedger)
    && (filters.length === 0 || filters.some((f) => (!f.contractIds?.length || f.contractIds.includes(e.contractId))
      && (!f.type || f.type === e.type) && matchesTopics(e, f.topics))));
  const page = matches.slice(0, limit);
  const full = page.length === limit;
  return {
    result: {
      // stellar-rpc 23 no longer sends pagingToken (the exported fixtures still carry it)
      events: page.map((e) => {
        const sent = { ...e };
        delete sent.pagingToken;
        return sent;
      }),
      cursor: full ? page[page.length - 1].id : endOfLedger(network.latestLedger),
    },
  };
}
