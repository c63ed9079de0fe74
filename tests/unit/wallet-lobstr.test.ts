import { Keypair, Networks } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WalletAdapter } from '@/lib/wallet/adapter';
import { expectSignedBy, FakeWindow, rejection, signTx, unsignedTx } from './wallet-fake-window';

// The LOBSTR adapter with the real @lobstrco/signer-extension-api, against a stand-in for the
// extension's content script: it answers LOBSTR_EXTERNAL_MSG_REQUEST messages on the window the
// way the extension does (a connection key on access, "The connection key is missing" without
// one, "User declined access" when the traveller says no) and signs with a real key for the
// public network, the only one the LOBSTR app signs for.

type Refuse = 'access' | 'sign' | undefined;

function installLobstrStandIn(win: FakeWindow, kp: Keypair, refuse?: Refuse) {
  const requests: { type: string; signType?: string; connectionKey?: string }[] = [];
  const connectionKey = `conn-${kp.publicKey().slice(1, 9)}`;
  win.addEventListener('message', (event) => {
    const { data, source } = event as MessageEvent;
    if ((source as unknown) !== win || data?.source !== 'LOBSTR_EXTERNAL_MSG_REQUEST') return;
    requests.push({ type: data.type, signType: data.signType, connectionKey: data.connectionKey });
    const reply = (payload: object) => win.postMessage({ source: 'LOBSTR_EXTERNAL_MSG_RESPONSE', messagedId: data.messageId, ...payload });
    switch (data.type) {
      case 'REQUEST_CONNECTION_STATUS':
        return reply({ isConnected: true });
      case 'REQUEST_ACCESS':
        return reply(refuse === 'access' ? { error: 'User declined access' } : { publicKey: kp.publicKey(), connectionKey });
      case 'SIGN':
        if (data.connectionKey !== connectionKey) return reply({ error: 'The connection key is missing' });
        if (refuse === 'sign') return reply({ error: 'User declined access' });
        if (data.signType === 'transaction') return reply({ signedData: signTx(data.dataToSign, Networks.PUBLIC, kp), signerAddress: '' });
        return reply({ signedData: Buffer.from(kp.signMessage(data.dataToSign)).toString('base64'), signerAddress: kp.publicKey() });
      default:
        return reply({ error: `unsupported ${data.type}` });
    }
  });
  return requests;
}

let lobstrAdapter: WalletAdapter;
let win: FakeWindow;
const kp = Keypair.random();

beforeAll(async () => {
  // The package decides at load whether it runs in a browser, so the window comes first.
  vi.stubGlobal('window', new FakeWindow());
  ({ lobstrAdapter } = await import('@/lib/wallet/lobstr'));
});
beforeEach(() => {
  win = new FakeWindow();
  vi.stubGlobal('window', win);
});
afterAll(() => vi.unstubAllGlobals());

describe('LOBSTR adapter', () => {
  it('finds the extension at once, shares the account and reports Mainnet', async () => {
    installLobstrStandIn(win, kp);
    const started = Date.now();
    expect(await lobstrAdapter.isAvailable()).toBe(true);
    expect(Date.now() - started).toBeLessThan(500);
    expect(await lobstrAdapter.getAddress()).toBe(kp.publicKey());
    expect(await lobstrAdapter.getNetwork()).toEqual({ network: 'PUBLIC', networkPassphrase: Networks.PUBLIC });
  });

  it('returns a public-network transaction signed by the wallet’s key', async () => {
    const requests = installLobstrStandIn(win, kp);
    await lobstrAdapter.getAddress();
    const xdr = unsignedTx(kp, Networks.PUBLIC);
    const { signedTxXdr } = await lobstrAdapter.signTransaction(xdr, { networkPassphrase: Networks.PUBLIC, address: kp.publicKey() });
    expectSignedBy(signedTxXdr, xdr, Networks.PUBLIC, kp);
    expect(requests.filter((r) => r.type === 'SIGN')).toHaveLength(1);
  });

  it('in a tab that never connected, connects once and signs', async () => {
    const requests = installLobstrStandIn(win, kp);
    const xdr = unsignedTx(kp, Networks.PUBLIC);
    const { signedTxXdr } = await lobstrAdapter.signTransaction(xdr, { networkPassphrase: Networks.PUBLIC });
    expectSignedBy(signedTxXdr, xdr, Networks.PUBLIC, kp);
    expect(requests.map((r) => r.type)).toEqual(['REQUEST_CONNECTION_STATUS', 'SIGN', 'REQUEST_ACCESS', 'SIGN']);
  });

  it('passes the message signature through', async () => {
    installLobstrStandIn(win, kp);
    await lobstrAdapter.getAddress();
    const res = await lobstrAdapter.signMessage!('Traqora sign-in', { networkPassphrase: Networks.PUBLIC });
    expect(kp.verifyMessage('Traqora sign-in', Buffer.from(res.signedMessage, 'base64'))).toBe(true);
    expect(res.signerAddress).toBe(kp.publicKey());
  });

  it('refuses other networks before asking the wallet anything', async () => {
    const requests = installLobstrStandIn(win, kp);
    const err = await rejection(lobstrAdapter.signTransaction(unsignedTx(kp, Networks.TESTNET), { networkPassphrase: Networks.TESTNET }));
    expect(err).toMatchObject({ code: 'wrong_network' });
    expect(requests).toEqual([]);
  });

  it('maps “User declined access” to rejected, for the account and for the signature', async () => {
    installLobstrStandIn(win, kp, 'access');
    expect(await rejection(lobstrAdapter.getAddress())).toMatchObject({ code: 'rejected', message: 'You declined to share your account in LOBSTR.' });

    win = new FakeWindow();
    vi.stubGlobal('window', win);
    installLobstrStandIn(win, kp, 'sign');
    await lobstrAdapter.getAddress();
    const err = await rejection(lobstrAdapter.signTransaction(unsignedTx(kp, Networks.PUBLIC), { networkPassphrase: Networks.PUBLIC }));
    expect(err).toMatchObject({ code: 'rejected', message: 'You declined to sign the transaction in LOBSTR.' });
  });

  it('without the extension: not available after the 2 s check, and calls say not installed', async () => {
    const started = Date.now();
    expect(await lobstrAdapter.isAvailable()).toBe(false);
    expect(Date.now() - started).toBeLessThan(2600);
    expect(await rejection(lobstrAdapter.getAddress())).toMatchObject({ code: 'not_installed' });
  }, 10_000);

  it('offers no auth-entry signing or watching (the extension has neither)', () => {
    expect(lobstrAdapter.signAuthEntry).toBeUndefined();
    expect(lobstrAdapter.watch).toBeUndefined();
  });
});
