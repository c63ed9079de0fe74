import { StrKey, type rpc } from '@stellar/stellar-sdk';
import { parseEvent } from '@/lib/stellar/events';

// What the escrow paid out for one of its bookings in a settlement transaction, read from that
// transaction's own contract events (getTransaction), decoded by the indexer's decoder. The app
// decides the refund; the escrow takes its fee out of the rest at the rate it captured when the
// booking was paid (split_fee), so the airline's share and the fee are known only from here.
// Token base units as decimal strings: refund + to_airline + fee = the escrowed amount. Where
// points paid part of the booking, `to_sponsor` is the part of `refund` the escrow sent back to
// the loyalty-liability account (its `sponsor_refunded` event); the payer received the rest.

export type SettlementMoved = {
  event: 'CancellationSettled' | 'PaymentReleased';
  refund: string;
  to_airline: string;
  fee: string;
  to_sponsor?: string;
};

export function settlementMoved(res: rpc.Api.GetSuccessfulTransactionResponse, escrowContractId: string, chainBookingId: string): SettlementMoved | null {
  const lists = res.events?.contractEventsXdr ?? [];
  let toSponsor: string | undefined;
  for (const e of lists.flat()) {
    if (!e.contractId) continue;
    const contractId = StrKey.encodeContract(Buffer.from(e.contractId.value));
    if (contractId !== escrowContractId || e.body.type !== 'v0') continue;
    const ev = parseEvent({
      type: 'contract', id: '', ledger: res.ledger, ledgerClosedAt: '', contractId, txHash: res.txHash,
      topic: e.body.v0.topics.map((t) => t.toXdr('base64')), value: e.body.v0.data.toXdr('base64'),
    });
    if (ev.bookingId !== chainBookingId || !ev.fields) continue;
    const f = ev.fields as Record<string, unknown>;
    // published before the refund's own event
    if (ev.event === 'SponsorRefunded') toSponsor = String(f.amount);
    if (ev.event === 'CancellationSettled') {
      return { event: ev.event, refund: String(f.refund), to_airline: String(f.to_airline), fee: String(f.fee), ...(toSponsor && { to_sponsor: toSponsor }) };
    }
    if (ev.event === 'PaymentReleased') return { event: ev.event, refund: '0', to_airline: String(f.to_airline), fee: String(f.fee) };
  }
  return null;
}
