import 'server-only';
import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { StrKey, TransactionBuilder, WebAuth, type Transaction } from '@stellar/stellar-sdk';
import { config } from '@/lib/config';
import { HttpProblem } from '@/lib/http/problem';
import { networkPassphrase, webAuthKeypair } from '@/lib/stellar/network';
import { sessionSecret } from './session-secret';

// SEP-10 web authentication, built and verified with stellar-sdk's WebAuth. The home domain is
// the app's host (with port); web_auth_domain is its hostname, as the Stellar wallet SDK
// expects. Challenges live 5 minutes and their nonce is single-use (recorded in the database).

export const CHALLENGE_SECONDS = 300;
export const TOKEN_SECONDS = 24 * 3600;

export interface WebAuthSite { origin: string; homeDomain: string; webAuthDomain: string; endpoint: string }

/** Where this app is reached: APP_URL when set, else the request's own origin. */
export function webAuthSite(headers: Headers, requestUrl: string): WebAuthSite {
  const configured = config().env.APP_URL;
  const url = new URL(configured ?? (() => {
    const host = headers.get('x-forwarded-host') ?? headers.get('host') ?? new URL(requestUrl).host;
    const proto = headers.get('x-forwarded-proto') ?? new URL(requestUrl).protocol.replace(':', '');
    return `${proto}://${host}`;
  })());
  return { origin: url.origin, homeDomain: url.host, webAuthDomain: url.hostname, endpoint: `${url.origin}/api/v1/auth` };
}

export const nonceHash = (tx: Transaction) =>
  createHash('sha256').update(Buffer.from((tx.operations[0] as { value?: Uint8Array }).value ?? [])).digest('hex');

export function isAccount(account: string): boolean {
  return StrKey.isValidEd25519PublicKey(account);
}

/** A fresh challenge for `account`, signed by the server, and the hash of its nonce. */
export function buildChallenge(site: WebAuthSite, account: string, memo?: string): { transaction: string; nonceHash: string; expiresAt: Date } {
  const transaction = WebAuth.buildChallengeTx(webAuthKeypair(), account, site.homeDomain, CHALLENGE_SECONDS, networkPassphrase(), site.webAuthDomain, memo ?? null);
  const tx = TransactionBuilder.fromXDR(transaction, networkPassphrase()) as Transaction;
  return { transaction, nonceHash: nonceHash(tx), expiresAt: new Date(Date.now() + CHALLENGE_SECONDS * 1000) };
}

const refuse = (message: string) => new HttpProblem(400, message, [{ field: 'transaction', message }], { error: message });

/**
 * Checks a signed challenge: ours (server signature, home and web-auth domains, time bounds,
 * structure) and signed by the account it names. Accounts are verified by their master key;
 * multi-signature thresholds would need Horizon, which this deployment does not consult.
 */
export function verifyChallenge(site: WebAuthSite, transaction: unknown): { account: string; memo: string | null; nonceHash: string } {
  if (typeof transaction !== 'string' || !transaction) throw refuse('Send the signed challenge as "transaction".');
  const server = webAuthKeypair().publicKey();
  let read: ReturnType<typeof WebAuth.readChallengeTx>;
  try {
    read = WebAuth.readChallengeTx(transaction, server, networkPassphrase(), [site.homeDomain], site.webAuthDomain);
  } catch (err) {
    throw refuse(`The challenge is not valid: ${(err as Error).message}`);
  }
  // stellar-sdk allows five minutes' grace past maxTime; our challenges expire when they say.
  const maxTime = Number(read.tx.timeBounds?.maxTime ?? 0);
  if (!maxTime || maxTime * 1000 < Date.now()) throw refuse('The challenge has expired; request a new one.');
  let signers: string[];
  try {
    signers = WebAuth.verifyChallengeTxSigners(transaction, server, networkPassphrase(), [read.clientAccountID], [site.homeDomain], site.webAuthDomain);
  } catch (err) {
    throw refuse(`The challenge is not signed by ${read.clientAccountID}: ${(err as Error).message}`);
  }
  if (!signers.includes(read.clientAccountID)) throw refuse(`The challenge is not signed by ${read.clientAccountID}.`);
  return { account: read.clientAccountID, memo: read.memo ?? null, nonceHash: nonceHash(read.tx as Transaction) };
}

/**
 * The SEP-10 token: a JWT naming the account (and memo), issued by the auth endpoint. It also
 * carries the user it was issued to and their session version (`uid`, `sv`), so a bearer dies
 * with "sign out everywhere" and suspension exactly as the cookie session does.
 */
export async function issueToken(site: WebAuthSite, account: string, memo: string | null, jti: string,
  session: { userId: string; version: number }): Promise<string> {
  return new SignJWT({ uid: session.userId, sv: session.version })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(site.endpoint)
    .setSubject(memo ? `${account}:${memo}` : account)
    .setIssuedAt()
    .setExpirationTime(`${TOKEN_SECONDS}s`)
    .setJti(jti)
    .sign(new TextEncoder().encode(`sep10:${sessionSecret()}`));
}
