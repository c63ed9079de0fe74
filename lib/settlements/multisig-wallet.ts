'use client';
import { contract, rpc } from '@stellar/stellar-sdk';
import multisigSpec from '@/contracts/spec/multisig.json';
import { requireWalletNetwork, walletAccount, walletContractClient } from '@/lib/wallet/contract-client';
import { WalletError, type WalletAdapter } from '@/lib/wallet/adapter';
import { multisigErrorSentence, type MultisigStep } from './multisig-judge';

// Approving (or, once the threshold is met, executing) an admin multisig proposal from the
// signer's own wallet: the call is built from the committed multisig spec with contract.Client
// (simulated by RPC, which also says whether the multisig would refuse it), signed in the wallet,
// sent, and then reported to the server, which reads the transaction from RPC itself before it
// audits it (multisig-confirm.ts). The signer is the wallet's account.

export type MultisigSignStep = 'connecting' | 'building' | 'signing' | 'submitted' | 'confirming' | 'confirmed';

export interface MultisigTarget {
  contractId: string;
  networkPassphrase: string;
  rpcUrl: string;
}

export class MultisigSignError extends Error {
  constructor(message: string, public readonly step: MultisigSignStep, public readonly txHash: string | null = null) {
    super(message);
    this.name = 'MultisigSignError';
  }
}

/** Reports the transaction to the server until it has read it from the chain (202 = not yet). */
async function confirmWithServer(proposalId: string, body: { step: MultisigStep; tx_hash: string; signer: string }, attempts = 10): Promise<unknown> {
  for (let i = 0; i < attempts; i++) {
    const res = await fetch(`/api/v1/admin/multisig/proposals/${proposalId}/steps`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    if (res.status === 200 || res.status === 201) return (await res.json()).data;
    if (res.status !== 202) {
      const problem = await res.json().catch(() => null);
      throw new MultisigSignError((problem && typeof problem.detail === 'string' && problem.detail) || 'Traqora could not confirm the transaction.', 'confirming', body.tx_hash);
    }
    await new Promise((r) => setTimeout(r, 1500));
  }
  throw new MultisigSignError('The transaction is on its way but not confirmed yet; reload the page in a moment.', 'confirming', body.tx_hash);
}

type MultisigClient = Record<`${'approve' | 'execute'}_admin_action`, (args: Record<string, unknown>) => Promise<contract.AssembledTransaction<unknown>>>;

export async function signMultisigStep(
  wallet: WalletAdapter, target: MultisigTarget, proposalId: string, step: MultisigStep,
  opts: { onProgress?: (s: MultisigSignStep, txHash?: string) => void; confirm?: (txHash: string, signer: string) => Promise<unknown> } = {},
): Promise<{ txHash: string; receipt: unknown }> {
  let at = 'connecting' as MultisigSignStep;
  const report = (s: MultisigSignStep, hash?: string) => { at = s; opts.onProgress?.(s, hash); };
  let txHash = '';
  try {
    report('connecting');
    const signer = await walletAccount(wallet);
    await requireWalletNetwork(wallet, target.networkPassphrase, "Traqora's multisig");

    report('building');
    const client = walletContractClient<MultisigClient>(wallet, multisigSpec, target, signer);
    const id = BigInt(proposalId);
    const tx = step === 'approve'
      ? await client.approve_admin_action({ signer, proposal_id: id })
      : await client.execute_admin_action({ executor: signer, proposal_id: id });
    if (tx.simulation && rpc.Api.isSimulationError(tx.simulation)) throw new MultisigSignError(multisigErrorSentence(tx.simulation.error), 'building');

    report('signing');
    await tx.sign();
    const sent = await tx.send({ onSubmitted: (r) => { if (r?.hash) { txHash = r.hash; report('submitted', txHash); } } });
    txHash ||= sent.sendTransactionResponse?.hash ?? '';

    report('confirming', txHash);
    const receipt = await (opts.confirm ?? ((h, s) => confirmWithServer(proposalId, { step, tx_hash: h, signer: s })))(txHash, signer);
    report('confirmed', txHash);
    return { txHash, receipt };
  } catch (err) {
    if (err instanceof MultisigSignError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof WalletError) throw new MultisigSignError(message, at, txHash || null);
    if (at === 'signing' && /reject|declin|denied|cancel/i.test(message)) throw new MultisigSignError('You declined to sign in your wallet.', at);
    throw new MultisigSignError(/Error\(/.test(message) ? multisigErrorSentence(message) : message, at, txHash || null);
  }
}
