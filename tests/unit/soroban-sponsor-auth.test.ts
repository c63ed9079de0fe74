import { Address, hash, Keypair, Networks, scValToNative, xdr } from '@stellar/stellar-sdk';
import { describe, expect, it } from 'vitest';
import { contractSpec } from '@/lib/stellar/specs';
import { payerAuthEntry } from '@/lib/payments/soroban/payer-auth';
import { buildPaymentQuote, signPaymentQuote, type ChainPaymentTerms } from '@/lib/payments/soroban/quote';
import { signSponsorAuth, sponsoredTotal } from '@/lib/payments/soroban/sponsor-auth';

// The loyalty-liability account's authorisation of a `pay_quoted` whose quote it sponsors, as
// the server signs it with the quote, and the payer's own entry the browser puts beside it. The
// devnet tests run both through the real host (tests/devnet/chain-points.test.ts); here, what the
// entries say and that the signature is the account's over exactly that call.

const ESCROW = 'CA3D5KRYM6CB7OWQ6TWYRR3Z4T7GNZLKERYNZGGA5SOAOPIFY6YQGAXE';
const TOKEN = 'CAS3J7GYLGXMF6TDJBBYYSE3HQ6BBSMLNUQ34T6TZMYMW2EVH34XOWMA';
const quoteKey = Keypair.fromRawEd25519Seed(Buffer.alloc(32, 7));
const liability = Keypair.fromRawEd25519Seed(Buffer.alloc(32, 13));
const payer = Keypair.fromRawEd25519Seed(Buffer.alloc(32, 9)).publicKey();
const now = new Date('2026-12-01T10:00:00Z');
const terms: ChainPaymentTerms = {
  booking_id: '6f1c0b0e-2b1d-4c1e-9d5e-3a7f2b1c0d9e', pnr: 'ABC234', currency: 'USD', base_minor: 180_00, total_minor: 222_21,
  hold_expires_at: '2026-12-01T10:10:00Z',
  items: [
    { seq: 1, chain_booking_id: '1234567890123', flight_id: 41, flight_number: 'BA117', airline: 'BA', payout_address: null, share_minor: 123_45,
      departs_at: '2026-12-05T08:00:00Z', arrives_at: '2026-12-05T16:00:00Z' },
    { seq: 2, chain_booking_id: '987654321', flight_id: 42, flight_number: 'AA100', airline: 'AA', payout_address: null, share_minor: 98_76,
      departs_at: '2026-12-05T18:00:00Z', arrives_at: '2026-12-05T21:30:00Z' },
  ],
};
const quote = buildPaymentQuote(terms, payer, { escrow: ESCROW, clearing: ESCROW }, now, { sponsor: liability.publicKey(), sponsoredMinor: [27_78, 22_22] });
const signature = signPaymentQuote(quote, quoteKey);
const entryOf = async () => xdr.SorobanAuthorizationEntry.fromXdr(await signSponsorAuth(liability, {
  escrow: ESCROW, token: TOKEN, quote, signature, validUntilLedger: 5_000, networkPassphrase: Networks.TESTNET,
}), 'base64');

const fnOf = (inv: xdr.SorobanAuthorizedInvocation) => {
  if (inv.function.type !== 'sorobanAuthorizedFunctionTypeContractFn') throw new Error(`not a contract call: ${inv.function.type}`);
  const c = inv.function.contractFn;
  return { contract: Address.fromScAddress(c.contractAddress).toString(), fn: c.functionName.toString(), args: c.args };
};
const addressCredentials = (entry: xdr.SorobanAuthorizationEntry) => {
  if (entry.credentials.type !== 'sorobanCredentialsAddress') throw new Error(`not classic address credentials: ${entry.credentials.type}`);
  return entry.credentials.address;
};

describe('the sponsor’s authorisation', () => {
  it('covers exactly this pay_quoted and, beneath it, the token transfer of the sponsored parts', async () => {
    const entry = await entryOf();
    const root = fnOf(entry.rootInvocation);
    expect([root.contract, root.fn]).toEqual([ESCROW, 'pay_quoted']);
    const expected = contractSpec('escrow').funcArgsToScVals('pay_quoted', { quote, signature });
    expect(root.args.map((a) => a.toXdr('base64'))).toEqual(expected.map((a) => a.toXdr('base64')));
    const subs = entry.rootInvocation.subInvocations;
    expect(subs).toHaveLength(1);
    const transfer = fnOf(subs[0]);
    expect([transfer.contract, transfer.fn]).toEqual([TOKEN, 'transfer']);
    expect(transfer.args.map((a) => scValToNative(a))).toEqual([liability.publicKey(), ESCROW, 50_00n * 100_000n]);
    expect(sponsoredTotal(quote)).toBe(500_000_000n);
  });

  it('is signed by the liability account over this network, nonce and expiry', async () => {
    const entry = await entryOf();
    const creds = addressCredentials(entry);
    expect(Address.fromScAddress(creds.address).toString()).toBe(liability.publicKey());
    expect(creds.signatureExpirationLedger).toBe(5_000);
    const preimage = xdr.HashIdPreimage.envelopeTypeSorobanAuthorization(new xdr.HashIdPreimageSorobanAuthorization({
      networkId: hash(Buffer.from(Networks.TESTNET)), nonce: creds.nonce, signatureExpirationLedger: 5_000, invocation: entry.rootInvocation,
    }));
    const [sig] = scValToNative(creds.signature) as { public_key: Uint8Array; signature: Uint8Array }[];
    expect(Buffer.from(sig.public_key).equals(liability.rawPublicKey())).toBe(true);
    expect(liability.verify(hash(Buffer.from(preimage.toXdr())), Buffer.from(sig.signature))).toBe(true);
    // each quote gets its own nonce: an entry cannot be replayed on another payment
    expect(addressCredentials(await entryOf()).nonce).not.toBe(creds.nonce);
  });

  it('is refused for a quote that names another sponsor, or none', async () => {
    const other = Keypair.random();
    const args = { escrow: ESCROW, token: TOKEN, quote, signature, validUntilLedger: 1, networkPassphrase: Networks.TESTNET };
    await expect(signSponsorAuth(other, args)).rejects.toThrow(/another sponsor/);
    const plain = buildPaymentQuote(terms, payer, { escrow: ESCROW, clearing: ESCROW }, now);
    await expect(signSponsorAuth(liability, { ...args, quote: plain })).rejects.toThrow(/sponsor/);
  });
});

describe('the payer’s authorisation beside it', () => {
  it('is the same call with the payer’s own transfer, credited to the transaction’s source', async () => {
    const sponsor = await entryOf();
    const entry = payerAuthEntry(sponsor, payer, ESCROW, 222_21n * 100_000n - 500_000_000n);
    expect(entry.credentials.type).toBe('sorobanCredentialsSourceAccount');
    expect(entry.rootInvocation.function.toXdr('base64')).toBe(sponsor.rootInvocation.function.toXdr('base64'));
    const [t] = entry.rootInvocation.subInvocations.map(fnOf);
    expect([t.contract, t.fn]).toEqual([TOKEN, 'transfer']);
    expect(t.args.map((a) => scValToNative(a))).toEqual([payer, ESCROW, 1_722_100_000n]);
    // a payment points pay wholly: the payer consents to the call and moves nothing
    expect(payerAuthEntry(sponsor, payer, ESCROW, 0n).rootInvocation.subInvocations).toHaveLength(0);
  });
});
