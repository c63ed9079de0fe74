import 'server-only';
import { z } from 'zod';
import type { Viewer } from '@/lib/auth/types';
import { db } from '@/lib/db/connect';
import type { ChainDisputeRecord } from '@/lib/disputes/types';
import { decodeCursor, encodeCursor } from '@/lib/http/cursor';
import { rewardCandidates } from './reward-candidates';
import { chainRewards, type ChainReward } from './rewards';
import { disputesChain } from './target';

// The on-chain jury's cases, for any signed-in TRQ holder on /disputes, with where the contract
// is (the wallet builds commit_vote, reveal_vote and claim_reward against it): the open ones
// first, then decided ones a juror may still claim from, each with the viewer's own rewards.
// Paged by keyset (supabase/routines/68_jury.sql, public.chain_dispute_cases).

export interface ChainJuryCase {
  dispute_id: string;
  reason: string;
  held_minor: number;
  currency: string;
  route: string | null;
  chain: ChainDisputeRecord;
  now: string;
  /** The viewer's linked accounts' rewards on this case (rounds they revealed with the majority). */
  rewards: ChainReward[];
}

export interface ChainJuryCases {
  data: ChainJuryCase[];
  /** The next (older) page's cursor; null on the last page. */
  nextCursor: string | null;
  /** Null when the server has no disputes contract configured (then there are no cases either). */
  contract: { contract_id: string; rpc_url: string; network_passphrase: string } | null;
}

/** `cursor` (the previous page's `nextCursor`) and `limit` 1–50 (20): each case carries its events, so pages stay small. */
export const chainCasesQuery = z.object({
  cursor: z.string().max(500, 'is not a cursor this list issued').optional(),
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(50, 'must be at most 50').default(20),
});

const position = z.object({ executed: z.boolean(), created_at: z.iso.datetime({ offset: true }), id: z.uuid() });
type Page = { data: Omit<ChainJuryCase, 'rewards'>[]; next: z.infer<typeof position> | null };

export async function chainJuryCases(viewer: Pick<Viewer, 'wallets'>, page: { cursor?: string; limit?: number } = {}): Promise<ChainJuryCases> {
  const after = decodeCursor(page.cursor, position);
  const chain = disputesChain();
  const rows = await (await db()).call<Page>('chain_dispute_cases', {
    after_executed: after?.executed ?? null, after_created: after?.created_at ?? null, after_id: after?.id ?? null, limit: page.limit ?? 20,
  });
  const data = await Promise.all(rows.data.map(async (c) => ({
    ...c,
    // Only a case where the viewer revealed with a tallied round's majority can hold a reward, and
    // the indexed events say which (reward-candidates.ts): every other case costs no RPC read.
    // An RPC hiccup hides the rewards for this load; the cases still show.
    rewards: chain && rewardCandidates(c.chain, viewer.wallets).length > 0 ? await chainRewards(chain, c.chain, viewer.wallets).catch(() => []) : [],
  })));
  return {
    data, nextCursor: encodeCursor(rows.next),
    contract: chain ? { contract_id: chain.contractId, rpc_url: chain.rpcUrl, network_passphrase: chain.networkPassphrase } : null,
  };
}
