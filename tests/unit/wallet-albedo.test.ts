import { Keypair, Networks } from '@stellar/stellar-sdk';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { albedoAdapter } from '@/lib/wallet/albedo';
import { expectSignedBy, FakeWindow, rejection, signTx, unsignedTx } from './wallet-fake-window';

// The Albedo adapter against a stand-in for the albedo.link/confirm window: window.open returns
// it, it greets its opener with { albedo: { protocol } } from https://albedo.link, takes the
// intent the adapter posts to it and answers { albedoIntentResult } — a real signature, or the
// error Albedo sends when the traveller says no (code -4).

const ALBEDO = 'https://albedo.link';
const NETWORK_IDS: Record<string, string> = { public: Networks.PUBLIC, testnet: Networks.TESTNET };

type Behaviour = 'approve' | 'refuse' | 'fail' | 'ignore' | 'spoofed-first';

class AlbedoWindow {
  closed = false;
  received: { message: Record<string, unknown>; targetOrigin: string }[] = [];

  constructor(
    private opener: FakeWindow,
    private kp: Keypair,
    private behaviour: Behaviour,
  ) {
    setTimeout(() => this.opener.deliver({ albedo: { protocol: 3 } }, { origin: ALBEDO, source: this }), 5);
  }

  postMessage(message: Record<string, unknown>, targetOrigin: string) {
    this.received.push({ message, targetOrigin });
    if (targetOrigin !== ALBEDO) return; // the browser would not deliver it
    const answer = (result: object, from: { origin?: string; source?: unknown } = {}) =>
      this.opener.deliver({ albedoIntentResult: { ...result, __reqid: message.__reqid } }, { origin: ALBEDO, source: this, ...from });
    if (this.behaviour === 'ignore') return;
    if (this.behaviour === 'refuse') return answer({ error: { code: -4, message: 'Action request was rejected by the user.' } });
    if (this.behaviour === 'fail') return answer({ error: { code: -1, message: 'Unhandled error occurred.' } });
    const result =
      message.intent === 'public_key'
        ? { intent: 'public_key', pubkey: this.kp.publicKey(), signed_message: 'aa', signature: 'bb' }
        : { intent: 'tx', xdr: message.xdr, network: message.network, signed_envelope_xdr: signTx(String(message.xdr), NETWORK_IDS[String(message.network)], this.kp) };
    if (this.behaviour === 'spoofed-first') {
      // Another site's frame, and another window of the right site, try to answer first.
      const forged = { ...result, pubkey: Keypair.random().publicKey(), signed_envelope_xdr: 'forged' };
      answer(forged, { origin: 'https://evil.example' });
      answer(forged, { source: {} });
    }
    setTimeout(() => answer(result), 10);
  }

  close() {
    this.closed = true;
  }
}

let win: FakeWindow & { open?: ReturnType<typeof vi.fn> };
const kp = Keypair.random();
let opened: AlbedoWindow[];

function albedoOpens(behaviour: Behaviour = 'approve') {
  win.open = vi.fn(() => {
    const popup = new AlbedoWindow(win, kp, behaviour);
    opened.push(popup);
    return popup;
  });
}
const lastIntent = () => opened.at(-1)!.received.at(-1)!;

beforeEach(() => {
  win = new FakeWindow();
  opened = [];
  vi.stubGlobal('window', win);
});
afterEach(() => vi.unstubAllGlobals());

