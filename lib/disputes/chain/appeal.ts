import 'server-only';
import type { Viewer } from '@/lib/auth/types';
import { db } from '@/lib/db/connect';
import { getDispute } from '@/lib/disputes/desk';
import { disputes } from '@/lib/stellar/contracts/disputes';
import { readContract } from '@/lib/stellar/contracts/read';
import type { Dispute } from '@/lib/disputes/types';
import { judgeAppeal } from './judge-round';
import { refuse, sendSigned, type SignedInput } from './send-signed';
import { readChainDispute } from './state';
import { disputesChain, type DisputesChain } from './target';

// Appealing an on-chain jury's verdict to a larger jury: during the contract's appeal window the
// losing party's wallet signs `appeal` (which takes the contract's appeal stake, the filing stake
// times its multiplier); the server judges it (judge-round.ts) before it sends it, confirms it
// from RPC, and records the contract's new round from get_dispute. The contract refuses the
// winning side, a closed window and a second appeal (its sentence comes back from simulation in
// the wallet, or as 422 naming tx_hash when a sent one fails).

export interface AppealTerms {
  dispute_id: string;
  chain_dispute_id: string;
  contract_id: string;
  rpc_url: string;
  network_passphrase: string;
  /** The stake token's base units the appeal takes (filing stake × appeal multiplier). */
  appeal_stake: string;
  stake_token: string;
  appeal_deadline: string | null;
  /** Whether the contract would take an appeal now (decided, round 1, window open). */
  open: boolean;
}

async function chainDispute(viewer: Viewer, id: string): Promise<{ chain: DisputesChain; dispute: Dispute & { chain: NonNullable<Dispute['chain']> } }> {
  const chain = disputesChain();
  if (!chain) throw refuse(409, 'id', 'On-chain disputes are not configured on this server.');
  const dispute = await getDispute(viewer.id, id, false);
  if (dispute.jury !== 'chain' || !dispute.chain) throw refuse(409, 'id', 'This dispute is not with the on-chain jury.');
  return { chain, dispute: dispute as Dispute & { chain: NonNullable<Dispute['chain']> } };
}

export async function chainAppealTerms(viewer: Viewer, id: string): Promise<AppealTerms> {
  const { chain, dispute } = await chainDispute(viewer, id);
  const cfg = await readContract(disputes, chain, 'get_config', disputes.args.get_config());
  const c = dispute.chain;
  return {
    dispute_id: dispute.id, chain_dispute_id: c.chain_dispute_id, contract_id: chain.contractId, rpc_url: chain.rpcUrl, network_passphrase: chain.networkPassphrase,
    appeal_stake: (BigInt(cfg.filing_stake as bigint) * BigInt(cfg.appeal_multiplier as number)).toString(), stake_token: String(cfg.stake_token),
    appeal_deadline: c.appeal_deadline,
    open: c.status === 'decided' && c.round < 2 && c.appeal_deadline !== null && Date.parse(c.appeal_deadline) > Date.now(),
  };
}

export type AppealResult = { pending: true; tx_hash: string } | Dispute;

export async function appealChainDispute(viewer: Viewer, input: SignedInput & { id: string }, opts: { waitMs?: number } = {}): Promise<AppealResult> {
  const { chain, dispute } = await chainDispute(viewer, input.id);
  const expect = { ...chain, chainDisputeId: dispute.chain.chain_dispute_id, accounts: viewer.wallets };
  if (input.signed_xdr) {
    const verdict = judgeAppeal(input.signed_xdr, expect);
    if (!verdict.ok) throw refuse(422, verdict.field, `The transaction ${verdict.message}`);
  }
  const landed = await sendSigned(chain, input, 'The disputes contract refused the appeal (only the losing party, once, inside the appeal window, with the stake in hand).', opts.waitMs);
  if (landed.pending) return { pending: true, tx_hash: landed.hash };
  // read by hash: the same checks on what actually landed
  const judged = judgeAppeal(landed.tx.envelopeXdr, expect);
  if (!judged.ok) throw refuse(422, 'tx_hash', `The transaction ${judged.message}`);
  const state = await readChainDispute(chain, BigInt(dispute.chain.chain_dispute_id));
  await (await db()).call('sync_chain_dispute', { dispute_id: dispute.id, state, execute_tx: null });
  return getDispute(viewer.id, dispute.id, false);
}
