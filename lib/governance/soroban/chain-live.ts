import 'server-only';
import { logger } from '@/lib/log/logger';
import { readContract } from '@/lib/stellar/contracts/read';
import { governor } from '@/lib/stellar/contracts/governor';
import { trq } from '@/lib/stellar/contracts/trq';
import type { Proposal } from '@/lib/governance/types';
import { readGovernorState, type ChainState } from './governor-keeper';
import { governorChain } from './governor-target';

// What a soroban-rail proposal's page shows from the chain now, read by simulation (nothing is
// signed): the governor's state, the latest ledger and the timelock's eta, its quorum at the snapshot, and the viewer's
// wallets' TRQ votes at the snapshot (the weight the governor would count). Null when the chain
// cannot be read: the page then shows what Traqora last recorded.

export interface ChainLive {
  state: ChainState;
  ledger: number;
  eta_ledger: number | null;
  /** The largest of the viewer's wallets' votes at the snapshot; null before the snapshot or signed out. */
  power: string | null;
  /** The governor's quorum (TRQ votes, base units) at the snapshot; null before the snapshot. */
  quorum: string | null;
  governor: string;
  rpc_url: string;
  network_passphrase: string;
}

export async function chainProposalLive(p: Proposal, wallets: string[]): Promise<ChainLive | null> {
  const chain = governorChain();
  if (!chain || p.rail !== 'soroban' || !p.chain_proposal_id) return null;
  try {
    const now = await readGovernorState(chain, p.chain_proposal_id);
    const snapshot = p.chain?.snapshot_ledger ?? null;
    let power: string | null = null;
    let quorum: string | null = null;
    if (snapshot !== null && snapshot < now.ledger) {
      const governorTarget = { rpcUrl: chain.rpcUrl, networkPassphrase: chain.networkPassphrase, contractId: chain.governor };
      quorum = (await readContract(governor, governorTarget, 'quorum', governor.args.quorum(snapshot))).toString();
      if (wallets.length > 0) {
        const target = { rpcUrl: chain.rpcUrl, networkPassphrase: chain.networkPassphrase, contractId: chain.trq };
        const votes = await Promise.all(wallets.map((w) => readContract(trq, target, 'get_votes_at_checkpoint', trq.args.get_votes_at_checkpoint(w, snapshot))));
        power = votes.reduce((a, b) => (b > a ? b : a), 0n).toString();
      }
    }
    return { state: now.state, ledger: now.ledger, eta_ledger: now.eta > 1 ? now.eta : null, power, quorum, governor: chain.governor, rpc_url: chain.rpcUrl, network_passphrase: chain.networkPassphrase };
  } catch (err) {
    logger.warn({ proposal: p.id, err }, 'proposal page: the governor could not be read');
    return null;
  }
}
