import 'server-only';
import type { rpc } from '@stellar/stellar-sdk';
import { chainConfig } from '@/lib/stellar/chain-config';
import { rpcServer } from '@/lib/stellar/rpc';

// The admin multisig as this server is configured to see it (TRAQORA_CONTRACT_IDS' multisig on
// STELLAR_RPC_URL's network), or null when it is not: where the browser builds a signer's
// transaction, and where the server reads it back.

export interface MultisigChain {
  contractId: string;
  networkPassphrase: string;
  rpcUrl: string;
  getTransaction(hash: string): Promise<rpc.Api.GetTransactionResponse>;
}

export function multisigChain(): MultisigChain | null {
  const chain = chainConfig();
  const contractId = chain.configured ? chain.contractId('multisig') : undefined;
  if (!chain.configured || !contractId) return null;
  return {
    contractId, networkPassphrase: chain.networkPassphrase, rpcUrl: chain.rpcUrl,
    getTransaction: (hash) => rpcServer(chain).getTransaction(hash),
  };
}
