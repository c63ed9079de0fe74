import 'server-only';
import type { Viewer } from '@/lib/auth/types';
import { db } from '@/lib/db/connect';
import { HttpProblem } from '@/lib/http/problem';
import { rpcServer } from '@/lib/stellar/rpc';
import { governor } from '@/lib/stellar/contracts/governor';
import { readContract } from '@/lib/stellar/contracts/read';
import type { ChainProposalInput } from '@/lib/governance/schemas';
import type { Proposal } from '@/lib/governance/types';
import { chainCallList, chainDescription } from './proposal-calls';
import { judgeChainProposal } from './judge-propose';
import { governorChain, LEDGER_SECONDS } from './governor-target';

// A proposal made from the proposer's wallet (soroban rail), in two requests. First, before the
// wallet signs: the database checks the fields and the proposer's limits (nothing is written) and
// the server answers what to propose — the governor, the calls and the description, computed
// from the fields (proposal-calls.ts). Then the browser reports the `propose` transaction it
// sent; the server reads it from RPC (judge-propose.ts), reads the snapshot and deadline ledgers
// from the governor, and records the proposal (201), or answers "not yet" (202).

export interface PreparedChainProposal {
  governor: string;
  network_passphrase: string;
  rpc_url: string;
  targets: string[];
  functions: string[];
  description: string;
}

const refuse = (status: number, field: string, message: string) => new HttpProblem(status, message, [{ field, message }]);

function setup(viewer: Viewer, input: ChainProposalInput) {
  const chain = governorChain();
  if (!chain) throw refuse(409, 'kind', 'Proposals on chain are not configured on this server.');
  if (!viewer.wallets.includes(input.address)) throw refuse(403, 'address', 'This wallet is not linked to your account.');
  const changes = input.kind === 'parameter' ? input.changes : [];
  return { chain, changes, calls: chainCallList(chain.trq), description: chainDescription({ ...input, changes }) };
}

export async function prepareChainProposal(viewer: Viewer, input: ChainProposalInput): Promise<PreparedChainProposal> {
  const { chain, changes, calls, description } = setup(viewer, input);
  await (await db()).call('governance_create_chain_proposal', { proposer: viewer.id, kind: input.kind, title: input.title, body: input.body, changes: input.kind === 'parameter' ? changes : null });
  return { governor: chain.governor, network_passphrase: chain.networkPassphrase, rpc_url: chain.rpcUrl, ...calls, description };
}

export async function confirmChainProposal(viewer: Viewer, input: ChainProposalInput & { tx_hash: string }): Promise<{ pending: true } | Proposal> {
  const { chain, changes, calls, description } = setup(viewer, input);
  const verdict = judgeChainProposal(await rpcServer(chain).getTransaction(input.tx_hash), {
    governorContractId: chain.governor, networkPassphrase: chain.networkPassphrase, proposer: input.address, calls, description,
  });
  if (verdict.status === 'pending') return { pending: true };
  if (verdict.status === 'failed') throw refuse(422, 'tx_hash', verdict.reason);

  const target = { rpcUrl: chain.rpcUrl, networkPassphrase: chain.networkPassphrase, contractId: chain.governor };
  const [snapshot, deadline] = await Promise.all([
    readContract(governor, target, 'proposal_snapshot', governor.args.proposal_snapshot(verdict.chainProposalId)),
    readContract(governor, target, 'proposal_deadline', governor.args.proposal_deadline(verdict.chainProposalId)),
  ]);
  // the governor counts ledgers; the pages show times: ~5 s a ledger from the proposing ledger
  const at = (ledger: number) => new Date(Date.parse(verdict.closedAt) + Math.max(0, ledger - verdict.ledger) * LEDGER_SECONDS * 1000).toISOString();
  return (await db()).call<Proposal>('governance_create_chain_proposal', {
    proposer: viewer.id, kind: input.kind, title: input.title, body: input.body, changes: input.kind === 'parameter' ? changes : null,
    chain_proposal_id: verdict.chainProposalId, tx_hash: input.tx_hash, snapshot_ledger: snapshot, deadline_ledger: deadline,
    vote_start: at(snapshot), vote_end: at(Math.max(deadline, snapshot + 1)),
  });
}
