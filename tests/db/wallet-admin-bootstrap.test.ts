import { Keypair, Networks, TransactionBuilder, type Transaction } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

// ADMIN_WALLET_ADDRESSES end to end through redeemChallenge (the SEP-10 POST's work): a real
// challenge, signed by the wallet, redeemed against the database. Only the cookie is stubbed.

const bootstrap = Keypair.random();
const other = Keypair.random();
const state = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('@/lib/db/connect', () => ({ db: async () => state.db }));
vi.mock('@/lib/auth/session-cookie', () => ({ setSessionCookie: async () => {}, signOut: async () => {} }));

let t: TestDatabase;
beforeAll(async () => {
  vi.stubEnv('ADMIN_WALLET_ADDRESSES', `${Keypair.random().publicKey()}, ${bootstrap.publicKey()}`);
  t = await openTestDatabase();
  state.db = t.db;
});
afterAll(async () => { vi.unstubAllEnvs(); await t?.close(); });

async function signIn(kp: Keypair) {
  const { challengeFor, redeemChallenge } = await import('@/lib/auth/wallet-session');
  const { webAuthSite } = await import('@/lib/auth/web-auth');
  const site = webAuthSite(new Headers({ host: 'localhost:3000' }), 'http://localhost:3000/api/v1/auth');
  const challenge = await challengeFor(site, kp.publicKey());
  const tx = TransactionBuilder.fromXDR(challenge.transaction, Networks.TESTNET) as Transaction;
  tx.sign(kp);
  return (await redeemChallenge(site, tx.toXDR())).viewer;
}

describe('ADMIN_WALLET_ADDRESSES', () => {
  it('makes a listed wallet an admin on SEP-10 sign-in, and only a listed one', async () => {
    expect((await signIn(bootstrap)).roles.map((r) => r.role)).toEqual(['admin', 'traveller']);
    expect((await signIn(other)).roles.map((r) => r.role)).toEqual(['traveller']);
  });

  it('refuses a suspended bootstrap wallet with a 403 (suspension outranks the list)', async () => {
    const [{ id }] = await t.sql<{ id: string }>('select user_id as id from traqora.wallets where address = $1', [bootstrap.publicKey()]);
    await t.sql("update traqora.users set suspended_at = now(), suspension_reason = 'test' where id = $1", [id]);
    await expect(signIn(bootstrap)).rejects.toMatchObject({ status: 403 });
  });
});
