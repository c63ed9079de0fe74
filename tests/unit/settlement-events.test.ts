import { readFileSync } from 'node:fs';
import path from 'node:path';
import { StrKey, xdr, type rpc } from '@stellar/stellar-sdk';
import { describe, expect, it } from 'vitest';
import { parseEvent, type RpcEvent } from '@/lib/stellar/events';
import { settlementMoved } from '@/lib/payments/soroban/settlement-events';

// What the settle job records of a confirmed escrow settlement: the escrow's own event in the
// transaction (getTransaction's contract events), here the real contract's events from
// contracts/fixtures/events/escrow.json wrapped as RPC hands them to the SDK.

const fixtures = JSON.parse(readFileSync(path.join(__dirname, '../../contracts/fixtures/events/escrow.json'), 'utf8')) as RpcEvent[];
const named = (name: string) => fixtures.find((e) => parseEvent(e).event === name)!;

const asContractEvent = (e: RpcEvent, contractId = e.contractId) => new xdr.ContractEvent({
  ext: xdr.ExtensionPoint.v0(),
  contractId: new xdr.ContractId(StrKey.decodeContract(contractId)),
  type: xdr.ContractEventType.contract,
  body: xdr.ContractEventBody.v0(new xdr.ContractEventV0({ topics: (e.topic ?? []).map((t) => xdr.ScVal.fromXDR(t, 'base64')), data: xdr.ScVal.fromXDR(e.value, 'base64') })),
});
const response = (events: xdr.ContractEvent[][]) =>
  ({ status: 'SUCCESS', txHash: 'ab'.repeat(32), ledger: 7, events: { contractEventsXdr: events, transactionEventsXdr: [] } }) as unknown as rpc.Api.GetSuccessfulTransactionResponse;

describe('what the escrow paid, from the settlement transaction', () => {
  it('reads a cancellation settlement: refund, airline and fee summing to the booking', () => {
    const e = named('CancellationSettled');
    const f = parseEvent(e).fields as Record<string, string>;
    const moved = settlementMoved(response([[asContractEvent(named('BookingPaid')), asContractEvent(e)]]), e.contractId, f.booking_id);
    expect(moved).toEqual({ event: 'CancellationSettled', refund: f.refund, to_airline: f.to_airline, fee: f.fee });
  });

  it('reads a release as no refund', () => {
    const e = named('PaymentReleased');
    const f = parseEvent(e).fields as Record<string, string>;
    expect(settlementMoved(response([[asContractEvent(e)]]), e.contractId, f.booking_id)).toEqual({ event: 'PaymentReleased', refund: '0', to_airline: f.to_airline, fee: f.fee });
  });

  it('ignores another booking, another contract, and a transaction without events', () => {
    const e = named('CancellationSettled');
    const id = (parseEvent(e).fields as Record<string, string>).booking_id;
    expect(settlementMoved(response([[asContractEvent(e)]]), e.contractId, `${id}1`)).toBeNull();
    const other = StrKey.encodeContract(Buffer.alloc(32, 9));
    expect(settlementMoved(response([[asContractEvent(e, other)]]), e.contractId, id)).toBeNull();
    expect(settlementMoved(response([]), e.contractId, id)).toBeNull();
  });
});
