import { contract } from '@stellar/stellar-sdk';
import { isLoopbackUrl } from '@/lib/stellar/loopback';
import { WalletError, type WalletAdapter } from './adapter';

// The steps every wallet-signed contract call shares (governor votes and proposals, TRQ
// delegation, multisig approvals): the wallet is there, it is on the contract's network, and a
// spec-built client whose transactions that wallet signs for that account.

export interface ContractTarget { contractId: string; networkPassphrase: string; rpcUrl: string }

/** The wallet's account; a WalletError when the wallet is not installed. */
export async function walletAccount(wallet: WalletAdapter): Promise<string> {
  if (!(await wallet.isAvailable())) throw new WalletError(`${wallet.name} is not installed in this browser.`, 'not_installed');
  return wallet.getAddress();
}

/** Refuses (WalletError 'wrong_network') a wallet on another network than `networkPassphrase`; `what` names the contract. */
export async function requireWalletNetwork(wallet: WalletAdapter, networkPassphrase: string, what: string): Promise<void> {
  const network = await wallet.getNetwork();
  if (network.networkPassphrase !== networkPassphrase) {
    throw new WalletError(`${wallet.name} is on ${network.network}; switch it to the network ${what} is on.`, 'wrong_network');
  }
}

/** A client for `spec` at `target` whose transactions `wallet` signs as `account`; typed by the caller (C). */
export function walletContractClient<C>(wallet: WalletAdapter, spec: ConstructorParameters<typeof contract.Spec>[0], target: ContractTarget, account: string): C {
  return new contract.Client(new contract.Spec(spec), {
    contractId: target.contractId, networkPassphrase: target.networkPassphrase, rpcUrl: target.rpcUrl, allowHttp: isLoopbackUrl(target.rpcUrl), publicKey: account,
    signTransaction: (xdr, o) => wallet.signTransaction(xdr, { networkPassphrase: o?.networkPassphrase ?? target.networkPassphrase, address: account }),
  }) as unknown as C;
}
