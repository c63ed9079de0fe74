import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/config/env';
import { indexerConfig } from '@/lib/indexer/config';
import { cursorLedger } from '@/lib/indexer/poll';
import { report } from '@/lib/indexer/reconcile';
import { AGREEING_STATUSES, verdict, type ChainBookingRow } from '@/lib/stellar/escrow-state';
import { backoffMs, DEFAULT_RETRY, isTransient } from '@/lib/indexer/retry';

const ESCROW = 'CAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAATYON';
const ORACLE = 'CAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAXI7N';

describe('indexerConfig', () => {
  const settings = (env: Record<string, string>) => indexerConfig(parseEnv(env));

  it('is off, saying why, when the RPC URL or the contract ids are missing (the offline default)', () => {
    expect(settings({})).toEqual({ configured: false, reason: 'STELLAR_RPC_URL is not set' });
    expect(settings({ STELLAR_RPC_URL: 'https://soroban-testnet.stellar.org', TRAQORA_CONTRACT_IDS: '' }))
      .toEqual({ configured: false, reason: 'TRAQORA_CONTRACT_IDS is not set' });
    expect(settings({ STELLAR_RPC_URL: 'https://soroban-testnet.stellar.org', TRAQORA_CONTRACT_IDS: ' , ' }))
      .toEqual({ configured: false, reason: 'TRAQORA_CONTRACT_IDS is not set' });
  });

  it('reads name=id pairs and the paging settings with their defaults', () => {
    const c = settings({ STELLAR_RPC_URL: 'https://soroban-testnet.stellar.org', TRAQORA_CONTRACT_IDS: ` escrow=${ESCROW}, oracle=${ORACLE} `, INDEXER_START_LEDGER: '1200' });
    expect(c).toEqual({ configured: true, rpcUrl: 'https://soroban-testnet.stellar.org', contracts: new Map([[ESCROW, 'escrow'], [ORACLE, 'oracle']]), startLedger: 1200, pageLimit: 100, maxPages: 10 });
  });

  it('is refused at start-up naming the bad variable and why (lib/config parses the chain settings)', () => {
    const url = 'https://rpc.example.com';
    expect(() => parseEnv({ STELLAR_RPC_URL: 'ftp://x' })).toThrow(/STELLAR_RPC_URL must be an http\(s\) URL/);
    expect(() => parseEnv({ STELLAR_RPC_URL: 'not a url' })).toThrow(/STELLAR_RPC_URL must be an http\(s\) URL/);
    expect(() => parseEnv({ STELLAR_RPC_URL: 'http://rpc.example.com' })).toThrow(/STELLAR_RPC_URL must use https unless it is on localhost/);
    expect(() => parseEnv({ STELLAR_RPC_URL: url, TRAQORA_CONTRACT_IDS: `bank=${ESCROW}` })).toThrow(/TRAQORA_CONTRACT_IDS names an unknown contract "bank"/);
    expect(() => parseEnv({ STELLAR_RPC_URL: url, TRAQORA_CONTRACT_IDS: 'escrow=GABC' })).toThrow(/invalid contract id for escrow/);
    expect(() => parseEnv({ STELLAR_RPC_URL: url, TRAQORA_CONTRACT_IDS: `escrow=${ESCROW},oracle=${ESCROW}` })).toThrow(/twice/);
    expect(() => parseEnv({ INDEXER_PAGE_LIMIT: '20000' })).toThrow(/INDEXER_PAGE_LIMIT must be at most 10000/);
    expect(() => parseEnv({ INDEXER_START_LEDGER: '0' })).toThrow(/INDEXER_START_LEDGER/);
  });
});

describe('retry policy', () => {
  it('backs off exponentially with full jitter, capped', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, DEFAULT_RETRY, () => 1))).toEqual([250, 500, 1000, 2000]);
    expect(backoffMs(10, DEFAULT_RETRY, () => 1)).toBe(8000);
    expect(backoffMs(3, DEFAULT_RETRY, () => 0)).toBe(0);
    expect(backoffMs(3, DEFAULT_RETRY, () => 0.5)).toBe(500);
  });

  it('classifies plain errors', () => {
    expect(isTransient(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isTransient(new TypeError('fetch failed'))).toBe(true);
    expect(isTransient({ code: -32602, message: 'bad params' })).toBe(false);
    expect(isTransient(new Error('boom'))).toBe(false);
    expect(isTransient(null)).toBe(false);
  });
});

