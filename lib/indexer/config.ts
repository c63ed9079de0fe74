import { StrKey } from '@stellar/stellar-sdk';
import { z } from 'zod';
import { ConfigError } from '@/lib/config/env';
import { CONTRACT_NAMES, isContractName, type ContractName } from './contracts';

// The indexer's settings, read from an environment passed in (lib/config/env.ts owns the
// process environment). With no RPC URL or no contract ids the indexer is off: the default
// mode is offline, on the ledger rail.
//
//   STELLAR_RPC_URL         Soroban RPC endpoint (http only for localhost)
//   TRAQORA_CONTRACT_IDS    name=C… pairs, comma separated, e.g. "escrow=CAB…,oracle=CCD…"
//   INDEXER_START_LEDGER    first ledger to read when the stream has no cursor yet
//                           (default: the network's latest ledger at the first poll)
//   INDEXER_PAGE_LIMIT      events per getEvents page (default 100, RPC maximum 10000)
//   INDEXER_MAX_PAGES       pages per run (default 10)

export const INDEXER_STREAM = 'traqora';

export interface IndexerConfig {
  configured: true;
  rpcUrl: string;
  /** Contract id → our name for it; OZ-shaped events (paused, mint, …) carry no name topic. */
  contracts: ReadonlyMap<string, ContractName>;
  startLedger?: number;
  pageLimit: number;
  maxPages: number;
}

export type IndexerSettings = IndexerConfig | { configured: false; reason: string };

const contractIds = z.string().trim().transform((raw, ctx) => {
  const map = new Map<string, ContractName>();
  for (const pair of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, id] = pair.split('=').map((s) => s.trim());
    if (!isContractName(name)) {
      ctx.addIssue({ code: 'custom', message: `names an unknown contract "${name}" (known: ${CONTRACT_NAMES.join(', ')})` });
      return z.NEVER;
    }
    if (!id || !StrKey.isValidContract(id)) {
      ctx.addIssue({ code: 'custom', message: `has an invalid contract id for ${name} (must be a C… strkey)` });
      return z.NEVER;
    }
    if (map.has(id)) {
      ctx.addIssue({ code: 'custom', message: `lists contract ${id} twice` });
      return z.NEVER;
    }
    map.set(id, name);
  }
  return map;
});

const schema = z.object({
  STELLAR_RPC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  TRAQORA_CONTRACT_IDS: contractIds.optional(),
  INDEXER_START_LEDGER: z.coerce.number().int().min(1, 'must be a ledger sequence ≥ 1').optional(),
  INDEXER_PAGE_LIMIT: z.coerce.number().int().min(1).max(10_000, 'must be at most 10000 (the RPC limit)').default(100),
  INDEXER_MAX_PAGES: z.coerce.number().int().min(1).max(1000).default(10),
});

/** Reads the indexer settings; throws a ConfigError naming the bad variable and why. */
export function indexerConfig(env: Record<string, string | undefined>): IndexerSettings {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  const e = parsed.data;
  if (!e.STELLAR_RPC_URL) return { configured: false, reason: 'STELLAR_RPC_URL is not set' };
  if (!e.TRAQORA_CONTRACT_IDS || e.TRAQORA_CONTRACT_IDS.size === 0) return { configured: false, reason: 'TRAQORA_CONTRACT_IDS is not set' };
  return {
    configured: true,
    rpcUrl: e.STELLAR_RPC_URL,
    contracts: e.TRAQORA_CONTRACT_IDS,
    startLedger: e.INDEXER_START_LEDGER,
    pageLimit: e.INDEXER_PAGE_LIMIT,
    maxPages: e.INDEXER_MAX_PAGES,
  };
}
