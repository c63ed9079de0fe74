import { webAuthSite } from '@/lib/auth/web-auth';
import { networkPassphrase, webAuthKeypair } from '@/lib/stellar/network';

export const dynamic = 'force-dynamic';

// SEP-1 stellar.toml: what wallets read to find our SEP-10 endpoint and signing key.
export async function GET(req: Request) {
  const site = webAuthSite(req.headers, req.url);
  const toml = [
    `NETWORK_PASSPHRASE="${networkPassphrase()}"`,
    `SIGNING_KEY="${webAuthKeypair().publicKey()}"`,
    `WEB_AUTH_ENDPOINT="${site.endpoint}"`,
    '',
    '[DOCUMENTATION]',
    'ORG_NAME="Traqora"',
    `ORG_URL="${site.origin}"`,
    'ORG_DESCRIPTION="Flight booking paid into a Soroban escrow."',
    '',
  ].join('\n');
  return new Response(toml, { headers: { 'content-type': 'text/plain; charset=utf-8', 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300' } });
}
