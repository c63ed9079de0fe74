import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isTransient, withRetry } from '@/lib/indexer/retry';
import { contractFilters, sorobanRpc } from '@/lib/indexer/rpc';
import { RpcTimeout } from '@/lib/stellar/rpc';
import { fixtureEvents, startRpcStandIn, type RpcStandIn } from '@/tests/support/rpc-stand-in';

// The real stellar-sdk rpc.Server client at the network edge, against the local stand-in.
const { events, contracts } = fixtureEvents();
const ALL = contractFilters([...contracts.values()]);
let rpc: RpcStandIn;
beforeAll(async () => { rpc = await startRpcStandIn(); });
afterAll(async () => { await rpc?.close(); });
afterEach(() => { rpc.failNext(0); rpc.hangNext(0); });

const caught = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (err: unknown) => err);
const noWait = { policy: { attempts: 4, baseMs: 1, maxMs: 5 } };

describe('sorobanRpc against the stand-in', () => {
  it('reads the latest ledger', async () => {
    expect(await sorobanRpc(rpc.url).getLatestLedger()).toEqual({ sequence: rpc.latestLedger });
  });

  it('pages every fixture event by cursor, in chain order, with the raw XDR intact', async () => {
    const client = sorobanRpc(rpc.url);
    const seen: string[] = [];
    let page = await client.getEvents({ filters: ALL, startLedger: 1, limit: 10 });
    seen.push(...page.events.map((e) => e.id));
    expect(page.events[0]).toMatchObject({ id: events[0].id, topic: events[0].topic, value: events[0].value });
    while (page.events.length === 10) {
      page = await client.getEvents({ filters: ALL, cursor: page.cursor, limit: 10 });
      seen.push(...page.events.map((e) => e.id));
    }
    expect(seen).toEqual(events.map((e) => e.id));
    expect(page.latestLedger).toBe(rpc.latestLedger);
  });

  it('filters by contract id', async () => {
    const page = await sorobanRpc(rpc.url).getEvents({ filters: contractFilters([contracts.get('escrow')!]), startLedger: 1, limit: 100 });
    const escrowEvents = events.filter((e) => e.contractId === contracts.get('escrow')).length;
    expect(escrowEvents).toBeGreaterThan(10);
    expect(page.events.map((e) => e.contractId)).toEqual(Array(escrowEvents).fill(contracts.get('escrow')));
  });

  it('splits more than five contracts into several filters, and refuses more than 25', () => {
    expect(ALL.map((f) => f.contractIds.length)).toEqual([5, 4]);
    expect(() => contractFilters(Array(26).fill('C'))).toThrow(/at most 25/);
  });

  it('refuses plain http to anything but this machine', () => {
    expect(() => sorobanRpc('http://rpc.example.com')).toThrow(/insecure/);
    expect(() => sorobanRpc('https://rpc.example.com')).not.toThrow();
  });
});

describe('which failures are transient (errors from the real client)', () => {
  it('503, 502 and 429 are; 400 and 404 are not', async () => {
    for (const [status, transient] of [[503, true], [502, true], [429, true], [400, false], [404, false]] as const) {
      rpc.failNext(1, status);
      expect(isTransient(await caught(sorobanRpc(rpc.url).getLatestLedger())), String(status)).toBe(transient);
    }
  });

  it('a JSON-RPC error (a bad request) is not', async () => {
    const err = await caught(sorobanRpc(rpc.url).getEvents({ filters: ALL, startLedger: 999_999, limit: 10 }));
    expect(err).toMatchObject({ code: -32600 });
    expect(isTransient(err)).toBe(false);
  });

  it('a hung request times out and is', async () => {
    rpc.hangNext(1);
    const err = await caught(sorobanRpc(rpc.url, { timeoutMs: 150 }).getLatestLedger());
    expect(err).toBeInstanceOf(RpcTimeout);
    expect(isTransient(err)).toBe(true);
  });

  it('a refused connection is', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); });
    });
    const err = await caught(sorobanRpc(`http://127.0.0.1:${port}`).getLatestLedger());
    expect(isTransient(err)).toBe(true);
  });
});

describe('withRetry', () => {
  it('retries transient failures and then succeeds', async () => {
    rpc.failNext(2, 503);
    const retries: number[] = [];
    const before = rpc.requests.length;
    const res = await withRetry(() => sorobanRpc(rpc.url).getLatestLedger(), { ...noWait, onRetry: (r) => retries.push(r.attempt) });
    expect(res.sequence).toBe(rpc.latestLedger);
    expect(retries).toEqual([1, 2]);
    expect(rpc.requests.length - before).toBe(3);
  });

  it('gives up after the bounded number of attempts', async () => {
    rpc.failNext(10, 503);
    const before = rpc.requests.length;
    const err = await caught(withRetry(() => sorobanRpc(rpc.url).getLatestLedger(), noWait));
    expect(isTransient(err)).toBe(true);
    expect(rpc.requests.length - before).toBe(4);
  });

  it('does not retry a 4xx', async () => {
    rpc.failNext(3, 404);
    const before = rpc.requests.length;
    await caught(withRetry(() => sorobanRpc(rpc.url).getLatestLedger(), noWait));
    expect(rpc.requests.length - before).toBe(1);
  });

  it('survives a hung request', async () => {
    rpc.hangNext(1);
    const res = await withRetry(() => sorobanRpc(rpc.url, { timeoutMs: 150 }).getLatestLedger(), noWait);
    expect(res.sequence).toBe(rpc.latestLedger);
  });
});
