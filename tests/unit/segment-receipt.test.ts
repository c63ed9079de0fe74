import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEvent, type RpcEvent } from '@/lib/stellar/events';
import { toEventRow } from '@/lib/indexer/event-row';
import { bookingChainView, type IndexedEvent } from '@/lib/payments/soroban/booking-chain';
import { receiptStatus, segmentReceipt } from '@/lib/payments/soroban/receipts';

// A segment's soulbound receipt, read from the receipts contract's own exported events
// (contracts/fixtures/events/receipts.json) the way the indexer stores them: its token, passenger
// and minting transaction, with the status the escrow's state implies.

const raw = JSON.parse(readFileSync(path.join(process.cwd(), 'contracts/fixtures/events/receipts.json'), 'utf8')) as RpcEvent[];
const ids = new Map([[raw[0].contractId, 'receipts' as const]]);
const indexed: IndexedEvent[] = raw.map((e) => {
  const row = toEventRow(parseEvent(e, ids));
  return { id: row.id, contract: row.contract, ledger: row.ledger, closed_at: row.closed_at, action: row.action, event: row.event,
    fields: row.fields, booking_id: row.booking_id, tx_hash: row.tx_hash, successful: row.successful };
});
const minted = indexed.find((e) => e.event === 'ReceiptMinted')!;

describe('segment receipts', () => {
  it('reads token, passenger and minting transaction from the minted event of that escrow booking', () => {
    expect(minted.booking_id).toMatch(/^\d+$/);
    const r = segmentReceipt(indexed, minted.booking_id!, 'paid');
    expect(r).toEqual({ token_id: Number(minted.fields!.token_id), passenger: minted.fields!.passenger, status: 'active',
      minted_tx: minted.tx_hash, minted_ledger: minted.ledger, minted_at: minted.closed_at });
    expect(r!.passenger).toMatch(/^[GC][A-Z2-7]{55}$/);
    expect(segmentReceipt(indexed, '999999999', 'paid')).toBeNull();
    expect(segmentReceipt(indexed.map((e) => ({ ...e, successful: false })), minted.booking_id!, 'paid')).toBeNull();
  });

  it('follows the escrow: flown once released, void once refunded or expired', () => {
    expect(receiptStatus('released')).toBe('flown');
    expect(receiptStatus('refunded')).toBe('voided');
    expect(receiptStatus('expired')).toBe('voided');
    expect(receiptStatus('paid')).toBe('active');
    expect(receiptStatus('disputed')).toBe('active');
  });

  it('is part of the booking chain view of its segment', () => {
    const view = bookingChainView({ pnr: 'ABC234', segments: [{ seq: 1, booking_id: minted.booking_id! }], events: indexed },
      { status: 'paid', total_minor: 1000, currency: 'USD' });
    expect(view.segments[0].receipt).toMatchObject({ token_id: Number(minted.fields!.token_id), minted_tx: minted.tx_hash });
  });
});
