import { Account, Contract, Keypair, Networks, TransactionBuilder, rpc, xdr } from '@stellar/stellar-sdk';
import { describe, expect, it } from 'vitest';
import { contractSpec } from '@/lib/stellar/specs';
import { buildPaymentQuote, quoteFromJson, quoteMessage, quoteToJson, signPaymentQuote, splitDiscount, type ChainPaymentTerms, type PaymentQuote } from '@/lib/payments/soroban/quote';
import { failureReason, judgePayment } from '@/lib/payments/soroban/verify';

const ESCROW = 'CA3D5KRYM6CB7OWQ6TWYRR3Z4T7GNZLKERYNZGGA5SOAOPIFY6YQGAXE';
const OTHER = 'CAS3J7GYLGXMF6TDJBBYYSE3HQ6BBSMLNUQ34T6TZMYMW2EVH34XOWMA';
const server = Keypair.fromRawEd25519Seed(Buffer.alloc(32, 7));
const payer = Keypair.fromRawEd25519Seed(Buffer.alloc(32, 9));
const airline = Keypair.fromRawEd25519Seed(Buffer.alloc(32, 11)).publicKey();
const now = new Date('2026-12-01T10:00:00Z');

const terms: ChainPaymentTerms = {
  booking_id: '6f1c0b0e-2b1d-4c1e-9d5e-3a7f2b1c0d9e', pnr: 'ABC234', currency: 'USD', base_minor: 180_00, total_minor: 123_45 + 98_76,
  hold_expires_at: '2026-12-01T10:10:00Z',
  items: [
    { seq: 1, chain_booking_id: '1234567890123', flight_id: 41, flight_number: 'BA117', airline: 'BA', payout_address: airline, share_minor: 123_45,
      departs_at: '2026-12-05T08:00:00Z', arrives_at: '2026-12-05T16:00:00Z' },
    { seq: 2, chain_booking_id: '987654321', flight_id: 42, flight_number: 'AA100', airline: 'AA', payout_address: null, share_minor: 98_76,
      departs_at: '2026-12-05T18:00:00Z', arrives_at: '2026-12-05T21:30:00Z' },
  ],
};

describe('payment quotes', () => {
  it('states each segment in token units, paid to the airline or else the clearing account, ending with the hold', () => {
    const q = buildPaymentQuote(terms, payer.publicKey(), { escrow: ESCROW, clearing: server.publicKey() }, now);
    expect(q.passenger).toBe(payer.publicKey());
    expect(q.escrow).toBe(ESCROW);
    expect(q.items.map((i) => [i.booking_id, i.amount, i.airline, i.flight_number])).toEqual([
      [1234567890123n, 1_234_500_000n, airline, 'BA117'],
      [987654321n, 987_600_000n, server.publicKey(), 'AA100'],
    ]);
    expect(q.items[0].departure).toBe(BigInt(Date.parse('2026-12-05T08:00:00Z') / 1000));
    // App flights are quoted in their own id space (top bit set), apart from registry flights.
    expect(q.items.map((i) => i.flight_id)).toEqual([(1n << 63n) + 41n, (1n << 63n) + 42n]);
    // The hold ends in 10 minutes: sooner than the 15-minute cap.
    expect(q.expires_at).toBe(BigInt(Date.parse(terms.hold_expires_at) / 1000));
    const longHold = buildPaymentQuote({ ...terms, hold_expires_at: '2026-12-01T12:00:00Z' }, payer.publicKey(), { escrow: ESCROW, clearing: server.publicKey() }, now);
    expect(longHold.expires_at).toBe(BigInt(now.getTime() / 1000 + 15 * 60));
  });

  it('refuses a payer that is not a Stellar account', () => {
    expect(() => buildPaymentQuote(terms, ESCROW, { escrow: ESCROW, clearing: server.publicKey() }, now)).toThrow(/Stellar account/);
  });

  it('signs the ScVal XDR of the quote argument, and the signature breaks when any field changes', () => {
    const q = buildPaymentQuote(terms, payer.publicKey(), { escrow: ESCROW, clearing: server.publicKey() }, now);
    const sig = signPaymentQuote(q, server);
    const message = quoteMessage(q);
    expect(server.verify(Buffer.from(message), sig)).toBe(true);
    // The message is exactly what the escrow's argument decodes from: a map with the spec's fields.
    const decoded = contractSpec('escrow').scValToNative(xdr.ScVal.fromXDR(Buffer.from(message)), contractSpec('escrow').getFunc('pay_quoted').inputs[0].type) as PaymentQuote;
    expect(decoded.items[1].amount).toBe(q.items[1].amount);
    const tampered: PaymentQuote = { ...q, items: [q.items[0], { ...q.items[1], amount: q.items[1].amount - 1n }] };
    expect(server.verify(Buffer.from(quoteMessage(tampered)), sig)).toBe(false);
    const otherPayer: PaymentQuote = { ...q, passenger: Keypair.random().publicKey() };
    expect(server.verify(Buffer.from(quoteMessage(otherPayer)), sig)).toBe(false);
  });

  it('names no sponsor and sponsors nothing without points', () => {
    const q = buildPaymentQuote(terms, payer.publicKey(), { escrow: ESCROW, clearing: server.publicKey() }, now);
    expect(q.sponsor).toBeNull();
    expect(q.items.map((i) => i.sponsored)).toEqual([0n, 0n]);
  });

  it('states the sponsored part of each segment in token units, and names the sponsor only when it pays', () => {
    const liability = Keypair.fromRawEd25519Seed(Buffer.alloc(32, 13)).publicKey();
    const q = buildPaymentQuote(terms, payer.publicKey(), { escrow: ESCROW, clearing: server.publicKey() }, now, { sponsor: liability, sponsoredMinor: [25_00, 19_99] });
    expect(q.sponsor).toBe(liability);
    expect(q.items.map((i) => [i.amount, i.sponsored])).toEqual([[1_234_500_000n, 250_000_000n], [987_600_000n, 199_900_000n]]);
    const none = buildPaymentQuote(terms, payer.publicKey(), { escrow: ESCROW, clearing: server.publicKey() }, now, { sponsor: liability, sponsoredMinor: [0, 0] });
    expect(none.sponsor).toBeNull();
    // never more than a segment's share, never negative
    expect(() => buildPaymentQuote(terms, payer.publicKey(), { escrow: ESCROW, clearing: server.publicKey() }, now, { sponsor: liability, sponsoredMinor: [123_46, 0] })).toThrow(RangeError);
    expect(() => buildPaymentQuote(terms, payer.publicKey(), { escrow: ESCROW, clearing: server.publicKey() }, now, { sponsor: liability, sponsoredMinor: [-1, 0] })).toThrow(RangeError);
    // the sponsor and its parts are signed: changing either breaks the signature
    const sig = signPaymentQuote(q, server);
    const more: PaymentQuote = { ...q, items: [{ ...q.items[0], sponsored: q.items[0].sponsored + 1n }, q.items[1]] };
    expect(server.verify(Buffer.from(quoteMessage(more)), sig)).toBe(false);
    expect(server.verify(Buffer.from(quoteMessage({ ...q, sponsor: payer.publicKey() })), sig)).toBe(false);
    expect(quoteFromJson(JSON.parse(JSON.stringify(quoteToJson(q))))).toEqual(q);
  });

  it('survives the JSON trip to the browser unchanged', () => {
    const q = buildPaymentQuote(terms, payer.publicKey(), { escrow: ESCROW, clearing: server.publicKey() }, now);
    const back = quoteFromJson(JSON.parse(JSON.stringify(quoteToJson(q))));
    expect(back).toEqual(q);
    expect(Buffer.from(quoteMessage(back)).equals(Buffer.from(quoteMessage(q)))).toBe(true);
  });
});

