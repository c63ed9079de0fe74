// The browser's view of a Stellar wallet, shaped like SEP-43 (getAddress, getNetwork,
// signTransaction, signMessage, signAuthEntry) — which is also the signer shape
// @stellar/stellar-sdk's contract.Client accepts. One small adapter per wallet, no kit.

export type WalletId = 'freighter' | 'rabet' | 'xbull' | 'albedo' | 'lobstr' | 'devnet';

export interface WalletNetwork { network: string; networkPassphrase: string }

export class WalletError extends Error {
  constructor(message: string, public readonly code: 'not_installed' | 'rejected' | 'failed' | 'wrong_network') {
    super(message);
    this.name = 'WalletError';
  }
}

export interface WalletAdapter {
  id: WalletId;
  name: string;
  /** Where to get the wallet when it is not installed. */
  installUrl: string;
  /**
   * Set for a wallet that signs on one network only and cannot be switched (LOBSTR: Mainnet), so
   * a network mismatch suggests another wallet instead of a network menu it does not have.
   */
  onlyNetwork?: string;
  /** True when the wallet is installed in this browser (answers quickly either way). */
  isAvailable(): Promise<boolean>;
  /** Asks for access if needed; the account to sign with. */
  getAddress(): Promise<string>;
  getNetwork(): Promise<WalletNetwork>;
  signTransaction(xdr: string, opts: { networkPassphrase: string; address?: string }): Promise<{ signedTxXdr: string; signerAddress?: string }>;
  signMessage?(message: string, opts: { networkPassphrase: string; address?: string }): Promise<{ signedMessage: string; signerAddress?: string }>;
  signAuthEntry?(entryXdr: string, opts: { networkPassphrase: string; address?: string }): Promise<{ signedAuthEntry: string; signerAddress?: string }>;
  /** Calls back when the wallet's account or network changes; returns a stop function. */
  watch?(onChange: (change: { address: string; network: WalletNetwork }) => void): () => void;
}
