import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { nativeToScVal, xdr } from '@stellar/stellar-sdk';
import { describe, expect, it } from 'vitest';
import { CONTRACT_NAMES } from '@/lib/stellar/contract-names';
import { parseEvent, type RpcEvent } from '@/lib/stellar/events';
import { toEventRow } from '@/lib/indexer/event-row';

// Every event the contract tests exported (contracts/fixtures/events) must decode to a named
// event of the contract that emitted it: this is where Rust and TypeScript would drift.
const DIR = path.join(process.cwd(), 'contracts/fixtures/events');
const fixtures = Object.fromEntries(readdirSync(DIR).filter((f) => f.endsWith('.json'))
  .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(path.join(DIR, f), 'utf8')) as RpcEvent[]]));
const idsByName = new Map(Object.entries(fixtures).map(([name, evs]) => [evs[0].contractId, name as (typeof CONTRACT_NAMES)[number]]));
const escrow = fixtures.escrow.map((e) => parseEvent(e, idsByName));

// OZ module events name no contract in their topics; the configured contract ids do.
const OZ_ACTIONS = new Set(['paused', 'unpaused', 'mint', 'burn', 'transfer', 'delegate_changed', 'delegate_votes_changed',
  'proposal_created', 'vote_cast', 'proposal_queued', 'operation_scheduled', 'operation_executed', 'proposal_executed']);

