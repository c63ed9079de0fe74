import { Keypair } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/auth/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

let t: TestDatabase;
beforeAll(async () => { t = await openTestDatabase(); });
afterAll(async () => { await t?.close(); });

const hash = (c: string) => c.repeat(64);
const soon = () => new Date(Date.now() + 5 * 60 * 1000).toISOString();
type Row = Omit<Viewer, 'source'>;

describe('wallet sign-in challenges', () => {
  it('signs a new wallet in as a traveller who owns it, and the same wallet again as the same user', async () => {
    const account = Keypair.random().publicKey();
    await t.db.call('record_web_auth_challenge', { nonce_hash: hash('a'), account, expires_at: soon() });
    const first = await t.db.call<Row>('redeem_web_auth_challenge', { nonce_hash: hash('a'), account });
    expect(first).toMatchObject({ wallets: [account], roles: [{ role: 'traveller', airline: null }] });
    await t.db.call('record_web_auth_challenge', { nonce_hash: hash('b'), account, expires_at: soon() });
    expect((await t.db.call<Row>('redeem_web_auth_challenge', { nonce_hash: hash('b'), account })).id).toBe(first.id);
  });

  it('uses a nonce once: a replayed challenge is refused', async () => {
    const account = Keypair.random().publicKey();
    await t.db.call('record_web_auth_challenge', { nonce_hash: hash('c'), account, expires_at: soon() });
    await t.db.call('redeem_web_auth_challenge', { nonce_hash: hash('c'), account });
    await expect(t.db.call('redeem_web_auth_challenge', { nonce_hash: hash('c'), account })).rejects.toMatchObject({ status: 400, field: 'transaction' });
  });

  it('refuses an unknown nonce, another account’s nonce, and an expired one', async () => {
    const account = Keypair.random().publicKey();
    await expect(t.db.call('redeem_web_auth_challenge', { nonce_hash: hash('d'), account })).rejects.toMatchObject({ status: 400 });
    await t.db.call('record_web_auth_challenge', { nonce_hash: hash('e'), account, expires_at: soon() });
    await expect(t.db.call('redeem_web_auth_challenge', { nonce_hash: hash('e'), account: Keypair.random().publicKey() })).rejects.toMatchObject({ status: 400 });
    await t.db.call('record_web_auth_challenge', { nonce_hash: hash('f'), account, expires_at: new Date(Date.now() - 1000).toISOString() });
    await expect(t.db.call('redeem_web_auth_challenge', { nonce_hash: hash('f'), account })).rejects.toMatchObject({ status: 400 });
  });

  it('links a wallet to a signed-in user, but never one that belongs to someone else', async () => {
    const user = (await t.db.call<Row>('upsert_dev_persona', { role: 'traveller', name: 'Linker' })).id;
    const mine = Keypair.random().publicKey();
    await t.db.call('record_web_auth_challenge', { nonce_hash: hash('1'), account: mine, expires_at: soon() });
    expect((await t.db.call<Row>('link_wallet', { user_id: user, nonce_hash: hash('1'), account: mine })).wallets).toEqual([mine]);

    const theirs = Keypair.random().publicKey();
    await t.db.call('record_web_auth_challenge', { nonce_hash: hash('2'), account: theirs, expires_at: soon() });
    await t.db.call('redeem_web_auth_challenge', { nonce_hash: hash('2'), account: theirs });
    await t.db.call('record_web_auth_challenge', { nonce_hash: hash('3'), account: theirs, expires_at: soon() });
    await expect(t.db.call('link_wallet', { user_id: user, nonce_hash: hash('3'), account: theirs })).rejects.toMatchObject({ status: 409, field: 'account' });
  });

  it('refuses a malformed account at the table', async () => {
    await expect(t.db.call('record_web_auth_challenge', { nonce_hash: hash('9'), account: 'GNOPE', expires_at: soon() })).rejects.toMatchObject({ status: 422 });
  });
});
