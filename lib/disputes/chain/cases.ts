import 'server-only';
import { db } from '@/lib/db/connect';
import type { ChainDisputeRecord } from '@/lib/disputes/types';
import { disputesChain } from './target';

// The on-chain jury's open cases, for any signed-in TRQ holder on /disputes, with where the
// contract is (the wallet builds commit_vote and reveal_vote against it).

export interface ChainJuryCase {
  dispute_id: string;
  reason: string;
  held_minor: number;
  currency: string;
  route: string | null;
  chain: ChainDisputeRecord;
  now: string;
}

export interface ChainJuryCases {
  data: ChainJuryCase[];
  /** Null when the server has no disputes contract configured (then there are no cases either). */
  contract: { contract_id: string; rpc_url: string; network_passphrase: string } | null;
}

export async function chainJuryCases(limit = 50): Promise<ChainJuryCases> {
  const chain = disputesChain();
  const data = await (await db()).call<ChainJuryCase[]>('chain_dispute_cases', { limit });
  return { data, contract: chain ? { contract_id: chain.contractId, rpc_url: chain.rpcUrl, network_passphrase: chain.networkPassphrase } : null };
}
