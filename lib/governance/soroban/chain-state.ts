import 'server-only';
import { chainConfig } from '@/lib/stellar/chain-config';
import { governor } from '@/lib/stellar/contracts/governor';
import { readContract } from '@/lib/stellar/contracts/read';

// What the governor contract says about a proposal, read by simulation (nothing is signed).
// OpenZeppelin's ProposalState numbers: Pending 0, Active 1, Defeated 2, Canceled 3, Succeeded 4,
// Queued 5, Expired 6, Executed 7.
export const CHAIN_EXECUTED = 7;

/** True once the governor reports the proposal Executed; false while the chain is off or it has not. */
export async function chainExecuted(chainProposalId: string): Promise<boolean> {
  const chain = chainConfig();
  const contractId = chain.configured ? chain.contractId('governor') : undefined;
  if (!chain.configured || !contractId) return false;
  const state = await readContract(governor, { rpcUrl: chain.rpcUrl, networkPassphrase: chain.networkPassphrase, contractId },
    'proposal_state', governor.args.proposal_state(chainProposalId));
  return state === CHAIN_EXECUTED;
}
