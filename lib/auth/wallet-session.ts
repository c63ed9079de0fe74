import 'server-only';
import { config } from '@/lib/config';
import { db } from '@/lib/db/connect';
import { bootstrapAdminWallets } from './bootstrap';
import { HttpProblem } from '@/lib/http/problem';
import { issueSession } from './session-issue';
import type { Viewer } from './types';
import { buildChallenge, issueToken, isAccount, verifyChallenge, type WebAuthSite } from './web-auth';

/** Issues and records a challenge for `account` (GET /api/v1/auth). */
export async function challengeFor(site: WebAuthSite, account: string, memo?: string) {
  if (!isAccount(account)) throw new HttpProblem(400, 'account must be a Stellar account id (G…).', [{ field: 'query.account', message: 'is not a Stellar account id' }], { error: 'invalid account' });
  const challenge = buildChallenge(site, account, memo);
  await (await db()).call('record_web_auth_challenge', { nonce_hash: challenge.nonceHash, account, expires_at: challenge.expiresAt.toISOString() });
  return challenge;
}

/**
 * Redeems a signed challenge: the SEP-10 token, and an app session for the wallet's user.
 * A wallet on ADMIN_WALLET_ADDRESSES is granted admin; a suspended user is refused (403).
 */
export async function redeemChallenge(site: WebAuthSite, transaction: unknown): Promise<{ token: string; viewer: Viewer }> {
  const proof = verifyChallenge(site, transaction);
  const admin = bootstrapAdminWallets(config().env).includes(proof.account);
  const row = await (await db()).call<Omit<Viewer, 'source'>>('redeem_web_auth_challenge', { nonce_hash: proof.nonceHash, account: proof.account, admin });
  const version = await issueSession(row.id, 'wallet');
  return { token: await issueToken(site, proof.account, proof.memo, proof.nonceHash, { userId: row.id, version }), viewer: { ...row, source: 'wallet' } };
}

/** Links the wallet that signed a challenge to the signed-in viewer. */
export async function linkWallet(site: WebAuthSite, viewer: Viewer, transaction: unknown): Promise<Viewer> {
  const proof = verifyChallenge(site, transaction);
  const row = await (await db()).call<Omit<Viewer, 'source'>>('link_wallet', { user_id: viewer.id, nonce_hash: proof.nonceHash, account: proof.account });
  return { ...row, source: viewer.source };
}
