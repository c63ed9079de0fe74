'use client';
import { contract, rpc } from '@stellar/stellar-sdk';
import governorSpec from '@/contracts/spec/governor.json';
import { requireWalletNetwork, walletAccount, walletContractClient } from '@/lib/wallet/contract-client';
import { WalletError, type WalletAdapter } from '@/lib/wallet/adapter';
import { ChainVoteError, governorErrorSentence, type ChainVoteStep } from './vote-with-wallet';

// Cancelling a proposal on the governor from the proposer's wallet (soroban rail): the server
// first checks the proposer may and answers what `cancel` takes (POST …/cancel/chain without a
// transaction: the calls and the description hash), then `cancel` is built from the committed
// governor spec with contract.Client (RPC's simulation says whether the governor would refuse
// it), signed in the wallet and sent, and its hash reported to the same endpoint, which reads it
// from RPC and asks the governor before Traqora shows the proposal cancelled.

export interface PreparedCancel {
  governor: string;
  network_passphrase: string;
  rpc_url: string;
  targets: string[];
  functions: string[];
  description_hash: string;
}

interface GovernorCanceller {
  cancel(args: { targets: string[]; functions: string[]; args: unknown[][]; description_hash: Buffer; operator: string }): Promise<contract.AssembledTransaction<Buffer>>;
}

export async function cancelOnChain(
  wallet: WalletAdapter,
  prepare: (operator: string) => Promise<PreparedCancel>,
  confirm: (txHash: string, operator: string) => Promise<unknown>,
  opts: { onProgress?: (step: ChainVoteStep, txHash?: string) => void } = {},
): Promise<{ txHash: string; result: unknown }> {
  let step = 'connecting' as ChainVoteStep;
  const report = (s: ChainVoteStep, hash?: string) => { step = s; opts.onProgress?.(s, hash); };
  let txHash = '';
  try {
    report('connecting');
    const operator = await walletAccount(wallet);
    const target = await prepare(operator);
    await requireWalletNetwork(wallet, target.network_passphrase, "Traqora's governor");

    report('building');
    const client = walletContractClient<GovernorCanceller>(wallet, governorSpec,
      { contractId: target.governor, networkPassphrase: target.network_passphrase, rpcUrl: target.rpc_url }, operator);
    const tx = await client.cancel({
      targets: target.targets, functions: target.functions, args: target.targets.map(() => []), description_hash: Buffer.from(target.description_hash, 'hex'), operator,
    });
    if (tx.simulation && rpc.Api.isSimulationError(tx.simulation)) throw new ChainVoteError(cancelErrorSentence(tx.simulation.error), 'building');

    report('signing');
    await tx.sign();
    const sent = await tx.send({ onSubmitted: (r) => { if (r?.hash) { txHash = r.hash; report('submitted', txHash); } } });
    txHash ||= sent.sendTransactionResponse?.hash ?? '';

    report('confirming', txHash);
    const result = await confirm(txHash, operator);
    report('confirmed', txHash);
    return { txHash, result };
  } catch (err) {
    if (err instanceof ChainVoteError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof WalletError) throw new ChainVoteError(message, step, txHash || null);
    if (step === 'signing' && /reject|declin|denied|cancel/i.test(message)) throw new ChainVoteError('You declined to sign the cancellation in your wallet.', step);
    throw new ChainVoteError(/Error\(/.test(message) ? cancelErrorSentence(message) : message, step, txHash || null);
  }
}

/** The governor's refusals of a cancellation in a sentence (its own NotProposer, then OpenZeppelin's). */
export function cancelErrorSentence(text: string): string {
  const n = /Error\(Contract, #(\d+)\)/.exec(text)?.[1];
  switch (n) {
    case '1': return 'The governor says this wallet did not make the proposal.';
    case '5000': return 'The governor does not know this proposal.';
    case '5009': return 'The governor says this proposal can no longer be cancelled (already cancelled, expired or executed).';
    default: return /Error\(Auth/.test(text) ? 'The wallet did not authorise the cancellation.' : governorErrorSentence(text).replace('the vote', 'the cancellation');
  }
}
