import 'server-only';
import { Keypair } from '@stellar/stellar-sdk';
import { config } from '@/lib/config';
import { db } from '@/lib/db/connect';
import { chainConfig } from '@/lib/stellar/chain-config';
import { syncLoyaltyToChain, type ChainSyncDeps } from './chain-sync';

// The loyalty-chain-sync job as the app runs it: on when the chain names a `loyalty` contract and
// a signer is set — STELLAR_SYNC_SECRET, else the server signer — whose account holds the
// contract's `syncer` role (the admin multisig grants it, contracts/README.md). Offline, the
// consumer still queues members, so turning the chain on later mirrors everyone who changed.

export function loyaltyChainTarget(): { deps: Omit<ChainSyncDeps, 'database'> } | { skipped: string } {
  const env = config().env;
  const chain = chainConfig(env);
  if (!chain.configured) return { skipped: chain.reason };
  const contractId = chain.contractId('loyalty');
  if (!contractId) return { skipped: 'TRAQORA_CONTRACT_IDS names no loyalty contract' };
  const secret = env.STELLAR_SYNC_SECRET ?? env.STELLAR_SERVER_SECRET;
  if (!secret) return { skipped: 'neither STELLAR_SYNC_SECRET nor STELLAR_SERVER_SECRET is set' };
  return { deps: { target: { rpcUrl: chain.rpcUrl, networkPassphrase: chain.networkPassphrase, contractId }, syncer: Keypair.fromSecret(secret) } };
}

export async function loyaltyChainSyncJob(): Promise<Record<string, unknown>> {
  const t = loyaltyChainTarget();
  if ('skipped' in t) return { skipped: t.skipped };
  return { ...(await syncLoyaltyToChain({ ...t.deps, database: await db() })) };
}
