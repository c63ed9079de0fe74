'use client';
import type { Keypair } from '@stellar/stellar-sdk';
import { WalletError, type WalletAdapter } from './adapter';
import { appNetworkPassphrase } from './sign-in';

// The development wallet of `npm run dev:chain`: a keypair held in this browser's localStorage,
// funded by the local devnet's friendbot and its test-USDC mint, so a newcomer can pay on chain
// with no extension. It exists only when NEXT_PUBLIC_DEVNET_WALLET names the devnet, and never
// in a production build: NODE_ENV is inlined at build time, so there the adapter is null and the
// picker does not list it (lib/config/env.ts also refuses the variable with NODE_ENV=production).
// The key is readable by any script on the page: development only, worth nothing anywhere else.

const DEVNET = process.env.NODE_ENV === 'production' ? undefined : process.env.NEXT_PUBLIC_DEVNET_WALLET;
const STORED = 'traqora.devnet-wallet';
/** Test USDC the friendbot's new account gets (7 decimals). */
const START_USDC = 10_000n * 10_000_000n;

// The SDK loads with this wallet's first use, not with the module: the wallet picker is in every
// page's header (loaded just after hydration), and the SDK's XDR codec is some 300 KB that a phone
// parsed on every page for a wallet that production builds do not even offer.
const sdk = () => import('@stellar/stellar-sdk');

async function keypair(): Promise<Keypair> {
  const { Keypair } = await sdk();
  let secret: string | null = null;
  try {
    secret = localStorage.getItem(STORED);
    if (!secret) {
      secret = Keypair.random().secret();
      localStorage.setItem(STORED, secret);
    }
  } catch {
    throw new WalletError('The development wallet keeps its key in this browser’s storage, which is blocked here.', 'failed');
  }
  return Keypair.fromSecret(secret);
}

/** The devnet's friendbot opens the account (400 when it exists already), then test USDC is minted. */
async function fund(devnet: string, address: string): Promise<void> {
  const opened = await fetch(`${devnet}/friendbot?addr=${address}`).catch(() => null);
  if (!opened) throw new WalletError(`The devnet at ${devnet} does not answer; is \`npm run dev:chain\` running?`, 'failed');
  if (opened.ok) await fetch(`${devnet}/devnet/mint?addr=${address}&amount=${START_USDC}`, { method: 'POST' });
}

function adapter(devnet: string): WalletAdapter {
  return {
    id: 'devnet',
    name: 'Development wallet (devnet only)',
    // always "installed": the devnet it is funded by is where it comes from
    installUrl: `${devnet}/devnet`,
    async isAvailable() {
      return true;
    },
    async getAddress() {
      const address = (await keypair()).publicKey();
      await fund(devnet, address);
      return address;
    },
    async getNetwork() {
      return { network: 'Traqora devnet', networkPassphrase: await appNetworkPassphrase() };
    },
    async signTransaction(xdr, opts) {
      const [kp, { TransactionBuilder }] = await Promise.all([keypair(), sdk()]);
      const tx = TransactionBuilder.fromXDR(xdr, opts.networkPassphrase);
      tx.sign(kp);
      return { signedTxXdr: tx.toXDR(), signerAddress: kp.publicKey() };
    },
    async signMessage(message) {
      const kp = await keypair();
      // SEP-53, base64 as freighter-api answers it
      return { signedMessage: btoa(String.fromCharCode(...kp.signMessage(message))), signerAddress: kp.publicKey() };
    },
  };
}

/** The development wallet, or null (production builds, or no devnet configured). */
export const devnetWalletAdapter: WalletAdapter | null = DEVNET ? adapter(DEVNET.replace(/\/+$/, '')) : null;
