import 'server-only';
import { scValToNative } from '@stellar/stellar-sdk';
import type { Viewer } from '@/lib/auth/types';
import { judgeClaim } from './judge-round';
import { refuse, sendSigned, type SignedInput } from './send-signed';
import { disputesChain } from './target';

// A juror's reward from a tallied round: their wallet signs `claim_reward` (the contract pays a
// juror who revealed with the round's majority their share of its pot, once); the server judges
// it (judge-round.ts) before it sends it and confirms it from RPC, answering the amount the
// contract paid. The app's record of the claim is the indexed RewardClaimed event.

export interface ClaimInput extends SignedInput { chain_dispute_id: string; round: number }
export type ClaimResult = { pending: true; tx_hash: string } | { chain_dispute_id: string; round: number; juror: string; amount: string; tx_hash: string };

export async function claimChainReward(viewer: Viewer, input: ClaimInput, opts: { waitMs?: number } = {}): Promise<ClaimResult> {
  const chain = disputesChain();
  if (!chain) throw refuse(409, 'chain_dispute_id', 'On-chain disputes are not configured on this server.');
  const expect = { ...chain, chainDisputeId: input.chain_dispute_id, round: input.round, accounts: viewer.wallets };
  if (input.signed_xdr) {
    const verdict = judgeClaim(input.signed_xdr, expect);
    if (!verdict.ok) throw refuse(422, verdict.field, `The transaction ${verdict.message}`);
  }
  const landed = await sendSigned(chain, input, 'The disputes contract refused the claim (only a juror who revealed with the majority of a tallied round, once).', opts.waitMs);
  if (landed.pending) return { pending: true, tx_hash: landed.hash };
  const judged = judgeClaim(landed.tx.envelopeXdr, expect);
  if (!judged.ok) throw refuse(422, 'tx_hash', `The transaction ${judged.message}`);
  if (!landed.tx.returnValue) throw refuse(422, 'tx_hash', 'The transaction has no result to check.');
  return { chain_dispute_id: input.chain_dispute_id, round: input.round, juror: judged.account, amount: String(scValToNative(landed.tx.returnValue)), tx_hash: landed.hash };
}
