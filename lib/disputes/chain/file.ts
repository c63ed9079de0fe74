import 'server-only';
import { scValToNative } from '@stellar/stellar-sdk';
import type { Viewer } from '@/lib/auth/types';
import { db } from '@/lib/db/connect';
import type { Dispute } from '@/lib/disputes/types';
import { judgeFiling } from './judge-filing';
import { refuse, sendSigned } from './send-signed';
import { filedFields, readChainDispute } from './state';
import { disputesChain } from './target';

// Filing with the on-chain jury: the party's wallet builds and signs `file_dispute` (with the
// contract's stake) in the browser and hands the signed transaction to the server, which checks
// it (judge-filing.ts) before anything reaches the network, sends it, and records the dispute
// once RPC says it landed, from the contract's own get_dispute. Not landed within the wait: 202
// with the hash; the browser reports the hash again and the server reads it from RPC.

export interface FilingInput { pnr: string; reason: string; signed_xdr?: string; tx_hash?: string }
export type FilingResult = { pending: true; tx_hash: string } | Dispute;

/** The airline an operator files for (the escrow's airline account signs), or null for a traveller. */
const operatorAirline = (viewer: Viewer) => viewer.roles.find((r) => r.role === 'operator' && r.airline)?.airline ?? null;

export async function fileChainDispute(viewer: Viewer, input: FilingInput, opts: { waitMs?: number } = {}): Promise<FilingResult> {
  const chain = disputesChain();
  if (!chain) throw refuse(409, 'signed_xdr', 'On-chain disputes are not configured on this server.');
  const database = await db();
  const airline = operatorAirline(viewer);

  if (input.signed_xdr) {
    const terms = await database.call<{ chain_booking_id: string }>('chain_dispute_terms', { user_id: viewer.id, pnr: input.pnr, airline });
    const verdict = judgeFiling(input.signed_xdr, { ...chain, chainBookingId: terms.chain_booking_id, accounts: viewer.wallets });
    if (!verdict.ok) throw refuse(422, verdict.field, `The transaction ${verdict.message}`);
  }
  const landed = await sendSigned(chain, input, 'The disputes contract refused the filing (the booking is not open in escrow, already disputed, or the stake could not be paid).', opts.waitMs);
  if (landed.pending) return { pending: true, tx_hash: landed.hash };
  const { hash, tx: res } = landed;
  // read by hash: the same checks on what actually landed (the booking is matched by the record)
  const judged = judgeFiling(res.envelopeXdr, { ...chain, chainBookingId: null, accounts: viewer.wallets });
  if (!judged.ok) throw refuse(422, 'tx_hash', `The transaction ${judged.message}`);
  if (!res.returnValue) throw refuse(422, 'tx_hash', 'The transaction has no result to check.');
  const state = await readChainDispute(chain, BigInt(scValToNative(res.returnValue) as bigint));
  return database.call<Dispute>('record_chain_dispute_filing', {
    user_id: viewer.id, pnr: input.pnr, fields: filedFields(state), tx_hash: hash, reason: input.reason, airline,
  });
}