describe('cursorLedger', () => {
  it('reads the ledger out of a TOID cursor', () => {
    expect(cursorLedger('0000004307852197888-0000000000')).toBe(1003);
    expect(cursorLedger(`${((1049n << 32n) - 1n).toString().padStart(19, '0')}-4294967295`)).toBe(1048);
    expect(cursorLedger('nonsense')).toBeNull();
  });
});

describe('reconciliation verdicts', () => {
  const row = (chain_state: ChainBookingRow['chain_state'], app_status: ChainBookingRow['app_status']): ChainBookingRow => ({
    booking_id: '6161218395617066071', chain_state, chain_amount: '5000000000', last_event_id: '0000004337916968960-0000000000', last_ledger: 1010,
    last_event_at: '2027-01-01T00:00:00Z', app_booking_id: app_status ? '3f146a07-3589-4b51-9462-653b1a626a8d' : null, pnr: app_status ? 'K7M2QX' : null,
    segment_seq: app_status ? 1 : null, flight_id: app_status ? 42 : null, app_status, app_total_minor: app_status ? 50000 : null, app_currency: app_status ? 'USD' : null,
  });

  it('agrees when the app status follows where the money is', () => {
    for (const [state, statuses] of Object.entries(AGREEING_STATUSES)) {
      for (const status of statuses) expect(verdict(row(state as keyof typeof AGREEING_STATUSES, status))).toEqual({ ok: true });
    }
  });

  it('flags money on chain the app does not agree with', () => {
    expect(verdict(row('paid', 'expired'))).toMatchObject({ ok: false, problem: 'status_mismatch', detail: 'K7M2QX segment 1: escrow says paid, the app says expired (expected paid)' });
    expect(verdict(row('released', 'refunded'))).toMatchObject({ ok: false, problem: 'status_mismatch' });
    expect(verdict(row('refunded', 'completed'))).toMatchObject({ ok: false, problem: 'status_mismatch' });
    expect(verdict(row('paid', 'held'))).toMatchObject({ ok: false, problem: 'status_mismatch' });
  });

  it('flags escrow bookings the app does not know, and segments missing from escrow', () => {
    expect(verdict(row('paid', null))).toMatchObject({ ok: false, problem: 'unknown_booking', detail: expect.stringContaining('6161218395617066071') });
    expect(verdict(row(null, 'paid'))).toMatchObject({ ok: false, problem: 'missing_on_chain', detail: 'K7M2QX segment 1 (paid) is not in escrow, though other segments of the booking are' });
  });

  it('reports counts and the mismatching rows', () => {
    const r = report([row('paid', 'paid'), row('released', 'paid'), row('refunded', null)]);
    expect(r.checked).toBe(3);
    expect(r.consistent).toBe(1);
    expect(r.mismatches.map((m) => m.problem)).toEqual(['status_mismatch', 'unknown_booking']);
  });
});

describe('the index-chain job', () => {
  it('is registered to run every 15 s', async () => {
    const { findJob } = await import('@/lib/jobs/registry');
    expect(findJob('index-chain')).toMatchObject({ name: 'index-chain', everyMs: 15_000 });
  });

  it('does nothing and says so when no RPC is configured (the offline default)', async () => {
    const { indexChainJob } = await import('@/lib/indexer/job');
    expect(await indexChainJob(parseEnv({}))).toEqual({ status: 'not configured', reason: 'STELLAR_RPC_URL is not set' });
    expect(await indexChainJob(parseEnv({ STELLAR_RPC_URL: 'https://soroban-testnet.stellar.org' })))
      .toEqual({ status: 'not configured', reason: 'TRAQORA_CONTRACT_IDS is not set' });
  });
});
