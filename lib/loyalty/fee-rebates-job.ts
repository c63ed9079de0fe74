import 'server-only';
import { Keypair } from '@stellar/stellar-sdk';
import { config } from '@/lib/config';
import { db } from '@/lib/db/connect';
import { chainConfig } from '@/lib/stellar/chain-config';
import { payFeeRebates, type RebateDeps } from './fee-rebates';

// The loyalty-fee-rebates job as the app runs it: on when the chain names the escrow and the
// server signer is set (its account pays rebates in the escrow's token; keep it funded from the
// fee treasury). Offline nothing is queued: rebates follow indexed escrow releases.

export function feeRebateTarget(): { deps: Omit<RebateDeps, 'database'> } | { skipped: string } {
  const env = config().env;
  const chain = chainConfig(env);
  if (!chain.configured) return { skipped: chain.reason };
  const contractId = chain.contractId('escrow');
  if (!contractId) return { skipped: 'TRAQORA_CONTRACT_IDS names no escrow contract' };
  if (!env.STELLAR_SERVER_SECRET) return { skipped: 'STELLAR_SERVER_SECRET is not set' };
  return { deps: { target: { rpcUrl: chain.rpcUrl, networkPassphrase: chain.networkPassphrase, contractId }, payer: Keypair.fromSecret(env.STELLAR_SERVER_SECRET) } };
}

export async function loyaltyFeeRebatesJob(): Promise<Record<string, unknown>> {
  const t = feeRebateTarget();
  if ('skipped' in t) return { skipped: t.skipped };
  return { ...(await payFeeRebates({ ...t.deps, database: await db() })) };
}