// ---- the server's verdict on a transaction it read from RPC ------------------------------------

const quote = buildPaymentQuote(terms, payer.publicKey(), { escrow: ESCROW, clearing: server.publicKey() }, now);
function envelope(contractId = ESCROW, fn = 'pay_quoted') {
  const args = contractSpec('escrow').funcArgsToScVals('pay_quoted', { quote, signature: signPaymentQuote(quote, server) });
  const tx = new TransactionBuilder(new Account(payer.publicKey(), '10'), { fee: '100', networkPassphrase: Networks.TESTNET })
    .addOperation(new Contract(contractId).call(fn, ...args)).setTimeout(60).build();
  tx.sign(payer);
  return tx.toEnvelope();
}
function escrowBookings(overrides: { amount?: bigint; drop?: boolean } = {}) {
  const items = overrides.drop ? quote.items.slice(0, 1) : quote.items;
  const value = items.map((i, n) => ({
    id: i.booking_id, passenger: payer.publicKey(), airline: i.airline, flight_id: i.flight_id,
    amount: n === 1 && overrides.amount !== undefined ? overrides.amount : i.amount, fee_bps: 250, state: 0,
    paid_at: 1n, deadline: i.arrival + 86_400n, refund_unlock_at: 0n, receipt_id: undefined,
  }));
  return contractSpec('escrow').nativeToScVal(value, contractSpec('escrow').getFunc('pay_quoted').outputs[0]);
}
const success = (env = envelope(), returnValue = escrowBookings()) =>
  ({ status: rpc.Api.GetTransactionStatus.SUCCESS, ledger: 777, createdAt: 1_764_583_200, envelopeXdr: env, returnValue }) as unknown as rpc.Api.GetTransactionResponse;
const expectation = { escrowContractId: ESCROW, networkPassphrase: Networks.TESTNET, terms };

