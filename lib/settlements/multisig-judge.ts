import { Address, rpc, scValToNative, TransactionBuilder, type xdr } from '@stellar/stellar-sdk';

// The server believes a multisig approval or execution only when it has read it from RPC: a
// successful transaction whose one operation invoked our admin multisig's approve_admin_action
// or execute_admin_action on this proposal, by the signer the console was told. What the browser
// says is only which hash to read (the same rule as on-chain votes, lib/governance/soroban).

export type MultisigStep = 'approve' | 'execute';
const FUNCTION: Record<MultisigStep, string> = { approve: 'approve_admin_action', execute: 'execute_admin_action' };

export type MultisigStepVerdict =
  | { status: 'pending' }
  | { status: 'failed'; reason: string }
  | { status: 'confirmed'; step: MultisigStep; signer: string; proposalId: string; ledger: number; closedAt: string;
      /** approve: the approvals counted so far (the contract's return value). */
      approvals: number | null };

/** The multisig's refusals (contracts/multisig MultisigError) in a sentence. */
export function multisigErrorSentence(text: string): string {
  switch (/Error\(Contract, #(\d+)\)/.exec(text)?.[1]) {
    case '1': return 'This account is not one of the multisig’s signers.';
    case '2': return 'The multisig does not know this proposal.';
    case '3': return 'This signer has already approved the proposal.';
    case '4': return 'The proposal has expired.';
    case '5': return 'The proposal has already been executed.';
    case '6': return 'The proposal does not have enough approvals to execute yet.';
    default: return /Error\(Auth/.test(text) ? 'The wallet did not authorise the transaction.' : 'The multisig refused the transaction.';
  }
}

interface InvokeContract { type: string; value: { contractAddress: xdr.ScAddress; functionName: unknown; args: xdr.ScVal[] } }
const text = (v: unknown) => (typeof v === 'string' ? v : new TextDecoder().decode((v as { bytes?: Uint8Array }).bytes ?? (v as Uint8Array)));

export function judgeMultisigStep(
  res: rpc.Api.GetTransactionResponse,
  expect: { multisigContractId: string; networkPassphrase: string; step: MultisigStep; proposalId: string; signer: string },
): MultisigStepVerdict {
  if (res.status === rpc.Api.GetTransactionStatus.NOT_FOUND) return { status: 'pending' };
  if (res.status === rpc.Api.GetTransactionStatus.FAILED) return { status: 'failed', reason: 'The transaction failed on chain; nothing was approved or executed.' };

  const tx = TransactionBuilder.fromXDR(res.envelopeXdr, expect.networkPassphrase);
  const inner = 'innerTransaction' in tx ? tx.innerTransaction : tx;
  const op = inner.operations[0];
  const call = op?.type === 'invokeHostFunction' ? (op.func as unknown as InvokeContract) : null;
  if (inner.operations.length !== 1 || call?.type !== 'hostFunctionTypeInvokeContract'
      || Address.fromScAddress(call.value.contractAddress).toString() !== expect.multisigContractId
      || text(call.value.functionName) !== FUNCTION[expect.step] || call.value.args.length !== 2) {
    return { status: 'failed', reason: `The transaction is not an ${expect.step === 'approve' ? 'approval' : 'execution'} on Traqora's admin multisig.` };
  }
  const [signer, id] = call.value.args.map((a) => scValToNative(a)) as [string, bigint];
  if (String(id) !== expect.proposalId) return { status: 'failed', reason: 'The transaction is about another proposal.' };
  if (signer !== expect.signer) return { status: 'failed', reason: 'The transaction was made by another signer.' };
  const approvals = expect.step === 'approve' && res.returnValue ? Number(scValToNative(res.returnValue)) : null;
  return { status: 'confirmed', step: expect.step, signer, proposalId: expect.proposalId, ledger: res.ledger, closedAt: new Date(res.createdAt * 1000).toISOString(), approvals };
}
