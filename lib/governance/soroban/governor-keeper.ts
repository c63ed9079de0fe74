import 'server-only';
import { db } from '@/lib/db/connect';
import { HttpProblem } from '@/lib/http/problem';
import { rpcServer } from '@/lib/stellar/rpc';
import { governor, type ProposalCalls } from '@/lib/stellar/contracts/governor';
import { descriptionHash } from '@/lib/stellar/contracts/governor-hash';
import { invokeContract } from '@/lib/stellar/contracts/invoke';
import { readContract } from '@/lib/stellar/contracts/read';
import type { AuditContext } from '@/lib/admin/audit-context';
import { getProposal } from '@/lib/governance/proposals';
import type { Proposal } from '@/lib/governance/types';
import { chainCallList, chainDescription } from './proposal-calls';
import { governorChain, keeperKey, LEDGER_SECONDS, type GovernorChain } from './governor-target';

// Queue and execute on the governor, and following what it says (soroban rail). One path for the
// button anyone may press and for the governance job: read the proposal's state from the
// governor; if it Succeeded, send `queue`; if it is Queued and the timelock's eta ledger has
// passed, send `execute` (both signed by the server's key, with the calls and description hash
// recomputed from the proposal's row); record what the governor says; and once it says Executed,
// apply the parameters (governance_apply_chain_execution: once, audited).

/** OpenZeppelin's ProposalState numbers, named as the app names states. */
export const CHAIN_STATES = ['pending', 'active', 'defeated', 'cancelled', 'succeeded', 'queued', 'expired', 'executed'] as const;
export type ChainState = (typeof CHAIN_STATES)[number];

export interface ChainStep {
  state: ChainState;
  /** What the app sent to the governor in this step, with the transaction's hash. */
  sent: { call: 'queue' | 'execute'; hash: string; outcome: string } | null;
  applied: boolean;
  proposal: Proposal;
}

/** The calls and description a proposal row stands for on the governor. */
export function proposalOnChain(p: Pick<Proposal, 'kind' | 'title' | 'body' | 'changes'>, trq: string): { calls: ProposalCalls; description: string } {
  const list = chainCallList(trq);
  return {
    calls: { ...list, args: list.targets.map(() => []) },
    description: chainDescription({ kind: p.kind, title: p.title, body: p.body, changes: p.changes.map((c) => ({ key: c.key, value: Number(c.value) })) }),
  };
}

export async function readGovernorState(chain: GovernorChain, id: string): Promise<{ state: ChainState; eta: number; ledger: number }> {
  const target = { rpcUrl: chain.rpcUrl, networkPassphrase: chain.networkPassphrase, contractId: chain.governor };
  const [n, eta, latest] = await Promise.all([
    readContract(governor, target, 'proposal_state', governor.args.proposal_state(id)),
    readContract(governor, target, 'proposal_eta', governor.args.proposal_eta(id)),
    // the raw answer: stellar-sdk's getLatestLedger insists on header XDR some nodes leave out
    rpcServer(chain)._getLatestLedger(),
  ]);
  const state = CHAIN_STATES[n];
  if (!state) throw new Error(`the governor reported an unknown proposal state ${n}`);
  return { state, eta, ledger: latest.sequence };
}

const refuse = (status: number, message: string) => new HttpProblem(status, message, [{ field: 'id', message }]);

/**
 * One step of a soroban-rail proposal's life, driven by what the governor says. `want` limits what
 * may be sent: the queue button sends only `queue`, the execute button only `execute`, the job both.
 */
export async function advanceOnChain(id: number, opts: { want: Array<'queue' | 'execute'>; actor: string | null; ctx: AuditContext | Record<string, never> }): Promise<ChainStep> {
  const chain = governorChain();
  if (!chain) throw refuse(409, 'Governance on chain is not configured on this server.');
  let proposal = await getProposal(id, opts.actor);
  if (proposal.rail !== 'soroban' || !proposal.chain_proposal_id) throw refuse(409, 'This proposal is not on chain.');
  const chainId = proposal.chain_proposal_id;
  const database = await db();
  const key = keeperKey();
  let now = await readGovernorState(chain, chainId);
  let sent: ChainStep['sent'] = null;

  const send = async (call: 'queue' | 'execute') => {
    if (!key) throw refuse(409, 'This server has no key to send transactions to the governor (STELLAR_SERVER_SECRET).');
    const { calls, description } = proposalOnChain(proposal, chain.trq);
    const hash = descriptionHash(description);
    const target = { rpcUrl: chain.rpcUrl, networkPassphrase: chain.networkPassphrase, contractId: chain.governor };
    const out = call === 'queue'
      ? await invokeContract(governor, target, key, 'queue', governor.args.queue(calls, hash, 0, key.publicKey()))
      : await invokeContract(governor, target, key, 'execute', governor.args.execute(calls, hash, key.publicKey()));
    if (out.outcome === 'refused') throw refuse(409, `The governor refused to ${call} this proposal: ${out.simulationError.split('\n')[0]}`);
    sent = { call, hash: out.hash, outcome: out.outcome };
    now = await readGovernorState(chain, chainId);
  };

  if (now.state === 'succeeded' && proposal.kind === 'parameter' && opts.want.includes('queue')) await send('queue');
  else if (now.state === 'queued' && opts.want.includes('execute') && now.eta > 1 && now.eta <= now.ledger) await send('execute');

  const etaAt = now.eta > 1 ? new Date(Date.parse(proposal.now) + Math.max(0, now.eta - now.ledger) * LEDGER_SECONDS * 1000).toISOString() : null;
  proposal = await database.call<Proposal>('governance_record_chain_state', { actor: opts.actor, id, state: now.state, eta_ledger: now.eta > 1 ? now.eta : null, eta: etaAt });
  let applied = false;
  if (now.state === 'executed' && proposal.kind === 'parameter' && !proposal.executed_at) {
    proposal = await database.call<Proposal>('governance_apply_chain_execution', { ctx: opts.ctx, id });
    applied = true;
  }
  return { state: now.state, sent, applied, proposal };
}

/** The queue or execute button on a soroban-rail proposal: refused unless the governor allows it now. */
export async function pressOnChain(id: number, call: 'queue' | 'execute', actor: string, ctx: AuditContext): Promise<Proposal> {
  const step = await advanceOnChain(id, { want: [call], actor, ctx });
  if (!step.sent && !step.applied) {
    throw refuse(409, call === 'queue'
      ? `The governor says this proposal is ${step.state}: only a succeeded proposal can be queued.`
      : step.state === 'queued' ? 'The governor\'s timelock has not passed yet.' : `The governor says this proposal is ${step.state}: only a queued one can be executed.`);
  }
  if (step.sent?.outcome === 'failed') throw refuse(409, `The ${call} transaction failed on chain (${step.sent.hash}).`);
  return step.proposal;
}
