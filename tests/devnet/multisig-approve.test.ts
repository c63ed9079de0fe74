import { Keypair, rpc, TransactionBuilder } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEvent } from '@/lib/stellar/events';
import { judgeMultisigStep, type MultisigStep } from '@/lib/settlements/multisig-judge';
import { MultisigSignError, signMultisigStep, type MultisigTarget } from '@/lib/settlements/multisig-wallet';
import { invokeContract } from '@/lib/stellar/contracts/invoke';
import { adminAction, multisig } from '@/lib/stellar/contracts/multisig';
import type { WalletAdapter } from '@/lib/wallet/adapter';
import { devnetMissing, startDevnet, type Devnet } from '@/tests/support/devnet-node';

// Approving and executing an admin multisig proposal from a signer's wallet, on the real Soroban
// host (contracts/devnet running the contracts' wasm): genesis wired the contracts through the
// same 2-of-3 multisig. signer-1 proposes (the server's invokeContract); signer-2 approves and
// signer-3 executes through the browser code (lib/settlements/multisig-wallet.ts, contract.Client
// built from contracts/spec/multisig.json) with a wallet that signs with their keys; the server's
// judge reads each transaction back from rpc.Server, and the indexer's decoder names the events
// the console's proposal list is built from. Skipped, with the reason, without the binary or wasm.

const missing = devnetMissing('traqora_multisig.wasm');
if (missing) console.warn(`skipping the devnet multisig tests: ${missing}`);

let devnet: Devnet | undefined;
let base = '';
let manifest: Devnet['manifest'];
let server: rpc.Server;
let target: MultisigTarget;
const key = (name: string) => Keypair.fromSecret(manifest.accounts[name].secretSeed);

/** A wallet as the browser sees one (SEP-43 shape), signing with a signer's key. */
function keyWallet(kp: Keypair, passphrase: string): WalletAdapter {
  return {
    id: 'freighter', name: 'Test wallet', installUrl: 'https://example.test',
    isAvailable: async () => true,
    getAddress: async () => kp.publicKey(),
    getNetwork: async () => ({ network: 'DEVNET', networkPassphrase: passphrase }),
    signTransaction: async (xdr, opts) => {
      const tx = TransactionBuilder.fromXDR(xdr, opts.networkPassphrase);
      tx.sign(kp);
      return { signedTxXdr: tx.toXDR(), signerAddress: kp.publicKey() };
    },
  };
}

/** The server's side of the confirmation: read the transaction from RPC until it is there, then judge it. */
async function judged(hash: string, step: MultisigStep, proposalId: string, signer: string) {
  const res = await server.pollTransaction(hash, { attempts: 40, sleepStrategy: () => 250 });
  return judgeMultisigStep(res, { multisigContractId: target.contractId, networkPassphrase: target.networkPassphrase, step, proposalId, signer });
}

