'use client';
import { contract, rpc } from '@stellar/stellar-sdk';
import governorSpec from '@/contracts/spec/governor.json';
import { requireWalletNetwork, walletAccount, walletContractClient } from '@/lib/wallet/contract-client';
import { WalletError, type WalletAdapter } from '@/lib/wallet/adapter';
import { ChainVoteError, governorErrorSentence, type ChainVoteStep } from './vote-with-wallet';

// A proposal on the governor from the proposer's wallet (soroban rail): the server first checks
// it and answers exactly what to propose (POST /api/v1/governance/proposals/chain without a
// transaction: the governor, the calls, the description), then `propose` is built from the
// committed governor spec with contract.Client (RPC's simulation says whether the governor would
// refuse it, e.g. too few TRQ votes), signed in the wallet and sent, and its hash reported to the
// same endpoint, which reads it from RPC before the proposal exists in Traqora.

export interface PreparedProposal {
  governor: string;
  network_passphrase: string;
  rpc_url: string;
  targets: string[];
  functions: string[];
  description: string;
}

interface GovernorProposer {
  propose(args: { targets: string[]; functions: string[]; args: unknown[][]; description: string; proposer: string }): Promise<contract.AssembledTransaction<Buffer>>;
}

export async function proposeOnChain(
  wallet: WalletAdapter,
  prepare: (proposer: string) => Promise<PreparedProposal>,
  confirm: (txHash: string, proposer: string) => Promise<unknown>,
  opts: { onProgress?: (step: ChainVoteStep, txHash?: string) => void } = {},
): Promise<{ txHash: string; chainProposalId: string; result: unknown }> {
  let step = 'connecting' as ChainVoteStep;
  const report = (s: ChainVoteStep, hash?: string) => { step = s; opts.onProgress?.(s, hash); };
  let txHash = '';
  try {
    report('connecting');
    const proposer = await walletAccount(wallet);
    const target = await prepare(proposer);
    await requireWalletNetwork(wallet, target.network_passphrase, "Traqora's governor");

    report('building');
    const client = walletContractClient<GovernorProposer>(wallet, governorSpec,
      { contractId: target.governor, networkPassphrase: target.network_passphrase, rpcUrl: target.rpc_url }, proposer);
    const tx = await client.propose({ targets: target.targets, functions: target.functions, args: target.targets.map(() => []), description: target.description, proposer });
    if (tx.simulation && rpc.Api.isSimulationError(tx.simulation)) throw new ChainVoteError(proposeErrorSentence(tx.simulation.error), 'building');
    const chainProposalId = Buffer.from(tx.result).toString('hex');

    report('signing');
    await tx.sign();
    const sent = await tx.send({ onSubmitted: (r) => { if (r?.hash) { txHash = r.hash; report('submitted', txHash); } } });
    txHash ||= sent.sendTransactionResponse?.hash ?? '';

    report('confirming', txHash);
    const result = await confirm(txHash, proposer);
    report('confirmed', txHash);
    return { txHash, chainProposalId, result };
  } catch (err) {
    if (err instanceof ChainVoteError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof WalletError) throw new ChainVoteError(message, step, txHash || null);
    if (step === 'signing' && /reject|declin|denied|cancel/i.test(message)) throw new ChainVoteError('You declined to sign the proposal in your wallet.', step);
    throw new ChainVoteError(/Error\(/.test(message) ? proposeErrorSentence(message) : message, step, txHash || null);
  }
}

/** The governor's refusals of a proposal (stellar-governance GovernorError numbers) in a sentence. */
export function proposeErrorSentence(text: string): string {
  const n = /Error\(Contract, #(\d+)\)/.exec(text)?.[1];
  switch (n) {
    case '5001': return 'The governor already has this exact proposal.';
    case '5002': return 'Your wallet has too few TRQ votes on chain to propose (delegate your TRQ to yourself first).';
    default: return /Error\(Auth/.test(text) ? 'The wallet did not authorise the proposal.' : governorErrorSentence(text).replace('the vote', 'the proposal');
  }
}
