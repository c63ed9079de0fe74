import 'server-only';
import type { Viewer } from '@/lib/auth/types';
import { db } from '@/lib/db/connect';
import type { ChainDisputeRecord } from '@/lib/disputes/types';
import { chainRewards, type ChainReward } from './rewards';
import { disputesChain } from './target';

// The on-chain jury's cases, for any signed-in TRQ holder on /disputes, with where the contract
// is (the wallet builds commit_vote, reveal_vote and claim_reward against it): the open ones
// first, then decided ones a juror may still claim from, each with the viewer's own rewards.

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
  /** Null when the server has no disputes contract configured (then there are no cases either). */
  contract: { contract_id: string; rpc_url: string; network_passphrase: string } | null;
}

export async function chainJuryCases(viewer: Pick<Viewer, 'wallets'>, limit = 50): Promise<ChainJuryCases> {
  const chain = disputesChain();
  const rows = await (await db()).call<Omit<ChainJuryCase, 'rewards'>[]>('chain_dispute_cases', { limit });
  const data = await Promise.all(rows.map(async (c) => ({
    // an RPC hiccup hides the rewards for this load; the cases still show
    ...c, rewards: chain && viewer.wallets.length > 0 ? await chainRewards(chain, c.chain, viewer.wallets).catch(() => []) : [],
  })));
  return { data, contract: chain ? { contract_id: chain.contractId, rpc_url: chain.rpcUrl, network_passphrase: chain.networkPassphrase } : null };
}
