'use client';
import { contract, rpc } from '@stellar/stellar-sdk';
import trqSpec from '@/contracts/spec/trq.json';
import type { WalletAdapter } from '@/lib/wallet/adapter';
import { requireWalletNetwork, walletAccount, walletContractClient, type ContractTarget } from '@/lib/wallet/contract-client';

// Delegation on the TRQ contract from the holder's wallet (soroban rail). OpenZeppelin's votes
// count a balance only once it is delegated — to oneself too — so a holder who never delegated
// has no voting power on chain. `delegate` is built from the committed trq spec, simulated,
// signed in the wallet and sent; the page then reads the delegate back from the contract.

export type TrqTarget = ContractTarget;

export async function delegateOnChain(wallet: WalletAdapter, target: TrqTarget, delegatee?: string): Promise<{ txHash: string; delegatee: string }> {
  const account = await walletAccount(wallet);
  await requireWalletNetwork(wallet, target.networkPassphrase, "Traqora's TRQ contract");
  const client = walletContractClient<{ delegate(args: { account: string; delegatee: string }): Promise<contract.AssembledTransaction<null>> }>(wallet, trqSpec, target, account);
  const to = delegatee ?? account;
  const tx = await client.delegate({ account, delegatee: to });
  if (tx.simulation && rpc.Api.isSimulationError(tx.simulation)) throw new Error('The TRQ contract refused the delegation.');
  const sent = await tx.signAndSend();
  const hash = sent.sendTransactionResponse?.hash ?? '';
  const status = sent.getTransactionResponse?.status;
  if (status !== rpc.Api.GetTransactionStatus.SUCCESS) throw new Error(`The delegation did not go through on chain (${status ?? 'not seen'}).`);
  return { txHash: hash, delegatee: to };
}
