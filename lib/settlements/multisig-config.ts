import 'server-only';
import { readContract, type ReadTarget } from '@/lib/stellar/contracts/read';
import { multisig } from '@/lib/stellar/contracts/multisig';

// The multisig's threshold and signers read from the contract itself (get_config, by simulation).
// The indexed `signers_changed` event is the console's usual source, but the contract's
// constructor emits none, so on a fresh deployment the event index knows no threshold and the
// console could never offer Execute. The read is cached briefly per contract: the money page and
// the proposals API ask on every request, and the configuration only changes through a proposal
// that itself emits `signers_changed` (which then wins, see withMultisigConfig).

export interface MultisigConfig {
  threshold: number;
  signers: string[];
}

// Long enough that a busy console does not simulate on every request, short enough that a change
// the indexer has not seen yet shows within a minute.
const FRESH_MS = 30_000;
const cache = new Map<string, { at: number; config: Promise<MultisigConfig | null> }>();

/** The contract's configuration, or null when RPC cannot say (the console then offers no Execute). */
export function multisigConfigFromChain(target: ReadTarget, now = Date.now()): Promise<MultisigConfig | null> {
  const key = `${target.rpcUrl} ${target.contractId}`;
  const hit = cache.get(key);
  if (hit && now - hit.at < FRESH_MS) return hit.config;
  const config = readContract(multisig, target, 'get_config', multisig.args.get_config())
    .then((c) => parseConfig(c))
    .catch((e: unknown) => {
      // not cached: the next request tries again
      cache.delete(key);
      console.warn(`multisig: reading the threshold from the contract failed: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    });
  cache.set(key, { at: now, config });
  return config;
}

/** Forgets cached reads (tests). */
export function forgetMultisigConfig(): void {
  cache.clear();
}

function parseConfig(c: Record<string, unknown>): MultisigConfig | null {
  const threshold = Number(c.threshold);
  const signers = Array.isArray(c.signers) ? c.signers.map(String) : null;
  if (!Number.isInteger(threshold) || threshold < 1 || !signers) return null;
  return { threshold, signers };
}

interface StateShape<P extends { approvals: number; executable: boolean }> {
  threshold: number | null;
  signers: string[] | null;
  proposals: P[];
}

/**
 * The proposal list with the contract's configuration filled in where the event index has none.
 * An indexed `signers_changed` always wins: it is at least as new as genesis, which is all the
 * contract read can add on a fresh deployment.
 */
export function withMultisigConfig<P extends { approvals: number; executable: boolean }, S extends StateShape<P>>(
  state: S, config: MultisigConfig | null,
): S {
  if (state.threshold != null || !config) return state;
  return {
    ...state,
    threshold: config.threshold,
    signers: state.signers ?? config.signers,
    proposals: state.proposals.map((p) => ({ ...p, executable: p.approvals >= config.threshold })),
  };
}
