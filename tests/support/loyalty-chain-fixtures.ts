import { Keypair } from '@stellar/stellar-sdk';
import { loyaltyChainConsumer } from '@/lib/events/consumers/loyalty-chain';
import { runConsumers } from '@/lib/events/runner';
import type { TestDatabase } from './database';

// Builders for the loyalty chain mirror's tests (database and devnet): a member with a linked
// Stellar account and active points, and the loyalty-chain consumer run over the outbox.

export interface ChainSyncRow {
  member_id: string; version: number; synced_version: number; status: string; sent_version: number | null;
  address: string | null; points: number | null; tier: string | null; tx_hash: string | null; attempts: number; error: string | null;
}

/** Links a fresh Stellar account to the user the way link_wallet does (a wallet.linked event). */
export async function linkWallet(t: TestDatabase, user: string, address = Keypair.random().publicKey()): Promise<string> {
  await t.sql('insert into traqora.wallets (address, user_id) values ($1, $2)', [address, user]);
  await t.sql("select traqora.emit_event('wallet.linked', 'user', $1::text, jsonb_build_object('user_id', $1::uuid, 'address', $2::text, 'new_user', false), $1::uuid)", [user, address]);
  return address;
}

/** Active points by a rewards manager's adjustment (audited, a loyalty.points_adjusted event). */
export async function adjustPoints(t: TestDatabase, admin: string, user: string, points: number) {
  const ctx = { actor: admin, role: 'admin', reason: 'chain sync test', ip: null, request_id: `sync-${Math.random().toString(36).slice(2, 10)}` };
  return t.db.call('loyalty_adjust', { ctx, user_id: user, points, key: `sync-${Math.random().toString(36).slice(2, 12)}` });
}

export async function runLoyaltyChain(t: TestDatabase) {
  const [run] = await runConsumers(t.db, [loyaltyChainConsumer(async () => t.db)], {});
  return run;
}

export async function chainSync(t: TestDatabase, user: string): Promise<ChainSyncRow | undefined> {
  const [row] = await t.sql<ChainSyncRow>('select member_id, version::int, synced_version::int, status, sent_version::int, address, points::int, tier, tx_hash, attempts, error from traqora.loyalty_chain_syncs where member_id = $1', [user]);
  return row;
}
