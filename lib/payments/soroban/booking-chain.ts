import type { Json } from '@/lib/stellar/scval-json';
import { verdict, type AppStatus, type ChainState } from '@/lib/stellar/escrow-state';
import { segmentReceipt, type SegmentReceipt } from './receipts';

// One booking as the chain index sees it: for each segment (one escrow booking), the escrow's
// state from its latest indexed event, and whether the app agrees (the same rules as the
// reconciliation report, lib/stellar/escrow-state.ts). This is what "reconciled by the indexer"
// means to a traveller: the escrow contract itself says it holds, paid out or refunded their money.

export interface IndexedEvent {
  id: string;
  /** Our name for the emitting contract (escrow, receipts, …). */
  contract?: string | null;
  ledger: number;
  closed_at: string;
  action: string | null;
  event: string | null;
  fields: { [k: string]: Json } | null;
  booking_id: string | null;
  tx_hash: string;
  successful: boolean;
}

/** An indexed event as public.chain_events_for_booking answers it: IndexedEvent and the raw decode. */
export interface ChainEventRow extends IndexedEvent {
  contract: string | null;
  /** The emitting contract's address (C…). */
  contract_id: string;
  /** Every topic, decoded (i128/u64 as decimal strings). */
  topics: Json;
  /** The payload, decoded. */
  value: Json | null;
}

export interface BookingChainView<E extends IndexedEvent = IndexedEvent> {
  pnr: string;
  segments: {
    seq: number;
    booking_id: string;
    chain_state: ChainState | null;
    chain_amount: string | null;
    last_ledger: number | null;
    agrees: boolean;
    detail: string | null;
    /** The soulbound receipt the escrow minted for this segment, once indexed. */
    receipt: SegmentReceipt | null;
  }[];
  events: E[];
  /** Every segment is in escrow or settled the way the app says. */
  reconciled: boolean;
}

const STATE_OF: Record<string, ChainState | undefined> = {
  paid: 'paid', refund_cancelled: 'paid', refund_requested: 'refund_requested', disputed: 'disputed',
  released: 'released', refunded: 'refunded', cancelled: 'refunded',
};

/** The escrow state after a booking's events (chain order), or null when it has none. */
export function escrowState(events: IndexedEvent[]): ChainState | null {
  let state: ChainState | null = null;
  for (const e of events) {
    if (!e.successful || !e.action) continue;
    const next = STATE_OF[e.action];
    if (!next) continue;
    state = e.action === 'refunded' && String(e.fields?.reason) === '3' ? 'expired' : next;
  }
  return state;
}

export function bookingChainView<E extends IndexedEvent>(
  indexed: { pnr: string; segments: { seq: number; booking_id: string }[]; events: E[] },
  app: { status: AppStatus; total_minor: number; currency: string },
): BookingChainView<E> {
  const segments = indexed.segments.map((s) => {
    const mine = indexed.events.filter((e) => e.booking_id === s.booking_id);
    const state = escrowState(mine);
    const paid = mine.find((e) => e.action === 'paid' && e.successful);
    const v = state === null
      ? { ok: false as const, detail: 'The indexer has not seen this segment in the escrow yet.' }
      : verdict({
          booking_id: s.booking_id, chain_state: state, chain_amount: null, last_event_id: null, last_ledger: null, last_event_at: null,
          app_booking_id: null, pnr: indexed.pnr, segment_seq: s.seq, flight_id: null, app_status: app.status, app_total_minor: app.total_minor, app_currency: app.currency,
        });
    return {
      seq: s.seq, booking_id: s.booking_id, chain_state: state,
      chain_amount: paid?.fields?.amount != null ? String(paid.fields.amount) : null,
      last_ledger: mine.at(-1)?.ledger ?? null,
      agrees: v.ok, detail: v.ok ? null : v.detail,
      receipt: segmentReceipt(indexed.events, s.booking_id, state),
    };
  });
  return { pnr: indexed.pnr, segments, events: indexed.events, reconciled: segments.length > 0 && segments.every((s) => s.agrees) };
}
