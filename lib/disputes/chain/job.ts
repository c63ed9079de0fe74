import 'server-only';
import { Keypair } from '@stellar/stellar-sdk';
import { config } from '@/lib/config';
import { db } from '@/lib/db/connect';
import { runChainDisputeKeeper } from './keeper';
import { disputesChain } from './target';

// The `chain-disputes` job as the app runs it: on when the chain names the disputes contract and
// the server signer is set; offline (ledger rail) there are no on-chain disputes to keep.
export async function chainDisputesJob(): Promise<Record<string, unknown>> {
  const chain = disputesChain();
  if (!chain) return { skipped: 'TRAQORA_CONTRACT_IDS names no disputes contract' };
  const secret = config().env.STELLAR_SERVER_SECRET;
  if (!secret) return { skipped: 'STELLAR_SERVER_SECRET is not set' };
  return { ...(await runChainDisputeKeeper({ database: await db(), target: chain, signer: Keypair.fromSecret(secret) })) };
}