describe('judgePayment', () => {
  it('confirms a successful pay_quoted on our escrow that paid every segment in full', () => {
    // quoteRef: the quote it paid (the platform's signature, the call's second argument), which
    // names the points held for it
    expect(judgePayment(success(), expectation)).toEqual({
      status: 'confirmed', ledger: 777, closedAt: new Date(1_764_583_200_000).toISOString(), payer: payer.publicKey(),
      quoteRef: signPaymentQuote(quote, server).toString('hex'),
    });
  });

  it('waits while RPC has not seen the transaction', () => {
    expect(judgePayment({ status: rpc.Api.GetTransactionStatus.NOT_FOUND } as rpc.Api.GetTransactionResponse, expectation)).toEqual({ status: 'pending' });
  });

  it.each([
    ['another contract', () => success(envelope(OTHER))],
    ['another function', () => success(envelope(ESCROW, 'pay_for_booking'))],
  ])('refuses a transaction to %s', (_, res) => {
    expect(judgePayment(res(), expectation)).toEqual({ status: 'failed', reason: 'The transaction is not a payment into the Traqora escrow.' });
  });

  it('refuses a result that paid less, or skipped a segment', () => {
    expect(judgePayment(success(envelope(), escrowBookings({ amount: 1n })), expectation)).toMatchObject({ status: 'failed', reason: /another amount for segment 2/ });
    expect(judgePayment(success(envelope(), escrowBookings({ drop: true })), expectation)).toMatchObject({ status: 'failed', reason: /did not pay segment 2/ });
  });

  it('reports a failed transaction with its reason', () => {
    const trapped = new xdr.TransactionResult({
      feeCharged: 100n,
      result: xdr.TransactionResultResult.txFailed([
        xdr.OperationResult.opInner(xdr.OperationResultTr.invokeHostFunction(xdr.InvokeHostFunctionResult.invokeHostFunctionTrapped())),
      ]),
      ext: xdr.TransactionResultExt.v0(),
    });
    expect(failureReason(trapped)).toBe('The escrow contract refused the payment.');
    const res = { status: rpc.Api.GetTransactionStatus.FAILED, resultXdr: trapped } as unknown as rpc.Api.GetTransactionResponse;
    expect(judgePayment(res, expectation)).toEqual({ status: 'failed', reason: 'The escrow contract refused the payment.' });
    const late = new xdr.TransactionResult({ feeCharged: 100n, result: xdr.TransactionResultResult.txTooLate(), ext: xdr.TransactionResultExt.v0() });
    expect(failureReason(late)).toMatch(/after it expired/);
  });
});

// The contract side exported a quote it accepted (contracts/exports/tests/quote_fixture.rs): our
// encoder must produce the very bytes the escrow verifies, and our signer the same signature.
describe('the escrow’s own quote fixture', () => {
  it('encodes byte for byte like the contract and signs identically', async () => {
    const { readFileSync } = await import('node:fs');
    const fixture = JSON.parse(readFileSync('contracts/fixtures/quotes/pay_quoted.json', 'utf8'));
    const q = quoteFromJson(fixture.quote);
    expect(Buffer.from(quoteMessage(q)).toString('base64')).toBe(fixture.quote_xdr_base64);
    const signer = Keypair.fromRawEd25519Seed(Buffer.from(fixture.signer_seed_hex, 'hex'));
    expect(Buffer.from(signer.rawPublicKey()).toString('hex')).toBe(fixture.signer_public_hex);
    expect(signPaymentQuote(q, signer).toString('hex')).toBe(fixture.signature_hex);
    expect(q.items.every((i) => i.flight_id >= 1n << 63n)).toBe(true);
  });
});

describe('MAX_QUOTE_ITEMS', () => {
  it('is the escrow contract’s own limit (contracts/common), so the app refuses what the contract would', async () => {
    const { readFile } = await import('node:fs/promises');
    const rust = await readFile('contracts/common/src/lib.rs', 'utf8');
    const { MAX_QUOTE_ITEMS } = await import('@/lib/payments/soroban/quote');
    expect(Number(/pub const MAX_QUOTE_ITEMS: u32 = (\d+);/.exec(rust)?.[1])).toBe(MAX_QUOTE_ITEMS);
  });
});

describe('splitDiscount', () => {
  it('spreads points’ discount over the segments by share, in cents summing exactly to it', () => {
    expect(splitDiscount(0, [123_45, 98_76])).toEqual([0, 0]);
    expect(splitDiscount(100_00, [100_00, 100_00])).toEqual([50_00, 50_00]);
    // 1 cent over three equal shares: the first gets it (ties go to earlier segments)
    expect(splitDiscount(1, [10, 10, 10])).toEqual([1, 0, 0]);
    // 50.00 over 123.45 / 98.76: 27.78 / 22.22 by largest remainder
    const parts = splitDiscount(50_00, [123_45, 98_76]);
    expect(parts).toEqual([27_78, 22_22]);
    expect(parts.reduce((a, b) => a + b)).toBe(50_00);
    // the whole total: each segment wholly
    expect(splitDiscount(222_21, [123_45, 98_76])).toEqual([123_45, 98_76]);
    for (let d = 0; d <= 300; d += 7) {
      const p = splitDiscount(d, [101, 3, 199]);
      expect(p.reduce((a, b) => a + b)).toBe(d);
      expect(p.every((x, i) => x >= 0 && x <= [101, 3, 199][i])).toBe(true);
    }
    expect(() => splitDiscount(222_22, [123_45, 98_76])).toThrow(RangeError);
    expect(() => splitDiscount(-1, [1])).toThrow(RangeError);
  });
});
