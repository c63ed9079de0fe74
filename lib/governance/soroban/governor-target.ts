import 'server-only';
import { Keypair } from '@stellar/stellar-sdk';
import { config } from '@/lib/config';
import { chainConfig } from '@/lib/stellar/chain-config';

// Where governance on the soroban rail happens: the governor and TRQ contracts on the configured
// network. Governance is on chain when both are named in TRAQORA_CONTRACT_IDS; the server's own
// key (STELLAR_SERVER_SECRET) is what the app queues and executes proposals with (the governor
// lets anyone queue, and anyone with a signature execute, once the chain allows it).

export interface GovernorChain {
  rpcUrl: string;
  networkPassphrase: string;
  governor: string;
  trq: string;
}

/** ~5 s a ledger on Stellar's networks: how the app turns the governor's ledgers into times. */
export const LEDGER_SECONDS = 5;

export function governorChain(): GovernorChain | null {
  const chain = chainConfig();
  if (!chain.configured) return null;
  const governor = chain.contractId('governor');
  const trq = chain.contractId('trq');
  if (!governor || !trq) return null;
  return { rpcUrl: chain.rpcUrl, networkPassphrase: chain.networkPassphrase, governor, trq };
}

/** The server's signing key, or null when none is configured (the keeper then only reads). */
export function keeperKey(): Keypair | null {
  const secret = config().env.STELLAR_SERVER_SECRET;
  return secret ? Keypair.fromSecret(secret) : null;
}
