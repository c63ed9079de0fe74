import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { RpcEvent } from '@/lib/stellar/events';
import { pageEvents, type GetEventsParams } from './events-page';

// A Soroban RPC stand-in for the indexer's tests: JSON-RPC 2.0 over HTTP on 127.0.0.1 (a
// random port), serving `getEvents` and `getLatestLedger` from the exported contract event
// fixtures, paged as stellar-rpc does (events-page.ts). It can be told to fail the next
// requests with an HTTP status or to hang, and it advances its "network" on request.

export const FIXTURE_DIR = path.join(process.cwd(), 'contracts/fixtures/events');

/** Every exported event, in chain order, and the contract ids by our contract names. */
export function fixtureEvents(): { events: RpcEvent[]; contracts: Map<string, string> } {
  const contracts = new Map<string, string>();
  const events: RpcEvent[] = [];
  for (const file of readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.json')).sort()) {
    const list = JSON.parse(readFileSync(path.join(FIXTURE_DIR, file), 'utf8')) as RpcEvent[];
    contracts.set(file.replace(/\.json$/, ''), list[0].contractId);
    events.push(...list);
  }
  events.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { events, contracts };
}

export interface RpcStandIn {
  url: string;
  /** Requests received, in order (including failed and hung ones). */
  requests: { method: string; params: unknown; at: number }[];
  latestLedger: number;
  /** The network moves on: events up to this ledger become visible. */
  setLatestLedger(ledger: number): void;
  /** The next `count` requests answer with this HTTP status (503 by default). */
  failNext(count: number, status?: number): void;
  /** The next `count` requests never answer (until close). */
  hangNext(count: number): void;
  close(): Promise<void>;
}

export async function startRpcStandIn(opts: { events?: RpcEvent[]; latestLedger?: number; oldestLedger?: number } = {}): Promise<RpcStandIn> {
  const events = opts.events ?? fixtureEvents().events;
  const requests: RpcStandIn['requests'] = [];
  let failures: { left: number; status: number } = { left: 0, status: 503 };
  let hangs = 0;
  const oldestLedger = opts.oldestLedger ?? 1;
  const state = { latestLedger: opts.latestLedger ?? Math.max(...events.map((e) => e.ledger)) + 5 };

  const answer = (res: ServerResponse, id: unknown, body: { result: unknown } | { error: { code: number; message: string } }) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ jsonrpc: '2.0', id, ...body }));
  };

  const getEvents = (p: GetEventsParams) => {
    const page = pageEvents(events, p, { latestLedger: state.latestLedger, oldestLedger });
    if ('error' in page) return page;
    return {
      result: { ...page.result, latestLedger: state.latestLedger, oldestLedger, latestLedgerCloseTime: '1798761600', oldestLedgerCloseTime: '1798761600' },
    };
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      let call: { id?: unknown; method?: string; params?: unknown };
      try { call = JSON.parse(body); } catch { call = {}; }
      requests.push({ method: call.method ?? '?', params: call.params, at: Date.now() });
      if (hangs > 0) { hangs -= 1; return; }           // keep the socket open, say nothing
      if (failures.left > 0) {
        failures.left -= 1;
        res.writeHead(failures.status, { 'content-type': 'text/plain' });
        res.end('unavailable');
        return;
      }
      if (call.method === 'getLatestLedger') {
        return answer(res, call.id, { result: { id: 'ab'.repeat(32), protocolVersion: 23, sequence: state.latestLedger } });
      }
      if (call.method === 'getEvents') return answer(res, call.id, getEvents((call.params ?? {}) as GetEventsParams));
      answer(res, call.id, { error: { code: -32601, message: `method not found: ${call.method}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get latestLedger() { return state.latestLedger; },
    setLatestLedger(ledger) { state.latestLedger = ledger; },
    failNext(count, status = 503) { failures = { left: count, status }; },
    hangNext(count) { hangs = count; },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
