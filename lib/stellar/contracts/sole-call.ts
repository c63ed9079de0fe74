import { Address, TransactionBuilder, WebAuth, type xdr } from '@stellar/stellar-sdk';

// Reading what a transaction asks a contract to do, for the server's judges of wallet-signed
// transactions (governor votes and proposals, dispute filings): it counts only when its one
// operation invokes `fn` on our contract. The judge then checks the arguments and the source.

interface InvokeContract { type: string; value: { contractAddress: xdr.ScAddress; functionName: unknown; args: xdr.ScVal[] } }
const text = (v: unknown) => (typeof v === 'string' ? v : new TextDecoder().decode((v as { bytes?: Uint8Array }).bytes ?? (v as Uint8Array)));

export interface SoleCall {
  args: xdr.ScVal[];
  /** The (inner) transaction's source account. */
  source: string;
  /** Whether the (inner) envelope carries a valid signature by `account` for this network. */
  signedBy(account: string): boolean;
}

/**
 * The single invocation of `fn` on `contractId` in a transaction envelope (base64 XDR or
 * decoded), or null when the transaction is anything else. Throws on XDR that is not a
 * transaction envelope for `networkPassphrase`.
 */
export function soleContractCall(envelope: string | xdr.TransactionEnvelope, networkPassphrase: string, contractId: string, fn: string): SoleCall | null {
  const tx = TransactionBuilder.fromXDR(envelope, networkPassphrase);
  const inner = 'innerTransaction' in tx ? tx.innerTransaction : tx;
  const op = inner.operations[0];
  const call = op?.type === 'invokeHostFunction' ? (op.func as unknown as InvokeContract) : null;
  if (inner.operations.length !== 1 || call?.type !== 'hostFunctionTypeInvokeContract'
      || Address.fromScAddress(call.value.contractAddress).toString() !== contractId
      || text(call.value.functionName) !== fn) return null;
  // stellar-sdk's own check that a signature on the transaction's hash (for this network) is the account's
  const signedBy = (account: string) => WebAuth.verifyTxSignedBy(inner, account);
  return { args: call.value.args, source: inner.source, signedBy };
}
