import { Address, nativeToScVal, xdr } from '@stellar/stellar-sdk';

// The transaction of a payment that points help pay carries two authorisations of the same
// `pay_quoted` call: the loyalty-liability account's, signed by the server with the quote
// (lib/payments/soroban/sponsor-auth.ts), and the payer's own. The payer is the transaction's
// source, so theirs needs no signature of its own (the envelope's covers it): the same call,
// with the token transfer of the payer's part beneath it.

/** The payer's authorisation entry, built from the sponsor's (same call, same token). */
export function payerAuthEntry(sponsorEntry: xdr.SorobanAuthorizationEntry, payer: string, escrow: string, payerPart: bigint): xdr.SorobanAuthorizationEntry {
  const root = sponsorEntry.rootInvocation;
  const sub = root.subInvocations[0]?.function;
  if (sub?.type !== 'sorobanAuthorizedFunctionTypeContractFn') throw new TypeError('the sponsor authorisation has no token transfer');
  const transfer = new xdr.SorobanAuthorizedInvocation({
    function: xdr.SorobanAuthorizedFunction.sorobanAuthorizedFunctionTypeContractFn(new xdr.InvokeContractArgs({
      contractAddress: sub.contractFn.contractAddress,
      functionName: 'transfer',
      args: [new Address(payer).toScVal(), new Address(escrow).toScVal(), nativeToScVal(payerPart, { type: 'i128' })],
    })),
    subInvocations: [],
  });
  return new xdr.SorobanAuthorizationEntry({
    credentials: xdr.SorobanCredentials.sorobanCredentialsSourceAccount(),
    // a wholly sponsored payment still needs the payer's consent to the call, with no transfer
    rootInvocation: new xdr.SorobanAuthorizedInvocation({ function: root.function, subInvocations: payerPart > 0n ? [transfer] : [] }),
  });
}
