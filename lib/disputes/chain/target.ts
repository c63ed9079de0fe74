import 'server-only';
import { chainConfig } from '@/lib/stellar/chain-config';

// Where the on-chain jury lives: the `disputes` contract on the configured network. On-chain
// disputes are offered when TRAQORA_CONTRACT_IDS names it; the keeper signs its tally and
// execute calls with the server's key (STELLAR_SERVER_SECRET: the contract lets anyone call both
// once its windows have passed).

export interface DisputesChain {
  rpcUrl: string;
  networkPassphrase: string;
  contractId: string;
}

export function disputesChain(): DisputesChain | null {
  const chain = chainConfig();
  if (!chain.configured) return null;
  const contractId = chain.contractId('disputes');
  return contractId ? { rpcUrl: chain.rpcUrl, networkPassphrase: chain.networkPassphrase, contractId } : null;
}
