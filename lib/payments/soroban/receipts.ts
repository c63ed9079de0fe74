import type { ChainState } from '@/lib/stellar/escrow-state';
import { receipts } from '@/lib/stellar/contracts/receipts';
import { readContract, type ReadTarget } from '@/lib/stellar/contracts/read';
import type { Json } from '@/lib/stellar/scval-json';

// A soroban booking's soulbound receipts (contracts/receipts): the escrow mints one per segment
// in the payment's transaction and moves it to Flown when it pays the airline, or Voided when the
// money goes back — in the same transaction as the escrow's own change. So the index shows a
// receipt from its `minted` event, and its status follows the escrow state the index already
// has; `verifyReceipts` asks the contract itself (get_receipt, verify_receipt: simulated reads).

export type ReceiptStatus = 'active' | 'flown' | 'voided';

export interface SegmentReceipt {
  token_id: number;
  /** The Stellar account the receipt was minted to (it never moves). */
  passenger: string;
  status: ReceiptStatus;
  minted_tx: string;
  minted_ledger: number;
  minted_at: string;
}

interface MintedEvent { action: string | null; successful: boolean; booking_id: string | null; fields: { [k: string]: Json } | null; tx_hash: string; ledger: number; closed_at: string }

/** The receipt status the escrow's state implies (it changes both in one transaction). */
export function receiptStatus(state: ChainState | null): ReceiptStatus {
  if (state === 'released') return 'flown';
  if (state === 'refunded' || state === 'expired') return 'voided';
  return 'active';
}

/** The receipt minted for one escrow booking, from its indexed events (contract `receipts`, action `minted`). */
export function segmentReceipt(events: (MintedEvent & { contract?: string | null })[], bookingId: string, state: ChainState | null): SegmentReceipt | null {
  const minted = events.find((e) => e.successful && e.action === 'minted' && (e.contract ?? 'receipts') === 'receipts' && e.booking_id === bookingId);
  const token = minted?.fields?.token_id;
  const passenger = minted?.fields?.passenger;
  if (!minted || token === undefined || token === null || typeof passenger !== 'string') return null;
  return { token_id: Number(token), passenger, status: receiptStatus(state), minted_tx: minted.tx_hash, minted_ledger: minted.ledger, minted_at: minted.closed_at };
}

const STATUS_BY_CODE: Record<number, ReceiptStatus> = { 0: 'active', 1: 'flown', 2: 'voided' };

export interface VerifiedReceipt {
  token_id: number;
  /** verify_receipt: the passenger holds this receipt and it is not void. */
  verified: boolean;
  /** What the contract's record says now. */
  status: ReceiptStatus;
  passenger: string;
  flight_number: string;
  seat: string;
  departure: string;
}

/** Reads each receipt from the contract (simulation: nothing is signed or paid). */
export async function verifyReceipts(target: ReadTarget, list: { token_id: number; passenger: string }[]): Promise<VerifiedReceipt[]> {
  return Promise.all(list.map(async (r) => {
    const [record, verified] = await Promise.all([
      readContract(receipts, target, 'get_receipt', receipts.args.get_receipt(r.token_id)),
      readContract(receipts, target, 'verify_receipt', receipts.args.verify_receipt(r.passenger, r.token_id)),
    ]);
    return {
      token_id: r.token_id, verified,
      status: STATUS_BY_CODE[Number(record.status)] ?? 'active',
      passenger: String(record.passenger),
      flight_number: String(record.flight_number),
      seat: String(record.seat),
      departure: new Date(Number(record.departure) * 1000).toISOString(),
    };
  }));
}
