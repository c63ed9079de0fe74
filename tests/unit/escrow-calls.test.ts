import { Address, Contract, Keypair, StrKey, nativeToScVal, scValToNative, xdr } from '@stellar/stellar-sdk';
import { describe, expect, it } from 'vitest';
import { contractSpec } from '@/lib/stellar/specs';
import { onChainBookingId } from '@/lib/stellar/booking-id';
import { escrow, escrowArgs, toTokenUnits, type EscrowCall } from '@/lib/stellar/contracts/escrow';

// Every escrow call the app makes, encoded from the committed spec, must carry exactly the
// types the contract declares, in its order — checked against the spec itself.

const passenger = Keypair.random().publicKey();
const settler = Keypair.random().publicKey();
const escrowId = StrKey.encodeContract(Buffer.alloc(32, 7));
const bookingId = onChainBookingId('3f146a07-3589-4b51-9462-653b1a626a8d', 1);

const SCV_FOR: Record<string, string> = {
  scSpecTypeAddress: 'scvAddress', scSpecTypeU64: 'scvU64', scSpecTypeI128: 'scvI128', scSpecTypeString: 'scvString', scSpecTypeU32: 'scvU32',
};

function declaredTypes(fn: string): string[] {
  const f = contractSpec('escrow').getFunc(fn) as unknown as { inputs: { type: { type: string } }[] };
  return f.inputs.map((i) => SCV_FOR[i.type.type]);
}

// stellar-sdk 17 XDR: unions are per-arm objects with `.type` and `.value` (no .switch()).
type InvokeContract = { contractAddress: xdr.ScAddress; functionName: { toString(): string }; args: xdr.ScVal[] };
const invocation = (op: xdr.Operation) =>
  (op as unknown as { body: { value: { hostFunction: { value: InvokeContract } } } }).body.value.hostFunction.value;

const calls: [EscrowCall, Record<string, unknown>][] = [
  ['pay_for_booking', escrowArgs.pay_for_booking({ passenger, bookingId, flightId: 42n, amount: toTokenUnits(158600), seat: '12A' })],
  ['release_payment_to_airline', escrowArgs.release_payment_to_airline(settler, bookingId)],
  ['refund_passenger', escrowArgs.refund_passenger(settler, bookingId)],
  ['settle_cancellation', escrowArgs.settle_cancellation(settler, bookingId, toTokenUnits(7500))],
  ['expire', escrowArgs.expire(bookingId)],
  ['get_booking', escrowArgs.get_booking(bookingId)],
];

describe('escrow invocations', () => {
  for (const [fn, args] of calls) {
    it(`${fn}: arguments in the spec's order and types, values intact`, () => {
      const vals = escrow.encode(fn, args as never);
      expect(vals.map((v) => v.type)).toEqual(declaredTypes(fn));
      expect(vals.map((v) => scValToNative(v))).toEqual(Object.values(args));
      const op = escrow.operation(escrowId, fn, args as never);
      const invoke = invocation(op);
      expect(invoke.functionName.toString()).toBe(fn);
      expect(Address.fromScAddress(invoke.contractAddress).toString()).toBe(escrowId);
      expect(invoke.args.map((a) => a.toXDR('base64'))).toEqual(vals.map((v) => v.toXDR('base64')));
    });
  }

  it('converts cents to 7-decimal token units and refuses non-positive amounts', () => {
    expect(toTokenUnits(158600)).toBe(1_586_0000000n);
    expect(() => toTokenUnits(0)).toThrow(RangeError);
    expect(() => escrowArgs.pay_for_booking({ passenger, bookingId, flightId: 1n, amount: 0n, seat: '1A' })).toThrow(/positive/);
  });

  it('refuses an address that is not one, and ids beyond u64', () => {
    expect(() => escrowArgs.refund_passenger('GNOPE', bookingId)).toThrow(/Stellar address/);
    expect(() => escrowArgs.expire(2n ** 64n)).toThrow(/u64/);
  });

  it('decodes a get_booking result by the spec', () => {
    const booking = xdr.ScVal.scvMap([
      ['airline', nativeToScVal(Keypair.random().publicKey(), { type: 'address' })],
      ['amount', nativeToScVal(15_860_000_000n, { type: 'i128' })],
      ['deadline', nativeToScVal(1_800_000_000n, { type: 'u64' })],
      ['fee_bps', nativeToScVal(250, { type: 'u32' })],
      ['flight_id', nativeToScVal(42n, { type: 'u64' })],
      ['id', nativeToScVal(bookingId, { type: 'u64' })],
      ['paid_at', nativeToScVal(1_790_000_000n, { type: 'u64' })],
      ['passenger', nativeToScVal(passenger, { type: 'address' })],
      ['receipt_id', xdr.ScVal.scvVoid()],
      ['refund_unlock_at', nativeToScVal(0n, { type: 'u64' })],
      ['state', nativeToScVal(1, { type: 'u32' })], // BookingState is a u32 enum
    ].map(([k, v]) => new xdr.ScMapEntry({ key: nativeToScVal(k, { type: 'symbol' }), val: v as xdr.ScVal })));
    expect(escrow.decode('get_booking', booking)).toMatchObject({ id: bookingId, passenger, amount: 15_860_000_000n, flight_id: 42n });
  });

  it('uses the contract the spec describes', () => {
    expect(new Contract(escrowId).contractId()).toBe(escrowId);
  });
});
