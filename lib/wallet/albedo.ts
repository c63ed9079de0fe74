'use client';
import { WalletError, type WalletAdapter } from './adapter';
import { appNetworkPassphrase } from './sign-in';

// Albedo is a website, not an extension: each request opens an albedo.link/confirm window and
// talks to it with postMessage (the "intent" protocol). When the window is ready it posts
// { albedo: { protocol } }; we post { intent, ...params, __reqid, __albedo_intent_version } and
// it answers { albedoIntentResult: { __reqid, ...result } } or, refused, { ..., error: { code,
// message } } where code -4 is the user's "no". We speak the protocol here instead of using
// @albedo-link/intent because that package never settles when the window is blocked or closed
// and accepts answers from any origin. Networks are chosen per request, so Albedo is always on
// the network the app asks for. Its sign_message signatures are not SEP-53 and it has no
// auth-entry signing or change events, so only getAddress and signTransaction are offered.

const ORIGIN = 'https://albedo.link';
const PROTOCOL = 3;
const NETWORKS: Record<string, { id: 'public' | 'testnet'; name: string }> = {
  'Public Global Stellar Network ; September 2015': { id: 'public', name: 'PUBLIC' },
  'Test SDF Network ; September 2015': { id: 'testnet', name: 'TESTNET' },
};

// Browsers let a page open a window only right after a click, and opening one uses the click up:
// sign-in opens Albedo twice (account, then signature), so the second window may be blocked.
// Then the account just shared is kept for two minutes, and "Try again" (a new click) goes
// straight to the signature.
let resume: { address: string; until: number } | undefined;

function token(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

type Result = Record<string, unknown>;

function request(intent: string, params: Result, what: string, account?: string): Promise<Result> {
  const popup = window.open(`${ORIGIN}/confirm`, 'auth.albedo.link', 'popup,width=480,height=600');
  if (!popup) {
    if (account) resume = { address: account, until: Date.now() + 120_000 };
    return Promise.reject(new WalletError('Your browser blocked the Albedo window. Choose Try again to open it, or allow pop-ups for this site.', 'failed'));
  }
  const reqid = token();
  return new Promise((resolve, reject) => {
    let sent = false;
    const finish = (settle: () => void) => {
      window.removeEventListener('message', onMessage);
      clearInterval(closed);
      settle();
    };
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== ORIGIN || event.source !== popup || typeof event.data !== 'object' || !event.data) return;
      if (event.data.albedo && !sent) {
        sent = true;
        popup.postMessage({ ...params, intent, __reqid: reqid, __albedo_intent_version: PROTOCOL }, ORIGIN);
        return;
      }
      const result = event.data.albedoIntentResult as (Result & { error?: { code?: number; message?: string } }) | undefined;
      if (!result || result.__reqid !== reqid) return;
      popup.close();
      const { error } = result;
      if (!error) return finish(() => resolve(result));
      const refused = error.code === -4;
      finish(() => reject(new WalletError(refused ? `You declined to ${what} in Albedo.` : (error.message || `Albedo could not ${what}.`), refused ? 'rejected' : 'failed')));
    };
    // Closing the window without answering is a "no" (Albedo itself never says anything then).
    const closed = setInterval(() => {
      if (popup.closed) finish(() => reject(new WalletError(`You declined to ${what} in Albedo.`, 'rejected')));
    }, 500);
    window.addEventListener('message', onMessage);
  });
}

export const albedoAdapter: WalletAdapter = {
  id: 'albedo',
  name: 'Albedo',
  installUrl: 'https://albedo.link/',
  async isAvailable() {
    return typeof window !== 'undefined'; // a website: nothing to install
  },
  async getAddress() {
    const kept = resume;
    resume = undefined;
    if (kept && kept.until > Date.now()) return kept.address;
    const { pubkey } = await request('public_key', { token: token() }, 'share your account');
    if (typeof pubkey !== 'string' || !pubkey) throw new WalletError('Albedo did not share an account.', 'failed');
    return pubkey;
  },
  async getNetwork() {
    const passphrase = await appNetworkPassphrase();
    const known = NETWORKS[passphrase];
    if (!known) throw new WalletError('Albedo signs only on Mainnet and Testnet.', 'failed');
    return { network: known.name, networkPassphrase: passphrase };
  },
  async signTransaction(xdr, opts) {
    const network = NETWORKS[opts.networkPassphrase];
    if (!network) throw new WalletError('Albedo signs only on Mainnet and Testnet.', 'wrong_network');
    const res = await request('tx', opts.address ? { xdr, network: network.id, pubkey: opts.address } : { xdr, network: network.id }, 'sign the transaction', opts.address);
    if (typeof res.signed_envelope_xdr !== 'string') throw new WalletError('Albedo returned no signed transaction.', 'failed');
    return { signedTxXdr: res.signed_envelope_xdr, signerAddress: opts.address };
  },
};
