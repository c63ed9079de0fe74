import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/connect';
import { decodeCursor, encodeCursor, type PageQuery } from '@/lib/http/cursor';
import { multisigChain } from './multisig-chain';
import { multisigConfigFromChain, withMultisigConfig } from './multisig-config';

// The admin multisig's open proposals as the chain event index has them (contracts/multisig's
// proposed / approved / executed / signers_changed events, routines/37_airline_portal.sql).

export interface MultisigProposal {
  id: string;
  contract_id: string;
  proposer: string;
  /** The AdminAction as decoded from the event: ['Invoke', { contract, function, args }], ['SetThreshold', n], … */
  action: unknown;
  expires_at: string;
  proposed_at: string;
  tx_hash: string;
  approvals: number;
  approved_by: string[];
  /** Enough approvals for the threshold (from the last `signers_changed` event, else the contract). */
  executable: boolean;
}

export interface MultisigState {
  threshold: number | null;
  signers: string[] | null;
  proposals: MultisigProposal[];
}

/** Every open proposal (the console's money screen: few by nature, each a signer's transaction lapsing at its expiry). */
export async function multisigProposals(): Promise<MultisigState> {
  return withConfig(await (await db()).call<MultisigState>('admin_multisig_proposals', {}));
}

const beforeProposal = z.object({ id: z.string().regex(/^\d{1,20}$/) });

/** One page of the open proposals, newest first by proposal id (the API's list: `nextCursor` pages on). */
export async function multisigProposalPage(query: PageQuery): Promise<{ data: MultisigState; nextCursor: string | null }> {
  const before = decodeCursor(query.cursor, beforeProposal)?.id ?? null;
  const { next, ...state } = await (await db()).call<MultisigState & { next: string | null }>('admin_multisig_proposals', { before, limit: query.limit });
  return { data: await withConfig(state), nextCursor: encodeCursor(next === null ? null : { id: next }) };
}

async function withConfig(state: MultisigState): Promise<MultisigState> {
  if (state.threshold != null) return state;
  // No indexed signers_changed yet (a fresh deployment): ask the contract.
  const chain = multisigChain();
  return chain ? withMultisigConfig(state, await multisigConfigFromChain(chain)) : state;
}

const short = (a: unknown) => (typeof a === 'string' && a.length > 12 ? `${a.slice(0, 4)}…${a.slice(-4)}` : String(a));

/** What a proposal would do, in words ("call pause on CABC…WXYZ", "set the threshold to 3"). */
export function describeAction(action: unknown): string {
  // The indexer decodes the AdminAction union through the contract's spec: { tag, values }
  // (scValToNative without a spec would give [tag, value]; both are read).
  const spec = action && typeof action === 'object' && !Array.isArray(action) && typeof (action as { tag?: unknown }).tag === 'string'
    ? [(action as { tag: string }).tag, ((action as { values?: unknown[] }).values ?? [])[0]] : action;
  if (!Array.isArray(spec) || typeof spec[0] !== 'string') return 'an action this console cannot read';
  const [tag, value] = spec as [string, unknown];
  switch (tag) {
    case 'Invoke': {
      const call = value as { contract?: unknown; function?: unknown } | null;
      return `call ${String(call?.function ?? '?')} on ${short(call?.contract)}`;
    }
    case 'AddSigner': return `add signer ${short(value)}`;
    case 'RemoveSigner': return `remove signer ${short(value)}`;
    case 'SetThreshold': return `set the threshold to ${String(value)}`;
    case 'UpgradeSelf': return 'upgrade the multisig contract itself';
    default: return tag;
  }
}