describe.skipIf(missing !== null)('multisig approval from a signer’s wallet, on the devnet', () => {
  beforeAll(async () => {
    devnet = await startDevnet();
    ({ url: base, manifest, server } = devnet);
    target = { contractId: manifest.contracts.multisig, networkPassphrase: manifest.networkPassphrase, rpcUrl: base };
  }, 300_000);

  afterAll(async () => {
    await devnet?.stop();
  });

  it('signer-2 approves and signer-3 executes from their wallets; the server reads both from RPC; a second approval is refused before signing', async () => {
    const [s1, s2, s3] = ['signer-1', 'signer-2', 'signer-3'].map(key);
    // Something genesis leaves as it is: the threshold stays 2 of 3.
    const proposed = await invokeContract(multisig, { rpcUrl: base, networkPassphrase: target.networkPassphrase, contractId: target.contractId }, s1,
      'propose_admin_action', multisig.args.propose_admin_action(s1.publicKey(), adminAction.setThreshold(2)), { pollMs: 250 });
    if (proposed.outcome !== 'success') throw new Error(`propose: ${JSON.stringify(proposed)}`);
    const id = String(proposed.result);

    const steps: string[] = [];
    const approved = await signMultisigStep(keyWallet(s2, target.networkPassphrase), target, id, 'approve', {
      onProgress: (s) => steps.push(s), confirm: (hash, signer) => judged(hash, 'approve', id, signer),
    });
    expect(steps).toEqual(['connecting', 'building', 'signing', 'submitted', 'confirming', 'confirmed']);
    expect(approved.receipt).toMatchObject({ status: 'confirmed', step: 'approve', signer: s2.publicKey(), proposalId: id, approvals: 2 });
    // the same transaction judged as another proposal's, or another signer's, is refused
    expect(await judged(approved.txHash, 'approve', String(BigInt(id) + 1n), s2.publicKey())).toMatchObject({ status: 'failed' });
    expect(await judged(approved.txHash, 'approve', id, s3.publicKey())).toMatchObject({ status: 'failed' });
    expect(await judged(approved.txHash, 'execute', id, s2.publicKey())).toMatchObject({ status: 'failed' });

    // approving twice: the simulation refuses it, so the wallet is never asked to sign
    let asked = false;
    const again = keyWallet(s2, target.networkPassphrase);
    const sign = again.signTransaction;
    again.signTransaction = async (...a) => { asked = true; return sign(...a); };
    const refused = await signMultisigStep(again, target, id, 'approve', { confirm: async () => null }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MultisigSignError);
    expect(refused).toMatchObject({ step: 'building', message: 'This signer has already approved the proposal.' });
    expect(asked).toBe(false);

    const executed = await signMultisigStep(keyWallet(s3, target.networkPassphrase), target, id, 'execute', {
      confirm: (hash, signer) => judged(hash, 'execute', id, signer),
    });
    expect(executed.receipt).toMatchObject({ status: 'confirmed', step: 'execute', signer: s3.publicKey(), proposalId: id });

    // The events the console's list is built from (admin_multisig_proposals): proposed, approved, executed.
    const tx = await server.getTransaction(approved.txHash);
    if (tx.status !== rpc.Api.GetTransactionStatus.SUCCESS) throw new Error(`approval ${tx.status}`);
    const page = await server.getEvents({ startLedger: tx.ledger - 5, filters: [{ type: 'contract', contractIds: [target.contractId] }] });
    const mine = page.events.map((e) => parseEvent({
      type: e.type, id: e.id, ledger: e.ledger, ledgerClosedAt: e.ledgerClosedAt, contractId: e.contractId?.toString() ?? '',
      txHash: e.txHash, topic: e.topic.map((t) => t.toXDR('base64')), value: e.value.toXDR('base64'), inSuccessfulContractCall: e.inSuccessfulContractCall,
    })).filter((e) => [approved.txHash, executed.txHash].includes(e.txHash));
    // Executing a threshold change also announces the signer set it leaves (the contract's
    // `signers_changed`), which the console's signer list reads.
    expect(mine.map((e) => [e.contract, e.action])).toEqual([['multisig', 'approved'], ['multisig', 'executed'], ['multisig', 'signers_changed']]);
  }, 180_000);

  it('refuses an execution before enough signers approved, without asking the wallet to sign', async () => {
    const s1 = key('signer-1');
    const proposed = await invokeContract(multisig, { rpcUrl: base, networkPassphrase: target.networkPassphrase, contractId: target.contractId }, s1,
      'propose_admin_action', multisig.args.propose_admin_action(s1.publicKey(), adminAction.setThreshold(2)), { pollMs: 250 });
    if (proposed.outcome !== 'success') throw new Error(`propose: ${JSON.stringify(proposed)}`);
    const wallet = keyWallet(key('signer-3'), target.networkPassphrase);
    wallet.signTransaction = async () => { throw new Error('the wallet must not be asked'); };
    const refused = await signMultisigStep(wallet, target, String(proposed.result), 'execute', { confirm: async () => null }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ step: 'building', message: 'The proposal does not have enough approvals to execute yet.' });
  }, 120_000);
});
