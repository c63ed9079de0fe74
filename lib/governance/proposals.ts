import 'server-only';
import { db } from '@/lib/db/connect';
import type { AuditContext } from '@/lib/admin/audit-context';
import type { Page, Proposal, ProposalState, ProposalSummary, Vote, VoteReceipt } from './types';
import type { CreateProposalInput } from './schemas';

// Proposals: creation (bounds and limits checked by the database), reading, cancelling, queueing
// and executing. Anyone may queue and execute once eligible; the governance job does the same.

export async function createProposal(proposer: string, input: CreateProposalInput, idem?: { key: string; hash: string }): Promise<Proposal> {
  return (await db()).call<Proposal>('governance_create_proposal', {
    proposer, kind: input.kind, title: input.title, body: input.body,
    changes: input.kind === 'parameter' ? input.changes : null,
    idempotency_key: idem?.key ?? null, request_hash: idem?.hash ?? null,
  });
}

export async function listProposals(q: { state?: ProposalState; proposer?: string | null; cursor?: number; limit: number }): Promise<Page<ProposalSummary>> {
  return (await db()).call<Page<ProposalSummary>>('governance_proposals', { state: q.state ?? null, proposer: q.proposer ?? null, cursor: q.cursor ?? null, limit: q.limit });
}

export async function getProposal(id: number, viewer: string | null): Promise<Proposal> {
  return (await db()).call<Proposal>('governance_proposal', { id, viewer });
}

export async function cancelProposal(actor: string, id: number): Promise<Proposal> {
  return (await db()).call<Proposal>('governance_cancel_proposal', { actor, id });
}

export async function queueProposal(actor: string | null, id: number): Promise<Proposal> {
  return (await db()).call<Proposal>('governance_queue', { actor, id });
}

/** Executes a queued proposal after its timelock; `ctx` is the audit context ({} for the job). */
export async function executeProposal(ctx: AuditContext | Record<string, never>, id: number): Promise<Proposal> {
  return (await db()).call<Proposal>('governance_execute', { ctx, id });
}

export async function listVotes(id: number, q: { sort: 'power' | 'recent'; cursor?: string; limit: number }): Promise<Page<Vote>> {
  return (await db()).call<Page<Vote>>('governance_votes', { id, sort: q.sort, cursor: q.cursor ?? null, limit: q.limit });
}

export async function voteReceipt(id: number, voter: string): Promise<VoteReceipt> {
  return (await db()).call<VoteReceipt>('governance_vote_receipt', { id, voter });
}

export async function myVotes(voter: string, q: { cursor?: number; limit: number }): Promise<Page<Vote & { proposal_title: string; proposal_state: ProposalState }>> {
  return (await db()).call('governance_my_votes', { voter, cursor: q.cursor ?? null, limit: q.limit });
}
