import { Keypair, Networks } from '@stellar/stellar-sdk';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WalletError } from '@/lib/wallet/adapter';
import { xbullAdapter } from '@/lib/wallet/xbull';
import { expectSignedBy, FakeWindow, rejection, signTx, unsignedTx } from './wallet-fake-window';

// The xBull adapter against a stand-in for the window.xBullSDK object the extension injects:
// the SEP-43 methods, answering { error: { code: -1, message } } the way xBull does when the
// traveller refuses ("Connection denied", "Sign request denied") and signing with a real key.

type Refuse = 'connect' | 'sign' | undefined;

function xbullStandIn(kp: Keypair, opts: { refuse?: Refuse; network?: { network: string; networkPassphrase: string } } = {}) {
  const calls: { method: string; args: unknown }[] = [];
  const denied = (message: string) => ({ error: { code: -1, message } });
  const sdk = {
    async getAddress() {
      calls.push({ method: 'getAddress', args: null });
      return opts.refuse === 'connect' ? denied('Connection denied') : { address: kp.publicKey() };
    },
    async getNetwork() {
      calls.push({ method: 'getNetwork', args: null });
      return opts.network ?? { network: 'TESTNET', networkPassphrase: Networks.TESTNET };
    },
    async signTransaction(params: { xdr: string; opts?: { networkPassphrase?: string; address?: string } }) {
      calls.push({ method: 'signTransaction', args: params });
      if (opts.refuse === 'sign') return denied('Sign request denied');
      if (params.opts?.address && params.opts.address !== kp.publicKey()) return denied('Combination of Network and public key is not available in this wallet');
      return { signedTxXdr: signTx(params.xdr, params.opts?.networkPassphrase ?? Networks.PUBLIC, kp), signerAddress: kp.publicKey() };
    },
    async signMessage(message: string) {
      calls.push({ method: 'signMessage', args: message });
      if (opts.refuse === 'sign') return denied('Sign request denied');
      return { signedMessage: Buffer.from(kp.signMessage(message)).toString('base64'), signerAddress: kp.publicKey() };
    },
  };
  return { sdk, calls };
}

let win: FakeWindow & { xBullSDK?: unknown };
const kp = Keypair.random();

beforeEach(() => {
  win = new FakeWindow();
  vi.stubGlobal('window', win);
});
afterEach(() => vi.unstubAllGlobals());

describe('xBull adapter', () => {
  it('finds the injected SDK, shares the account and reports the wallet’s own network', async () => {
    win.xBullSDK = xbullStandIn(kp, { network: { network: 'PUBLIC', networkPassphrase: Networks.PUBLIC } }).sdk;
    expect(await xbullAdapter.isAvailable()).toBe(true);
    expect(await xbullAdapter.getAddress()).toBe(kp.publicKey());
    expect(await xbullAdapter.getNetwork()).toEqual({ network: 'PUBLIC', networkPassphrase: Networks.PUBLIC });
  });

  it('returns the transaction signed by the wallet’s key, for the network and account asked for', async () => {
    const { sdk, calls } = xbullStandIn(kp);
    win.xBullSDK = sdk;
    const xdr = unsignedTx(kp, Networks.TESTNET);
    const res = await xbullAdapter.signTransaction(xdr, { networkPassphrase: Networks.TESTNET, address: kp.publicKey() });
    expectSignedBy(res.signedTxXdr, xdr, Networks.TESTNET, kp);
    expect(res.signerAddress).toBe(kp.publicKey());
    expect(calls.at(-1)).toEqual({ method: 'signTransaction', args: { xdr, opts: { networkPassphrase: Networks.TESTNET, address: kp.publicKey() } } });
  });

  it('passes the SEP-43 message signature through', async () => {
    win.xBullSDK = xbullStandIn(kp).sdk;
    const res = await xbullAdapter.signMessage!('Traqora sign-in', { networkPassphrase: Networks.TESTNET, address: kp.publicKey() });
    expect(kp.verifyMessage('Traqora sign-in', Buffer.from(res.signedMessage, 'base64'))).toBe(true);
  });

  it('maps the traveller refusing the connection or the signature to rejected', async () => {
    win.xBullSDK = xbullStandIn(kp, { refuse: 'connect' }).sdk;
    const connect = await rejection(xbullAdapter.getAddress());
    expect(connect).toBeInstanceOf(WalletError);
    expect(connect).toMatchObject({ code: 'rejected', message: 'You declined to share your account in xBull.' });

    win.xBullSDK = xbullStandIn(kp, { refuse: 'sign' }).sdk;
    const sign = await rejection(xbullAdapter.signTransaction(unsignedTx(kp, Networks.TESTNET), { networkPassphrase: Networks.TESTNET }));
    expect(sign).toMatchObject({ code: 'rejected', message: 'You declined to sign the transaction in xBull.' });
  });

  it('passes other wallet errors through as failed, including ones the SDK throws', async () => {
    win.xBullSDK = xbullStandIn(kp).sdk;
    const other = await rejection(xbullAdapter.signTransaction(unsignedTx(kp, Networks.TESTNET), { networkPassphrase: Networks.TESTNET, address: Keypair.random().publicKey() }));
    expect(other).toMatchObject({ code: 'failed', message: 'Combination of Network and public key is not available in this wallet' });

    win.xBullSDK = { ...xbullStandIn(kp).sdk, getNetwork: () => Promise.reject(new Error('Extension context invalidated.')) };
    expect(await rejection(xbullAdapter.getNetwork())).toMatchObject({ code: 'failed', message: 'Extension context invalidated.' });
  });

  it('without the extension: not available within about a second, and calls say not installed', async () => {
    const started = Date.now();
    expect(await xbullAdapter.isAvailable()).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await rejection(xbullAdapter.getAddress())).toMatchObject({ code: 'not_installed' });
    expect(await rejection(xbullAdapter.signTransaction('AAAA', { networkPassphrase: Networks.TESTNET }))).toMatchObject({ code: 'not_installed' });
  });

  it('notices an SDK injected a moment after the check starts', async () => {
    setTimeout(() => (win.xBullSDK = xbullStandIn(kp).sdk), 300);
    expect(await xbullAdapter.isAvailable()).toBe(true);
  });

  it('asks users of an xBull without the SEP-43 methods to update it', async () => {
    win.xBullSDK = { connect: async () => ({}), getPublicKey: async () => kp.publicKey(), signXDR: async () => '' };
    expect(await rejection(xbullAdapter.getAddress())).toMatchObject({ code: 'failed', message: expect.stringMatching(/update the extension/) });
  });

  it('offers no auth-entry signing or watching (xBull has neither)', () => {
    expect(xbullAdapter.signAuthEntry).toBeUndefined();
    expect(xbullAdapter.watch).toBeUndefined();
  });
});
