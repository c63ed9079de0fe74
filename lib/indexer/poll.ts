import type { Database } from '@/lib/db/port';
import { metrics } from '@/lib/metrics/registry';
import type { IndexerConfig } from './config';
import { parseEvent } from '@/lib/stellar/events';
import { toEventRow } from '@/lib/indexer/event-row';
import { contractFilters, type ChainRpc, type EventsRequest } from './rpc';
import { withRetry, type RetryOptions } from './retry';

// One indexer run: read the stream's cursor, page through `getEvents` for our contracts, and
// store each page together with the cursor after it (one database transaction per page, see
// record_chain_events). A crash, a timeout or a second instance running the same page at the
// same time costs a repeated read, never a lost or doubled event.

export interface IndexRun {
  stream: string;
  pages: number;
  /** Events RPC returned, including ones already stored. */
  fetched: number;
  /** Events stored for the first time. */
  inserted: number;
  cursor: string | null;
  lastLedger: number | null;
  latestLedger: number | null;
  lagLedgers: number | null;
  /** False when the run stopped at maxPages with more events waiting. */
  caughtUp: boolean;
}

interface CursorStatus { found: boolean; cursor: string | null }
interface Recorded { inserted: number; cursor: string; last_ledger: number; latest_ledger: number }

export interface IndexDeps {
  db: Pick<Database, 'call'>;
  rpc: ChainRpc;
  config: Pick<IndexerConfig, 'contracts' | 'startLedger' | 'pageLimit' | 'maxPages'>;
  stream: string;
  retry?: RetryOptions;
}

/**
 * The ledger a paging cursor points at. Cursors are TOIDs ("<toid>-<event index>") whose high
 * 32 bits are the ledger sequence; after a page with room to spare, RPC's cursor marks the end
 * of the range it scanned, which is how far the stream has been indexed.
 */
export function cursorLedger(cursor: string): number | null {
  const m = /^(\d{1,20})-\d+$/.exec(cursor);
  return m ? Number(BigInt(m[1]) >> 32n) : null;
}

export async function indexOnce(deps: IndexDeps): Promise<IndexRun> {
  const { db, rpc, config, stream } = deps;
  const retry = deps.retry ?? {};
  const filters = contractFilters([...config.contracts.keys()]);
  const status = await db.call<CursorStatus>('indexer_status', { stream });
  let cursor = status.found ? status.cursor : null;

  const run: IndexRun = { stream, pages: 0, fetched: 0, inserted: 0, cursor, lastLedger: null, latestLedger: null, lagLedgers: null, caughtUp: false };
  let startLedger: number | undefined;
  if (!cursor) {
    // A new stream starts where configured, else at the network's tip (history before it is
    // not ours to backfill unless asked, and RPC only retains about a week anyway).
    startLedger = config.startLedger ?? (await withRetry(() => rpc.getLatestLedger(), retry)).sequence;
  }

  while (run.pages < config.maxPages) {
    const request: EventsRequest = cursor
      ? { filters, cursor, limit: config.pageLimit }
      : { filters, startLedger: startLedger!, limit: config.pageLimit };
    const page = await withRetry(() => rpc.getEvents(request), retry);
    const events = page.events.map((e) => parseEvent(e, config.contracts));
    const full = page.events.length >= config.pageLimit;
    const lastEvent = events.at(-1);
    const scannedTo = cursorLedger(page.cursor) ?? lastEvent?.ledger ?? startLedger ?? 0;
    const lastLedger = Math.min(page.latestLedger, full && lastEvent ? lastEvent.ledger : scannedTo);

    const recorded = await db.call<Recorded>('record_chain_events', {
      stream, events: events.map(toEventRow), cursor: page.cursor, last_ledger: lastLedger, latest_ledger: page.latestLedger,
    });
    run.pages += 1;
    run.fetched += events.length;
    run.inserted += recorded.inserted;
    run.cursor = cursor = recorded.cursor;
    run.lastLedger = recorded.last_ledger;
    run.latestLedger = recorded.latest_ledger;
    run.lagLedgers = recorded.latest_ledger - recorded.last_ledger;
    metrics().indexerEvents.inc({ stream }, recorded.inserted);
    metrics().indexerLag.set({ stream }, run.lagLedgers);
    if (!full) {
      run.caughtUp = true;
      break;
    }
  }
  return run;
}
