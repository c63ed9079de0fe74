import 'server-only';
import { rpc, scValToNative, TransactionBuilder } from '@stellar/stellar-sdk';
import type { Viewer } from '@/lib/auth/types';
import { db } from '@/lib/db/connect';
import { HttpProblem } from '@/lib/http/problem';
import { rpcServer } from '@/lib/stellar/rpc';
import type { Dispute } from '@/lib/disputes/types';
import { judgeFiling } from './judge-filing';
import { filedFields, readChainDispute } from './state';
import { disputesChain } from './target';

// Filing with the on-chain jury: the party's wallet builds and signs `file_dispute` (with the
// contract's stake) in the browser and hands the signed transaction to the server, which checks
// it (judge-filing.ts) before anything reaches the network, sends it, and records the dispute
// once RPC says it landed, from the contract's own get_dispute. Not landed within the wait: 202
// with the hash; the browser reports the hash again and the server reads it from RPC.

export interface FilingInput { pnr: string; reason: string; signed_xdr?: string; tx_hash?: string }
export type FilingResult = { pending: true; tx_hash: string } | Dispute;

const refuse = (status: number, field: string, message: string) => new HttpProblem(status, message, [{ field, message }]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The airline an operator files for (the escrow's airline account signs), or null for a traveller. */
const operatorAirline = (viewer: Viewer) => viewer.roles.find((r) => r.role === 'operator' && r.airline)?.airline ?? null;

export async function fileChainDispute(viewer: Viewer, input: FilingInput, opts: { waitMs?: number } = {}): Promise<FilingResult> {
  const chain = disputesChain();
  if (!chain) throw refuse(409, 'signed_xdr', 'On-chain disputes are not configured on this server.');
  const database = await db();
  const airline = operatorAirline(viewer);
  const server = rpcServer(chain);
  let hash = input.tx_hash ?? null;

  if (input.signed_xdr) {
    const terms = await database.call<{ chain_booking_id: string }>('chain_dispute_terms', { user_id: viewer.id, pnr: input.pnr, airline });
    const verdict = judgeFiling(input.signed_xdr, { ...chain, chainBookingId: terms.chain_booking_id, accounts: viewer.wallets });
    if (!verdict.ok) throw refuse(422, verdict.field, `The transaction ${verdict.message}`);
    const sent = await server.sendTransaction(TransactionBuilder.fromXDR(input.signed_xdr, chain.networkPassphrase));
    if (sent.status === 'ERROR' || sent.status === 'TRY_AGAIN_LATER') {
      throw refuse(422, 'signed_xdr', sent.status === 'ERROR' ? 'The network refused the transaction (its sequence number or fee); build and sign it again.' : 'The network is busy; try again in a moment.');
    }
    hash = sent.hash;
  }
  if (!hash) throw refuse(422, 'signed_xdr', 'signed_xdr or tx_hash is required.');

  const deadline = Date.now() + (input.signed_xdr ? (opts.waitMs ?? 20_000) : 0);
  let res = await server.getTransaction(hash);
  while (res.status === rpc.Api.GetTransactionStatus.NOT_FOUND && Date.now() < deadline) {
    await sleep(500);
    res = await server.getTransaction(hash);
  }
  if (res.status === rpc.Api.GetTransactionStatus.NOT_FOUND) return { pending: true, tx_hash: hash };
  if (res.status === rpc.Api.GetTransactionStatus.FAILED) {
    throw refuse(422, 'tx_hash', 'The disputes contract refused the filing (the booking is not open in escrow, already disputed, or the stake could not be paid).');
  }
  // read by hash: the same checks on what actually landed (the booking is matched by the record)
  const landed = judgeFiling(res.envelopeXdr, { ...chain, chainBookingId: null, accounts: viewer.wallets });
  if (!landed.ok) throw refuse(422, 'tx_hash', `The transaction ${landed.message}`);
  if (!res.returnValue) throw refuse(422, 'tx_hash', 'The transaction has no result to check.');
  const state = await readChainDispute(chain, BigInt(scValToNative(res.returnValue) as bigint));
  return database.call<Dispute>('record_chain_dispute_filing', {
    user_id: viewer.id, pnr: input.pnr, fields: filedFields(state), tx_hash: hash, reason: input.reason, airline,
  });
}
