import 'server-only';
import type { AuditContext } from '@/lib/admin/audit-context';
import { db } from '@/lib/db/connect';
import { HttpProblem } from '@/lib/http/problem';
import { multisigChain } from './multisig-chain';
import { judgeMultisigStep, type MultisigStep } from './multisig-judge';

// A signer's approval or execution of an admin multisig proposal, reported by the browser after
// their wallet signed and sent it: the server reads the transaction from RPC itself, judges it
// (multisig-judge.ts) and writes one audit row per transaction. Until RPC has seen the
// transaction the answer is "not yet" (pending). The proposal list itself follows the indexed
// chain events (admin_multisig_proposals).

const refuse = (status: number, field: string, message: string) => new HttpProblem(status, message, [{ field, message }]);

export interface MultisigStepReceipt {
  proposal_id: string;
  step: MultisigStep;
  signer: string;
  tx_hash: string;
  approvals: number | null;
  audit_id: number;
  replayed: boolean;
}

export async function confirmMultisigStep(ctx: AuditContext, proposalId: string, input: { step: MultisigStep; tx_hash: string; signer: string }):
  Promise<{ pending: true } | MultisigStepReceipt> {
  const chain = multisigChain();
  if (!chain) throw refuse(409, 'tx_hash', 'The admin multisig is not configured on this server.');
  // An RPC node that does not answer is the network's trouble, not the caller's: 503, report again later.
  const res = await chain.getTransaction(input.tx_hash).catch(() => {
    throw new HttpProblem(503, 'The Stellar RPC node did not answer; report the transaction again shortly.', undefined, {}, { 'retry-after': '5' });
  });
  const verdict = judgeMultisigStep(res, {
    multisigContractId: chain.contractId, networkPassphrase: chain.networkPassphrase, step: input.step, proposalId, signer: input.signer,
  });
  if (verdict.status === 'pending') return { pending: true };
  if (verdict.status === 'failed') throw refuse(422, 'tx_hash', verdict.reason);
  return (await db()).call<MultisigStepReceipt>('admin_record_multisig_step', {
    ctx: ctx as never, contract_id: chain.contractId, proposal_id: proposalId, step: input.step, signer: verdict.signer,
    tx_hash: input.tx_hash, approvals: verdict.approvals, ledger: verdict.ledger,
  });
}
