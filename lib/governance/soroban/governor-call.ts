import type { rpc, xdr } from '@stellar/stellar-sdk';
import { soleContractCall } from '@/lib/stellar/contracts/sole-call';

// What the governor judges (vote, propose, cancel) share: a transaction read from RPC counts only
// when its one operation invokes our governor's `fn`. Each judge then checks the arguments.

/** The arguments of the transaction's single invocation of `fn` on the governor, or null when it is anything else. */
export function soleGovernorCall(
  res: rpc.Api.GetSuccessfulTransactionResponse,
  target: { governorContractId: string; networkPassphrase: string },
  fn: string,
): xdr.ScVal[] | null {
  return soleContractCall(res.envelopeXdr, target.networkPassphrase, target.governorContractId, fn)?.args ?? null;
}
