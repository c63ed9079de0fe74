import 'server-only';
import { webAuthSite } from '@/lib/auth/web-auth';
import { networkPassphrase } from '@/lib/stellar/network';
import type { VoteSite } from './votes';

/** The network and origin a signed vote must name: this deployment's (APP_URL, else the request's). */
export function voteSite(headers: Headers, requestUrl: string): VoteSite {
  return { network: networkPassphrase(), origin: webAuthSite(headers, requestUrl).origin };
}
