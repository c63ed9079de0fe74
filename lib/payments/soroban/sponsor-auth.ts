import { Address, authorizeInvocation, nativeToScVal, xdr, type Keypair } from '@stellar/stellar-sdk';
import { contractSpec } from '@/lib/stellar/specs';
import type { PaymentQuote } from './quote-json';

// When points pay part of a wallet payment, the escrow's `pay_quoted` takes that part from the
// platform's loyalty-liability account (the quote's `sponsor`), which must authorise it like any
// Soroban address: a SorobanAuthorizationEntry signed by its key, for exactly this call. The
// server knows the whole call when it signs the quote (the quote, its signature, the escrow and
// the token), so it signs the entry then and hands it to the browser with the quote; the wallet's
// transaction carries it next to the payer's own authorisation. The entry authorises nothing
// else: another quote, another amount or another escrow is another invocation tree, and its nonce
// is spent by the payment (a second use fails in the host).

/** The sponsored parts of a quote, in token units. */
export function sponsoredTotal(quote: PaymentQuote): bigint {
  return quote.items.reduce((sum, i) => sum + i.sponsored, 0n);
}

/**
 * The invocation tree the sponsor's `require_auth` in `pay_quoted` checks: the call itself, with
 * the token's `transfer(sponsor, escrow, Σ sponsored)` the escrow makes under it.
 */
export function sponsorInvocation(p: { escrow: string; token: string; quote: PaymentQuote; signature: Uint8Array }): xdr.SorobanAuthorizedInvocation {
  if (!p.quote.sponsor) throw new TypeError('the quote names no sponsor');
  const args = contractSpec('escrow').funcArgsToScVals('pay_quoted', { quote: p.quote, signature: Buffer.from(p.signature) });
  const call = (contract: string, fn: string, a: xdr.ScVal[]) =>
    xdr.SorobanAuthorizedFunction.sorobanAuthorizedFunctionTypeContractFn(
      new xdr.InvokeContractArgs({ contractAddress: new Address(contract).toScAddress(), functionName: fn, args: a }));
  const transfer = call(p.token, 'transfer', [
    new Address(p.quote.sponsor).toScVal(), new Address(p.escrow).toScVal(), nativeToScVal(sponsoredTotal(p.quote), { type: 'i128' }),
  ]);
  return new xdr.SorobanAuthorizedInvocation({
    function: call(p.escrow, 'pay_quoted', args),
    subInvocations: [new xdr.SorobanAuthorizedInvocation({ function: transfer, subInvocations: [] })],
  });
}

/**
 * The liability account's signed authorisation of this payment, as base64 XDR. A random nonce;
 * valid until `validUntilLedger`, which the caller sets past the quote's own expiry (after
 * that the escrow refuses the quote anyway). Classic address credentials (`authV2: false`): the
 * CAP-71 form SDK 17 defaults to is not accepted by the protocol the contracts are built for.
 */
export async function signSponsorAuth(
  liability: Keypair,
  p: { escrow: string; token: string; quote: PaymentQuote; signature: Uint8Array; validUntilLedger: number; networkPassphrase: string },
): Promise<string> {
  if (p.quote.sponsor !== liability.publicKey()) throw new TypeError('the quote names another sponsor');
  const entry = await authorizeInvocation({
    signer: liability, validUntilLedgerSeq: p.validUntilLedger, invocation: sponsorInvocation(p), networkPassphrase: p.networkPassphrase,
    publicKey: liability.publicKey(), authV2: false,
  });
  return entry.toXdr('base64');
}
