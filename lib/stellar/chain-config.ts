import { Networks } from '@stellar/stellar-sdk';
import { config } from '@/lib/config';
import type { Env } from '@/lib/config/env';
import { isLoopbackUrl } from './loopback';
import type { ContractName } from './contract-names';

// The chain as configured: which network, which RPC node, which contracts. lib/config/env.ts
// parses and checks the variables (the one place settings are parsed); this is the shape the
// indexer, the soroban rail and the spec-built clients read them in.
//
//   STELLAR_RPC_URL             Soroban RPC endpoint (https, or http on this machine)
//   STELLAR_NETWORK_PASSPHRASE  the network the contracts are on (default: testnet's)
//   TRAQORA_CONTRACT_IDS        name=C… pairs, comma separated, e.g. "escrow=CAB…,oracle=CCD…"

export interface ChainConfig {
  configured: true;
  rpcUrl: string;
  /** Plain http is allowed only to a node on this machine. */
  allowHttp: boolean;
  networkPassphrase: string;
  /** Contract id → our name for it (events of OZ modules carry no name topic). */
  contracts: ReadonlyMap<string, ContractName>;
  /** The contract's id; with several ids for one name, the first listed (the rest are only indexed). */
  contractId(name: ContractName): string | undefined;
}

/** Off until an RPC URL and contract ids are set: the default mode is offline. */
export type ChainSettings = ChainConfig | { configured: false; reason: string; networkPassphrase: string };

type ChainEnv = Pick<Env, 'STELLAR_RPC_URL' | 'STELLAR_NETWORK_PASSPHRASE' | 'TRAQORA_CONTRACT_IDS'>;

/** The chain settings, from the process's configuration or a parsed environment (`parseEnv(source)`). */
export function chainConfig(env: ChainEnv = config().env): ChainSettings {
  // SEP-10 needs a network even offline: testnet's unless one is configured.
  const networkPassphrase = env.STELLAR_NETWORK_PASSPHRASE ?? Networks.TESTNET;
  if (!env.STELLAR_RPC_URL) return { configured: false, reason: 'STELLAR_RPC_URL is not set', networkPassphrase };
  const contracts = env.TRAQORA_CONTRACT_IDS;
  if (!contracts?.size) return { configured: false, reason: 'TRAQORA_CONTRACT_IDS is not set', networkPassphrase };
  return {
    configured: true,
    rpcUrl: env.STELLAR_RPC_URL,
    allowHttp: isLoopbackUrl(env.STELLAR_RPC_URL),
    networkPassphrase,
    contracts,
    contractId: (name) => [...contracts].find(([, n]) => n === name)?.[0],
  };
}
