import type { Env } from '@/lib/config/env';
import { chainConfig, type ChainConfig } from '@/lib/stellar/chain-config';

// The indexer's settings: the chain (lib/stellar/chain-config.ts) plus its paging, both parsed
// by lib/config/env.ts. Off, saying why, without an RPC URL or contract ids.
//
//   INDEXER_START_LEDGER    first ledger to read when the stream has no cursor yet
//                           (default: the network's latest ledger at the first poll)
//   INDEXER_PAGE_LIMIT      events per getEvents page (default 100, RPC maximum 10000)
//   INDEXER_MAX_PAGES       pages per run (default 10)

export const INDEXER_STREAM = 'traqora';

export interface IndexerConfig {
  configured: true;
  rpcUrl: string;
  /** Contract id → our name for it; OZ-shaped events (paused, mint, …) carry no name topic. */
  contracts: ChainConfig['contracts'];
  startLedger?: number;
  pageLimit: number;
  maxPages: number;
}

export type IndexerSettings = IndexerConfig | { configured: false; reason: string };

type IndexerEnv = Parameters<typeof chainConfig>[0] & Pick<Env, 'INDEXER_START_LEDGER' | 'INDEXER_PAGE_LIMIT' | 'INDEXER_MAX_PAGES'>;

/** The indexer's settings from a parsed environment (`config().env`). */
export function indexerConfig(env: IndexerEnv): IndexerSettings {
  const chain = chainConfig(env);
  if (!chain.configured) return { configured: false, reason: chain.reason };
  return {
    configured: true,
    rpcUrl: chain.rpcUrl,
    contracts: chain.contracts,
    startLedger: env.INDEXER_START_LEDGER,
    pageLimit: env.INDEXER_PAGE_LIMIT,
    maxPages: env.INDEXER_MAX_PAGES,
  };
}
