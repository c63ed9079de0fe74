import { z } from 'zod';
import { webAuthChallenge, webAuthToken } from '@/lib/auth/answers';
import { challengeFor, redeemChallenge } from '@/lib/auth/wallet-session';
import { isAccount, webAuthSite } from '@/lib/auth/web-auth';
import { fieldFromBody } from '@/lib/http/form-or-json';
import { otherMethods } from '@/lib/http/methods';
import { HttpProblem } from '@/lib/http/problem';
import { handler } from '@/lib/http/handler';
import { networkPassphrase } from '@/lib/stellar/network';

export const dynamic = 'force-dynamic';

// SEP-10: GET a challenge for an account, POST it back signed for a token (and a session).

const challengeQuery = z.object({
  account: z.string({ error: 'is required' }).refine(isAccount, 'must be a Stellar account id (G…)'),
  memo: z.string().regex(/^\d{1,20}$/, 'must be an unsigned 64-bit integer').optional(),
  home_domain: z.string().optional(),
  client_domain: z.string().optional(),
});

export const GET = handler({ name: 'auth.challenge', query: challengeQuery, response: webAuthChallenge }, async ({ req, query }) => {
  const site = webAuthSite(req.headers, req.url);
  if (query.home_domain && query.home_domain !== site.homeDomain) {
    throw new HttpProblem(400, `home_domain must be ${site.homeDomain}.`, [{ field: 'query.home_domain', message: `must be ${site.homeDomain}` }], { error: 'unsupported home_domain' });
  }
  if (query.client_domain) {
    throw new HttpProblem(400, 'client_domain verification is not supported.', [{ field: 'query.client_domain', message: 'is not supported' }], { error: 'client_domain is not supported' });
  }
  const { transaction } = await challengeFor(site, query.account, query.memo);
  return Response.json({ transaction, network_passphrase: networkPassphrase() }, { headers: { 'cache-control': 'no-store' } });
});

export const POST = handler({ name: 'auth.token', response: webAuthToken }, async ({ req }) => {
  const site = webAuthSite(req.headers, req.url);
  const { token } = await redeemChallenge(site, await fieldFromBody(req, 'transaction'));
  return Response.json({ token }, { headers: { 'cache-control': 'no-store' } });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
