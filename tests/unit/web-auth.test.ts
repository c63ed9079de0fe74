import { Keypair, Networks, TransactionBuilder, type Transaction } from '@stellar/stellar-sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildChallenge, verifyChallenge, webAuthSite } from '@/lib/auth/web-auth';
import { HttpProblem } from '@/lib/http/problem';

// SEP-10 challenges: ours verify only when the named account signed them, on our domains,
// in time; anything tampered, unsigned, foreign or late is refused with a 400 naming
// `transaction`. (Single use is the database's job: tests/db/web-auth.test.ts.)

const site = webAuthSite(new Headers({ host: 'localhost:3000' }), 'http://localhost:3000/api/v1/auth');
const client = Keypair.random();
const sign = (xdr: string, ...kps: Keypair[]) => {
  const tx = TransactionBuilder.fromXDR(xdr, Networks.TESTNET) as Transaction;
  kps.forEach((k) => tx.sign(k));
  return tx.toXDR();
};
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(HttpProblem);
    expect((e as HttpProblem).status).toBe(400);
    expect((e as HttpProblem).errors?.[0].field).toBe('transaction');
    return (e as HttpProblem).message;
  }
  throw new Error('expected a refusal');
};

afterEach(() => vi.useRealTimers());

describe('SEP-10 challenges', () => {
  it('names the site: host with port as home domain, hostname as web_auth_domain', () => {
    expect(site).toEqual({ origin: 'http://localhost:3000', homeDomain: 'localhost:3000', webAuthDomain: 'localhost', endpoint: 'http://localhost:3000/api/v1/auth' });
  });

  it('verifies a challenge the account signed, and returns its nonce hash', () => {
    const c = buildChallenge(site, client.publicKey());
    const proof = verifyChallenge(site, sign(c.transaction, client));
    expect(proof).toEqual({ account: client.publicKey(), memo: null, nonceHash: c.nonceHash });
    expect(c.nonceHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses an unsigned challenge and one signed by someone else', () => {
    const c = buildChallenge(site, client.publicKey());
    expect(refusal(() => verifyChallenge(site, c.transaction))).toMatch(/not signed by/);
    expect(refusal(() => verifyChallenge(site, sign(c.transaction, Keypair.random())))).toMatch(/not signed by|not valid/);
  });

  it('refuses a challenge built by another server, or for another home domain', () => {
    const other = webAuthSite(new Headers({ host: 'evil.example:3000' }), 'http://evil.example:3000/');
    const foreign = buildChallenge(other, client.publicKey());
    expect(refusal(() => verifyChallenge(site, sign(foreign.transaction, client)))).toMatch(/not valid/);
  });

  it('refuses a challenge whose server signature was replaced (tampered)', () => {
    const c = buildChallenge(site, client.publicKey());
    const tx = TransactionBuilder.fromXDR(c.transaction, Networks.TESTNET) as Transaction;
    tx.signatures.splice(0, tx.signatures.length);
    tx.sign(Keypair.random(), client);
    expect(refusal(() => verifyChallenge(site, tx.toXDR()))).toMatch(/not valid/);
  });

  it('refuses an expired challenge (5 minutes)', () => {
    const c = buildChallenge(site, client.publicKey());
    const signed = sign(c.transaction, client);
    vi.useFakeTimers({ now: Date.now() + 6 * 60 * 1000 });
    expect(refusal(() => verifyChallenge(site, signed))).toMatch(/expired/);
  });

  it('refuses garbage and a missing transaction', () => {
    expect(refusal(() => verifyChallenge(site, 'AAAA'))).toMatch(/not valid/);
    expect(refusal(() => verifyChallenge(site, undefined))).toMatch(/Send the signed challenge/);
  });
});
