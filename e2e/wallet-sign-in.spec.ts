import { Keypair, Networks, TransactionBuilder, type Transaction } from '@stellar/stellar-sdk';
import { SigningKeypair, Wallet } from '@stellar/typescript-wallet-sdk';
import { E2E_BASE_URL } from './support/server-env.mjs';
import { expect, test } from './support/test';

// Wallet sign-in (SEP-10) as independent clients do it: Stellar's own wallet SDK end to end,
// then the raw protocol for the cases a well-behaved client never tries.

const homeDomain = new URL(E2E_BASE_URL).host;
const sign = (xdr: string, kp: Keypair) => {
  const tx = TransactionBuilder.fromXDR(xdr, Networks.TESTNET) as Transaction;
  tx.sign(kp);
  return tx.toXDR();
};

test.describe('wallet sign-in (SEP-10)', () => {
  test('publishes stellar.toml with the signing key and auth endpoint', async ({ request }) => {
    const res = await request.get('/.well-known/stellar.toml');
    expect(res.headers()['content-type']).toContain('text/plain');
    const toml = await res.text();
    expect(toml).toContain(`WEB_AUTH_ENDPOINT="${E2E_BASE_URL}/api/v1/auth"`);
    expect(toml).toMatch(/SIGNING_KEY="G[A-Z2-7]{55}"/);
    expect(toml).toContain(`NETWORK_PASSPHRASE="${Networks.TESTNET}"`);
    expect(toml).toContain('ORG_NAME="Traqora"');
  });

  test('Stellar’s typescript-wallet-sdk authenticates and gets a token for its account', async () => {
    const kp = Keypair.random();
    const anchor = Wallet.TestNet().anchor({ homeDomain, allowHttp: true });
    const auth = await anchor.sep10();
    const token = await auth.authenticate({ accountKp: SigningKeypair.fromSecret(kp.secret()) });
    expect(token.account).toBe(kp.publicKey());
    expect(token.issuer).toBe(`${E2E_BASE_URL}/api/v1/auth`);
  });

  test('a signed challenge signs the browser in as the wallet’s traveller; a replay is refused', async ({ request }) => {
    const kp = Keypair.random();
    const challenge = await (await request.get(`/api/v1/auth?account=${kp.publicKey()}`)).json();
    expect(Object.keys(challenge).sort()).toEqual(['network_passphrase', 'transaction']);
    const signed = sign(challenge.transaction, kp);
    const ok = await request.post('/api/v1/auth', { data: { transaction: signed } });
    expect(ok.status()).toBe(200);
    expect((await ok.json()).token.split('.')).toHaveLength(3);
    const me = await (await request.get('/api/v1/me')).json(); // the session cookie came back with the token
    expect(me.data).toMatchObject({ source: 'wallet', wallets: [kp.publicKey()], roles: [{ role: 'traveller', airline: null }] });

    const replay = await request.post('/api/v1/auth', { data: { transaction: signed } });
    expect(replay.status()).toBe(400);
    expect(replay.headers()['content-type']).toBe('application/problem+json');
    expect((await replay.json()).errors[0].field).toBe('transaction');
    expect((await request.delete('/api/v1/session')).status()).toBe(204);
    expect((await request.get('/api/v1/me')).status()).toBe(401);
  });

  test('accepts form bodies too', async ({ request }) => {
    const kp = Keypair.random();
    const { transaction } = await (await request.get(`/api/v1/auth?account=${kp.publicKey()}`)).json();
    const res = await request.post('/api/v1/auth', { form: { transaction: sign(transaction, kp) } });
    expect(res.status()).toBe(200);
  });

  for (const [name, body] of [
    ['no transaction', {}],
    ['garbage XDR', { transaction: 'AAAA' }],
    ['an unsigned challenge', 'unsigned'],
    ['a challenge signed by another key', 'other'],
  ] as const) {
    test(`refuses ${name} with 400`, async ({ request }) => {
      const kp = Keypair.random();
      let data: Record<string, string> = body as Record<string, string>;
      if (typeof body === 'string') {
        const { transaction } = await (await request.get(`/api/v1/auth?account=${kp.publicKey()}`)).json();
        data = { transaction: body === 'unsigned' ? transaction : sign(transaction, Keypair.random()) };
      }
      const res = await request.post('/api/v1/auth', { data });
      expect(res.status()).toBe(400);
      expect(res.headers()['content-type']).toBe('application/problem+json');
    });
  }

  test('refuses a challenge request for a malformed account or another home domain', async ({ request }) => {
    expect((await request.get('/api/v1/auth?account=GNOPE')).status()).toBe(400);
    expect((await request.get(`/api/v1/auth?account=${Keypair.random().publicKey()}&home_domain=evil.example`)).status()).toBe(400);
  });
});
