import { Keypair, Networks, TransactionBuilder } from '@stellar/stellar-sdk';
import type { Page } from '@playwright/test';

// An in-test stand-in for the Freighter extension (research/nextjs-stack.md §5.2): the real
// @stellar/freighter-api on the page posts its requests to the window, and this script answers
// them the way the extension's content script does. The secret key never enters the page: the
// page asks the test process to sign through exposed functions.

export interface StandInNetwork {
  network: string;
  networkPassphrase: string;
}

export const TESTNET: StandInNetwork = { network: 'TESTNET', networkPassphrase: Networks.TESTNET };
export const PUBLIC: StandInNetwork = { network: 'PUBLIC', networkPassphrase: Networks.PUBLIC };

/** What the stand-in wallet is doing; a test changes it to switch accounts or networks mid-session. */
export interface StandInWallet {
  keypair: Keypair;
  network: StandInNetwork;
  /** Answer signature requests as a user pressing "Reject" in Freighter would. */
  declineSigning: boolean;
  /** Every request type the page sent, in order (e.g. to prove no signature was asked for). */
  readonly requests: string[];
}

export async function installFreighterStandIn(page: Page, init: Partial<Omit<StandInWallet, 'requests'>> = {}): Promise<StandInWallet> {
  const wallet: StandInWallet = {
    keypair: init.keypair ?? Keypair.random(),
    network: init.network ?? TESTNET,
    declineSigning: init.declineSigning ?? false,
    requests: [],
  };

  // Read on every request (not baked into the init script) so a test can switch mid-page.
  await page.exposeFunction('__standInState', (type: string) => {
    wallet.requests.push(type);
    return { publicKey: wallet.keypair.publicKey(), network: wallet.network, declineSigning: wallet.declineSigning };
  });
  await page.exposeFunction('__standInSignTx', (xdr: string, passphrase: string) => {
    const tx = TransactionBuilder.fromXDR(xdr, passphrase || wallet.network.networkPassphrase);
    tx.sign(wallet.keypair);
    return tx.toXDR();
  });
  // SEP-53 (what Freighter 5.34+ does for signMessage): ed25519 over sha256("Stellar Signed
  // Message:\n" ‖ message), answered base64 as freighter-api 6 passes it on.
  await page.exposeFunction('__standInSignMessage', (message: string) => Buffer.from(wallet.keypair.signMessage(message)).toString('base64'));

  await page.addInitScript(() => {
    type State = { publicKey: string; network: { network: string; networkPassphrase: string }; declineSigning: boolean };
    const w = window as unknown as {
      freighter: boolean;
      __standInState(type: string): Promise<State>;
      __standInSignTx(xdr: string, passphrase: string): Promise<string>;
      __standInSignMessage(message: string): Promise<string>;
    };
    // freighter-api's isConnected() short-circuits on this flag, as with the real extension.
    w.freighter = true;
    window.addEventListener('message', async (event: MessageEvent) => {
      const req = event.data;
      if (event.source !== window || req?.source !== 'FREIGHTER_EXTERNAL_MSG_REQUEST') return;
      // The extension's reply key really is spelt "messagedId".
      const reply = (payload: object) =>
        window.postMessage({ source: 'FREIGHTER_EXTERNAL_MSG_RESPONSE', messagedId: req.messageId, ...payload }, window.location.origin);
      const state = await w.__standInState(req.type);
      switch (req.type) {
        case 'REQUEST_CONNECTION_STATUS':
          return reply({ isConnected: true });
        case 'REQUEST_ALLOWED_STATUS':
        case 'SET_ALLOWED_STATUS':
          return reply({ isAllowed: true });
        case 'REQUEST_ACCESS':
        case 'REQUEST_PUBLIC_KEY':
          return reply({ publicKey: state.publicKey });
        case 'REQUEST_NETWORK_DETAILS':
          return reply({ networkDetails: { ...state.network, networkName: state.network.network, networkUrl: 'http://127.0.0.1:8000' } });
        case 'SUBMIT_TRANSACTION':
          if (state.declineSigning) return reply({ apiError: { code: -4, message: 'The user rejected this request.' } });
          return reply({ signedTransaction: await w.__standInSignTx(req.transactionXdr, req.networkPassphrase), signerAddress: state.publicKey });
        case 'SUBMIT_BLOB':
          if (state.declineSigning) return reply({ apiError: { code: -4, message: 'The user rejected this request.' } });
          return reply({ signedBlob: await w.__standInSignMessage(req.blob), signerAddress: state.publicKey });
        default:
          return reply({ apiError: { code: -1, message: `unsupported ${req.type}` } });
      }
    });
  });
  return wallet;
}
