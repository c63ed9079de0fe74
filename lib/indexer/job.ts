import 'server-only';
import { config } from '@/lib/config';
import type { Env } from '@/lib/config/env';
import { db } from '@/lib/db/connect';
import { indexerConfig, INDEXER_STREAM } from './config';

// The `index-chain` job. Off (and saying so) unless an RPC URL and contract ids are set: the
// default mode is offline. Runs on other instances are harmless (the database keeps events
// once and the cursor monotonic); one instance skips a tick while its previous run is busy.

let running = false;

export async function indexChainJob(env: Env = config().env): Promise<Record<string, unknown>> {
  const settings = indexerConfig(env);
  if (!settings.configured) return { status: 'not configured', reason: settings.reason };
  if (running) return { status: 'skipped', reason: 'the previous run is still going' };
  running = true;
  try {
    // Loaded only when configured: offline instances never decode the contract specs.
    const [{ indexOnce }, { sorobanRpc }] = await Promise.all([import('./poll'), import('./rpc')]);
    const run = await indexOnce({ db: await db(), rpc: sorobanRpc(settings.rpcUrl), config: settings, stream: INDEXER_STREAM });
    return { status: 'indexed', ...run };
  } finally {
    running = false;
  }
}
