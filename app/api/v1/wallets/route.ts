import { viewerAnswer } from '@/lib/auth/answers';
import { linkWallet } from '@/lib/auth/wallet-session';
import { webAuthSite } from '@/lib/auth/web-auth';
import { fieldFromBody } from '@/lib/http/form-or-json';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// Links another wallet to the signed-in account: POST a SEP-10 challenge the wallet signed.
export const POST = handler({ name: 'wallets.link', auth: 'signed-in', response: viewerAnswer }, async ({ req, viewer }) => {
  const site = webAuthSite(req.headers, req.url);
  return Response.json({ data: await linkWallet(site, viewer, await fieldFromBody(req, 'transaction')) }, { status: 201 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
