import type { ChainEvent } from '@/lib/stellar/events';

// The indexer's storage shape for a decoded chain event (lib/stellar/events decodes; this only
// renames for the database).

/** The row shape `public.record_chain_events` takes (snake_case, JSON only). */
export function toEventRow(ev: ChainEvent) {
  return {
    id: ev.id,
    ledger: ev.ledger,
    closed_at: ev.closedAt,
    contract_id: ev.contractId,
    contract: ev.contract,
    action: ev.action,
    event: ev.event,
    topics: ev.topics,
    value: ev.value,
    fields: ev.fields,
    booking_id: ev.bookingId,
    topic_xdr: ev.raw.topic,
    value_xdr: ev.raw.value,
    tx_hash: ev.txHash,
    successful: ev.successful,
  };
}
