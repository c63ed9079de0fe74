import { randomBytes } from 'node:crypto';
import { Account, Keypair, Networks, nativeToScVal, rpc, StrKey, TransactionBuilder } from '@stellar/stellar-sdk';
import type { MultisigChain } from '@/lib/settlements/multisig-chain';
import type { MultisigStep } from '@/lib/settlements/multisig-judge';
import { multisig } from '@/lib/stellar/contracts/multisig';

// A stand-in for the admin multisig as RPC reports it (lib/settlements/multisig-chain.ts), for
// database and route tests that have no chain: every hash reads back as one successful
// transaction, built from the committed spec and signed by `signer`, that approves (or executes)
// proposal `proposalId`. The real host is exercised in tests/devnet/multisig-approve.test.ts.

export function multisigStepTransaction(opts: { contractId: string; networkPassphrase: string; step: MultisigStep; proposalId: bigint; signer: Keypair }) {
  const a = opts.signer.publicKey();
  const op = opts.step === 'approve'
    ? multisig.operation(opts.contractId, 'approve_admin_action', multisig.args.approve_admin_action(a, opts.proposalId))
    : multisig.operation(opts.contractId, 'execute_admin_action', multisig.args.execute_admin_action(a, opts.proposalId));
  const tx = new TransactionBuilder(new Account(a, '1'), { fee: '100', networkPassphrase: opts.networkPassphrase }).addOperation(op).setTimeout(60).build();
  tx.sign(opts.signer);
  return tx;
}

export function multisigChainStandIn(opts: { step?: MultisigStep; proposalId?: bigint; signer?: Keypair; status?: 'SUCCESS' | 'FAILED' | 'NOT_FOUND' } = {}):
  MultisigChain & { signer: Keypair; proposalId: bigint } {
  const signer = opts.signer ?? Keypair.random();
  const proposalId = opts.proposalId ?? 7n;
  const contractId = StrKey.encodeContract(randomBytes(32));
  const networkPassphrase = Networks.TESTNET;
  const tx = multisigStepTransaction({ contractId, networkPassphrase, step: opts.step ?? 'approve', proposalId, signer });
  const status = rpc.Api.GetTransactionStatus[opts.status ?? 'SUCCESS'];
  return {
    contractId, networkPassphrase, rpcUrl: 'http://127.0.0.1:1', signer, proposalId,
    getTransaction: async () => ({
      status, envelopeXdr: tx.toEnvelope(), returnValue: nativeToScVal(2, { type: 'u32' }), ledger: 1234, createdAt: Math.floor(Date.now() / 1000),
    }) as unknown as rpc.Api.GetTransactionResponse,
  };
}