describe('Albedo adapter', () => {
  it('is always available (a website) and opens nothing to say so', async () => {
    albedoOpens();
    expect(await albedoAdapter.isAvailable()).toBe(true);
    expect(win.open).not.toHaveBeenCalled();
  });

  it('gets the account through a public_key intent posted only to albedo.link, then closes the window', async () => {
    albedoOpens();
    expect(await albedoAdapter.getAddress()).toBe(kp.publicKey());
    expect(win.open).toHaveBeenCalledWith(`${ALBEDO}/confirm`, 'auth.albedo.link', expect.any(String));
    const { message, targetOrigin } = lastIntent();
    expect(targetOrigin).toBe(ALBEDO);
    expect(message).toMatchObject({ intent: 'public_key', __albedo_intent_version: 3, token: expect.any(String), __reqid: expect.any(String) });
    expect(opened[0].closed).toBe(true);
  });

  it.each([
    ['testnet', Networks.TESTNET],
    ['public', Networks.PUBLIC],
  ])('returns a %s transaction signed by the account asked for', async (id, passphrase) => {
    albedoOpens();
    const xdr = unsignedTx(kp, passphrase);
    const res = await albedoAdapter.signTransaction(xdr, { networkPassphrase: passphrase, address: kp.publicKey() });
    expectSignedBy(res.signedTxXdr, xdr, passphrase, kp);
    expect(lastIntent().message).toMatchObject({ intent: 'tx', xdr, network: id, pubkey: kp.publicKey() });
    expect(res.signerAddress).toBe(kp.publicKey());
  });

  it('ignores answers from other origins or other windows', async () => {
    albedoOpens('spoofed-first');
    expect(await albedoAdapter.getAddress()).toBe(kp.publicKey());
    const xdr = unsignedTx(kp, Networks.TESTNET);
    expectSignedBy((await albedoAdapter.signTransaction(xdr, { networkPassphrase: Networks.TESTNET })).signedTxXdr, xdr, Networks.TESTNET, kp);
  });

  it('maps the traveller’s “no” (code -4) to rejected and other errors to failed', async () => {
    albedoOpens('refuse');
    expect(await rejection(albedoAdapter.getAddress())).toMatchObject({ code: 'rejected', message: 'You declined to share your account in Albedo.' });
    const refused = await rejection(albedoAdapter.signTransaction(unsignedTx(kp, Networks.TESTNET), { networkPassphrase: Networks.TESTNET }));
    expect(refused).toMatchObject({ code: 'rejected', message: 'You declined to sign the transaction in Albedo.' });
    albedoOpens('fail');
    expect(await rejection(albedoAdapter.getAddress())).toMatchObject({ code: 'failed', message: 'Unhandled error occurred.' });
  });

  it('treats closing the Albedo window without answering as a refusal', async () => {
    albedoOpens('ignore');
    const pending = rejection(albedoAdapter.signTransaction(unsignedTx(kp, Networks.TESTNET), { networkPassphrase: Networks.TESTNET }));
    setTimeout(() => (opened[0].closed = true), 50);
    expect(await pending).toMatchObject({ code: 'rejected' });
  });

  it('when the browser blocks the window: says so, and the next try skips straight to signing', async () => {
    win.open = vi.fn(() => null);
    const blocked = await rejection(albedoAdapter.signTransaction(unsignedTx(kp, Networks.TESTNET), { networkPassphrase: Networks.TESTNET, address: kp.publicKey() }));
    expect(blocked).toMatchObject({ code: 'failed', message: expect.stringMatching(/blocked the Albedo window/) });

    albedoOpens();
    expect(await albedoAdapter.getAddress()).toBe(kp.publicKey());
    expect(win.open).not.toHaveBeenCalled();
    // Only once: the next sign-in asks Albedo again.
    expect(await albedoAdapter.getAddress()).toBe(kp.publicKey());
    expect(win.open).toHaveBeenCalledTimes(1);
  });

  it('reports the network the app runs on, and refuses networks Albedo cannot sign for', async () => {
    const toml = (passphrase: string) => vi.stubGlobal('fetch', vi.fn(async () => new Response(`NETWORK_PASSPHRASE="${passphrase}"\n`)));
    toml(Networks.TESTNET);
    expect(await albedoAdapter.getNetwork()).toEqual({ network: 'TESTNET', networkPassphrase: Networks.TESTNET });
    toml(Networks.PUBLIC);
    expect(await albedoAdapter.getNetwork()).toEqual({ network: 'PUBLIC', networkPassphrase: Networks.PUBLIC });
    toml(Networks.FUTURENET);
    expect(await rejection(albedoAdapter.getNetwork())).toMatchObject({ code: 'failed' });

    albedoOpens();
    const err = await rejection(albedoAdapter.signTransaction(unsignedTx(kp, Networks.FUTURENET), { networkPassphrase: Networks.FUTURENET }));
    expect(err).toMatchObject({ code: 'wrong_network' });
    expect(win.open).not.toHaveBeenCalled();
  });

  it('offers no message or auth-entry signing and no watching', () => {
    expect(albedoAdapter.signMessage).toBeUndefined();
    expect(albedoAdapter.signAuthEntry).toBeUndefined();
    expect(albedoAdapter.watch).toBeUndefined();
  });
});