describe('parseEvent on the exported fixtures', () => {
  it('has a fixture file for every Traqora contract', () => {
    expect(Object.keys(fixtures).sort()).toEqual([...CONTRACT_NAMES].sort());
  });

  for (const [name, events] of Object.entries(fixtures)) {
    it(`${name}: decodes all ${events.length} events to spec-named events of ${name}`, () => {
      for (const raw of events) {
        const ev = parseEvent(raw, idsByName);
        expect(ev.contract, raw.id).toBe(name);
        expect(ev.event, `${raw.id} has a spec name`).toMatch(/^[A-Z][A-Za-z]+$/);
        expect(ev.action, raw.id).toMatch(/^[a-z_]+$/);
        if (!OZ_ACTIONS.has(ev.action!)) {
          expect(ev.topics.slice(0, 2), raw.id).toEqual([name, ev.action]);
        }
        expect(ev.topics).toHaveLength(raw.topic!.length);
        expect({ id: ev.id, ledger: ev.ledger, closedAt: ev.closedAt, txHash: ev.txHash })
          .toEqual({ id: raw.id, ledger: raw.ledger, closedAt: raw.ledgerClosedAt, txHash: raw.txHash });
        expect(ev.raw).toEqual({ topic: raw.topic, value: raw.value });
        // Everything stored must survive JSON (no bigint, no Buffer).
        expect(JSON.parse(JSON.stringify(toEventRow(ev)))).toEqual(toEventRow(ev));
      }
    });
  }

  it('without configured ids, names Traqora events by their first topic', () => {
    const ev = parseEvent(fixtures.oracle[0]);
    expect({ contract: ev.contract, action: ev.action, event: ev.event })
      .toEqual({ contract: 'oracle', action: 'status_submitted', event: 'StatusSubmitted' });
  });

  it('decodes an escrow payment: booking id, passenger, amount (i128 as a decimal string), deadline', () => {
    const paid = escrow.find((e) => e.action === 'paid')!;
    expect(paid.event).toBe('BookingPaid');
    expect(paid.bookingId).toBe('1');
    expect(paid.indexed).toEqual(['1', 'CAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB2VE7']);
    expect(paid.fields).toEqual({
      booking_id: '1', passenger: 'CAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB2VE7',
      flight_id: '1', amount: '5000000000', deadline: '1799654400', receipt_id: 0,
    });
    expect(paid.value).toMatchObject({ amount: '5000000000', flight_id: '1' });
  });

  it('decodes a release (amount to the airline and fee) and refunds with their reason', () => {
    const released = escrow.filter((e) => e.event === 'PaymentReleased').map((e) => [e.bookingId, e.fields!.to_airline, e.fields!.fee]);
    expect(released).toEqual([['1', '4850000000', '150000000'], ['8', '19400000000', '600000000']]);
    const refunds = escrow.filter((e) => e.event === 'PassengerRefunded').map((e) => [e.bookingId, e.fields!.reason]);
    expect(refunds).toEqual([['2', 0], ['3', 1], ['4', 0], ['6', 0], ['7', 0], ['5', 3]]);
  });

  it('decodes the sponsor part: what the loyalty-liability account paid in, and its share of a refund back', () => {
    const sponsored = escrow.filter((e) => e.event === 'BookingSponsored').map((e) => [e.action, e.bookingId, e.fields!.amount]);
    expect(sponsored).toEqual([['sponsored', '11', '500000000']]);
    // 50 of a 450 USDC segment sponsored, 360 refunded: 50 × 360 / 450 = 40 back to the sponsor
    const back = escrow.filter((e) => e.event === 'SponsorRefunded').map((e) => [e.action, e.bookingId, e.fields!.amount]);
    expect(back).toEqual([['sponsor_refunded', '11', '400000000']]);
    const settled = escrow.find((e) => e.event === 'CancellationSettled' && e.bookingId === '11')!;
    expect(settled.fields!.refund).toBe('3600000000');
  });

  it('names the booking of oracle settlements, dispute filings and receipts too', () => {
    const byId = (name: string) => fixtures[name].map((e) => parseEvent(e, idsByName)).filter((e) => e.bookingId).map((e) => `${e.action}:${e.bookingId}`);
    expect(byId('oracle')).toEqual(['booking_settled:6', 'booking_settled:7']);
    expect(byId('disputes')).toEqual(['filed:8', 'executed:8']);
    // booking 1 paid singly; 9 and 10 are the two segments of one quoted payment; 11 a quoted
    // payment points paid part of (its receipt is the same)
    expect(byId('receipts')).toEqual(['minted:1', 'minted:9', 'minted:10', 'minted:11']);
  });

  it('keeps OZ-shaped events (no contract topic) under the configured contract', () => {
    const paused = escrow.find((e) => e.action === 'paused')!;
    expect({ contract: paused.contract, event: paused.event, indexed: paused.indexed }).toEqual({ contract: 'escrow', event: 'Paused', indexed: [] });
    const transfer = parseEvent(fixtures.trq[0], idsByName);
    expect(transfer.fields).toMatchObject({ amount: '50000000000' });
  });

  it('encodes bytes as hex', () => {
    const evidence = parseEvent(fixtures.disputes[1], idsByName);
    expect(evidence.fields!.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('parseEvent on events it cannot name', () => {
  const base = fixtures.escrow.find((e) => e.topic!.length === 4)!;

  it('keeps another contract\'s event, decoded but unnamed', () => {
    const foreign: RpcEvent = {
      ...base, contractId: 'CBQHNAXSI55GX2GN6D67GK7BHVPSLJUGZQEU7WJ5LKR5PNUCGLIMAO4K',
      topic: [nativeToScVal('swap', { type: 'symbol' }).toXDR('base64')], value: nativeToScVal(42n, { type: 'i128' }).toXDR('base64'),
    };
    const ev = parseEvent(foreign, idsByName);
    expect(ev).toMatchObject({ contract: null, action: 'swap', event: null, fields: null, value: '42', bookingId: null });
  });

  it('keeps an event our spec does not declare', () => {
    const unknown: RpcEvent = { ...base, topic: [base.topic![0], nativeToScVal('teleported', { type: 'symbol' }).toXDR('base64')] };
    const ev = parseEvent(unknown, idsByName);
    expect(ev).toMatchObject({ contract: 'escrow', action: 'teleported', event: null, fields: null });
  });

  it('keeps undecodable XDR as raw instead of throwing', () => {
    const broken: RpcEvent = { ...base, topic: ['not-xdr', base.topic![1]], value: 'AAAA' };
    const ev = parseEvent(broken, idsByName);
    expect(ev).toMatchObject({ contract: 'escrow', event: null, value: null, raw: { topic: ['not-xdr', base.topic![1]], value: 'AAAA' } });
    expect(ev.topics[0]).toBeNull();
  });

  it('marks events of failed contract calls', () => {
    expect(parseEvent({ ...base, inSuccessfulContractCall: false }).successful).toBe(false);
    expect(xdr.ScVal.fromXDR(base.value, 'base64')).toBeTruthy();
  });
});
