import { Address, rpc, TransactionBuilder, type xdr } from '@stellar/stellar-sdk';

// What the governor judges (vote, propose, cancel) share: a transaction read from RPC counts only
// when its one operation invokes our governor's `fn`. Each judge then checks the arguments.

interface InvokeContract { type: string; value: { contractAddress: xdr.ScAddress; functionName: unknown; args: xdr.ScVal[] } }
const text = (v: unknown) => (typeof v === 'string' ? v : new TextDecoder().decode((v as { bytes?: Uint8Array }).bytes ?? (v as Uint8Array)));

/** The arguments of the transaction's single invocation of `fn` on the governor, or null when it is anything else. */
export function soleGovernorCall(
  res: rpc.Api.GetSuccessfulTransactionResponse,
  target: { governorContractId: string; networkPassphrase: string },
  fn: string,
): xdr.ScVal[] | null {
  const tx = TransactionBuilder.fromXDR(res.envelopeXdr, target.networkPassphrase);
  const inner = 'innerTransaction' in tx ? tx.innerTransaction : tx;
  const op = inner.operations[0];
  const call = op?.type === 'invokeHostFunction' ? (op.func as unknown as InvokeContract) : null;
  if (inner.operations.length !== 1 || call?.type !== 'hostFunctionTypeInvokeContract'
      || Address.fromScAddress(call.value.contractAddress).toString() !== target.governorContractId
      || text(call.value.functionName) !== fn) return null;
  return call.value.args;
}
