import 'server-only';
import { rpc, TransactionBuilder } from '@stellar/stellar-sdk';
import { HttpProblem } from '@/lib/http/problem';
import { rpcServer } from '@/lib/stellar/rpc';
import type { DisputesChain } from './target';

// Sending a wallet-signed disputes call the server has judged, and reading what became of it:
// the network's refusal of the envelope is 422 naming signed_xdr; not landed within the wait
// (or reported by hash and not seen yet) is `pending` with the hash for the browser to report
// again; failed on chain is 422 naming tx_hash with the call's own sentence. Filing, appeal and
// reward claim share it.

export const refuse = (status: number, field: string, message: string) => new HttpProblem(status, message, [{ field, message }]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface SignedInput { signed_xdr?: string; tx_hash?: string }
export type Landed = { pending: true; hash: string } | { pending: false; hash: string; tx: rpc.Api.GetSuccessfulTransactionResponse };

/** Sends `signed_xdr` (already judged) or looks up `tx_hash`; `failed` is what a transaction the contract refused means. */
export async function sendSigned(chain: DisputesChain, input: SignedInput, failed: string, waitMs = 20_000): Promise<Landed> {
  const server = rpcServer(chain);
  let hash = input.tx_hash ?? null;
  if (input.signed_xdr) {
    const sent = await server.sendTransaction(TransactionBuilder.fromXDR(input.signed_xdr, chain.networkPassphrase));
    if (sent.status === 'ERROR' || sent.status === 'TRY_AGAIN_LATER') {
      throw refuse(422, 'signed_xdr', sent.status === 'ERROR' ? 'The network refused the transaction (its sequence number or fee); build and sign it again.' : 'The network is busy; try again in a moment.');
    }
    hash = sent.hash;
  }
  if (!hash) throw refuse(422, 'signed_xdr', 'signed_xdr or tx_hash is required.');
  const deadline = Date.now() + (input.signed_xdr ? waitMs : 0);
  let res = await server.getTransaction(hash);
  while (res.status === rpc.Api.GetTransactionStatus.NOT_FOUND && Date.now() < deadline) {
    await sleep(500);
    res = await server.getTransaction(hash);
  }
  if (res.status === rpc.Api.GetTransactionStatus.NOT_FOUND) return { pending: true, hash };
  if (res.status === rpc.Api.GetTransactionStatus.FAILED) throw refuse(422, 'tx_hash', failed);
  return { pending: false, hash, tx: res };
}
