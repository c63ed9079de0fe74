import 'server-only';
import type { AuditContext } from '@/lib/admin/audit-context';
import type { Viewer } from '@/lib/auth/types';
import { db } from '@/lib/db/connect';
import { HttpProblem } from '@/lib/http/problem';
import { rpcServer } from '@/lib/stellar/rpc';
import { governor } from '@/lib/stellar/contracts/governor';
import { descriptionHash } from '@/lib/stellar/contracts/governor-hash';
import { readContract } from '@/lib/stellar/contracts/read';
import { getProposal } from '@/lib/governance/proposals';
import type { ChainCancelInput } from '@/lib/governance/schemas';
import type { Proposal } from '@/lib/governance/types';
import { proposalOnChain, readGovernorState } from './governor-keeper';
import { governorChain } from './governor-target';
import { judgeChainCancel } from './judge-cancel';

// The proposer withdraws a soroban-rail proposal from their wallet, in two requests like
// proposing (confirm-propose.ts). First, before the wallet signs: the server checks that the
// viewer proposed it, that the wallet is the account the governor names as proposer, and that
// the governor still says Pending (Traqora's rule, as on the ledger rail: a proposal is
// withdrawn before voting opens), and answers what to send — the calls and the description
// hash `cancel` takes. Then the browser reports the transaction; the server reads it from RPC
// (judge-cancel.ts), asks the governor, and records the cancellation once it says Cancelled
// (audited; proposal.cancelled), or answers "not yet" (202).

export interface PreparedChainCancel {
  governor: string;
  network_passphrase: string;
  rpc_url: string;
  targets: string[];
  functions: string[];
  /** keccak256 of the proposal's description, 64 hex digits. */
  description_hash: string;
}

const refuse = (status: number, field: string, message: string) => new HttpProblem(status, message, [{ field, message }]);

async function setup(viewer: Viewer, id: number, address: string) {
  const chain = governorChain();
  if (!chain) throw refuse(409, 'id', 'Governance on chain is not configured on this server.');
  const proposal = await getProposal(id, viewer.id);
  if (proposal.rail !== 'soroban' || !proposal.chain_proposal_id) throw refuse(409, 'id', 'This proposal is not on chain: cancel it with POST …/cancel.');
  if (proposal.proposer.id !== viewer.id) throw refuse(403, 'id', 'Only the proposer can cancel a proposal.');
  if (!viewer.wallets.includes(address)) throw refuse(403, 'address', 'This wallet is not linked to your account.');
  const target = { rpcUrl: chain.rpcUrl, networkPassphrase: chain.networkPassphrase, contractId: chain.governor };
  const onChainProposer = await readContract(governor, target, 'proposal_proposer', governor.args.proposal_proposer(proposal.chain_proposal_id));
  if (onChainProposer !== address) throw refuse(403, 'address', 'The governor names another account as this proposal\'s proposer: cancel it from the wallet that proposed it.');
  const { calls, description } = proposalOnChain(proposal, chain.trq);
  return { chain, proposal, calls, hash: descriptionHash(description) };
}

export async function prepareChainCancel(viewer: Viewer, id: number, address: string): Promise<PreparedChainCancel> {
  const { chain, proposal, calls, hash } = await setup(viewer, id, address);
  const now = await readGovernorState(chain, proposal.chain_proposal_id!);
  if (now.state !== 'pending') throw refuse(409, 'id', `The governor says this proposal is ${now.state}: only a pending proposal (voting not yet open) can be cancelled.`);
  return { governor: chain.governor, network_passphrase: chain.networkPassphrase, rpc_url: chain.rpcUrl, targets: calls.targets, functions: calls.functions, description_hash: hash.toString('hex') };
}

export async function confirmChainCancel(viewer: Viewer, id: number, input: ChainCancelInput & { tx_hash: string }, ctx: AuditContext): Promise<{ pending: true } | Proposal> {
  const { chain, proposal, calls, hash } = await setup(viewer, id, input.address);
  if (proposal.cancelled_at) return proposal;   // reported again: the same answer, audited once
  const verdict = judgeChainCancel(await rpcServer(chain).getTransaction(input.tx_hash), {
    governorContractId: chain.governor, networkPassphrase: chain.networkPassphrase, calls, descriptionHash: hash, operator: input.address,
  });
  if (verdict.status === 'pending') return { pending: true };
  if (verdict.status === 'failed') throw refuse(422, 'tx_hash', verdict.reason);
  const now = await readGovernorState(chain, proposal.chain_proposal_id!);
  if (now.state !== 'cancelled') throw refuse(422, 'tx_hash', `The governor says this proposal is ${now.state}, not cancelled.`);
  return (await db()).call<Proposal>('governance_record_chain_cancel', { ctx, id, tx_hash: input.tx_hash });
}
