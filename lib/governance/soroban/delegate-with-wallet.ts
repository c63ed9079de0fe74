'use client';
import { contract, rpc } from '@stellar/stellar-sdk';
import trqSpec from '@/contracts/spec/trq.json';
import { isLoopbackUrl } from '@/lib/stellar/loopback';
import { WalletError, type WalletAdapter } from '@/lib/wallet/adapter';

// Delegation on the TRQ contract from the holder's wallet (soroban rail). OpenZeppelin's votes
// count a balance only once it is delegated — to oneself too — so a holder who never delegated
// has no voting power on chain. `delegate` is built from the committed trq spec, simulated,
// signed in the wallet and sent; the page then reads the delegate back from the contract.

export interface TrqTarget { contractId: string; networkPassphrase: string; rpcUrl: string }

export async function delegateOnChain(wallet: WalletAdapter, target: TrqTarget, delegatee?: string): Promise<{ txHash: string; delegatee: string }> {
  if (!(await wallet.isAvailable())) throw new WalletError(`${wallet.name} is not installed in this browser.`, 'not_installed');
  const account = await wallet.getAddress();
  const network = await wallet.getNetwork();
  if (network.networkPassphrase !== target.networkPassphrase) {
    throw new WalletError(`${wallet.name} is on ${network.network}; switch it to the network Traqora's TRQ contract is on.`, 'wrong_network');
  }
  const client = new contract.Client(new contract.Spec(trqSpec), {
    contractId: target.contractId, networkPassphrase: target.networkPassphrase, rpcUrl: target.rpcUrl, allowHttp: isLoopbackUrl(target.rpcUrl), publicKey: account,
    signTransaction: (xdr, o) => wallet.signTransaction(xdr, { networkPassphrase: o?.networkPassphrase ?? target.networkPassphrase, address: account }),
  }) as unknown as { delegate(args: { account: string; delegatee: string }): Promise<contract.AssembledTransaction<null>> };
  const to = delegatee ?? account;
  const tx = await client.delegate({ account, delegatee: to });
  if (tx.simulation && rpc.Api.isSimulationError(tx.simulation)) throw new Error('The TRQ contract refused the delegation.');
  const sent = await tx.signAndSend();
  const hash = sent.sendTransactionResponse?.hash ?? '';
  const status = sent.getTransactionResponse?.status;
  if (status !== rpc.Api.GetTransactionStatus.SUCCESS) throw new Error(`The delegation did not go through on chain (${status ?? 'not seen'}).`);
  return { txHash: hash, delegatee: to };
}
