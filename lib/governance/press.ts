import 'server-only';
import type { AuditContext } from '@/lib/admin/audit-context';
import { executeProposal, getProposal, queueProposal } from './proposals';
import { pressOnChain } from './soroban/governor-keeper';
import type { Proposal } from './types';

// The queue and execute buttons (and API calls): a ledger-rail proposal moves on the database's
// clock; a soroban-rail one through the governor, which decides (governor-keeper.ts).
export async function pressQueue(ctx: AuditContext, id: number): Promise<Proposal> {
  const p = await getProposal(id, ctx.actor);
  return p.rail === 'soroban' ? pressOnChain(id, 'queue', ctx.actor, ctx) : queueProposal(ctx.actor, id);
}

export async function pressExecute(ctx: AuditContext, id: number): Promise<Proposal> {
  const p = await getProposal(id, ctx.actor);
  return p.rail === 'soroban' ? pressOnChain(id, 'execute', ctx.actor, ctx) : executeProposal(ctx, id);
}
