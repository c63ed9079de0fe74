import { rpc, scValToNative } from '@stellar/stellar-sdk';
import { governor } from '@/lib/stellar/contracts/governor';
import { proposalIdOf } from '@/lib/stellar/contracts/governor-hash';
import type { ChainCallList } from './proposal-calls';
import { soleGovernorCall } from './governor-call';

// The server believes an on-chain proposal only once it has read the `propose` transaction from
// RPC: successful, one operation invoking our governor's `propose` with exactly the calls and
// description Traqora computes from the proposal's fields, by the proposer's wallet, returning
// the id those calls and description hash to. What the browser says is only which hash to read.

export type ChainProposalVerdict =
  | { status: 'pending' }
  | { status: 'failed'; reason: string }
  | { status: 'confirmed'; chainProposalId: string; ledger: number; closedAt: string };


export function judgeChainProposal(
  res: rpc.Api.GetTransactionResponse,
  expect: { governorContractId: string; networkPassphrase: string; proposer: string; calls: ChainCallList; description: string },
): ChainProposalVerdict {
  if (res.status === rpc.Api.GetTransactionStatus.NOT_FOUND) return { status: 'pending' };
  if (res.status === rpc.Api.GetTransactionStatus.FAILED) return { status: 'failed', reason: 'The governor refused the proposal on chain.' };

  const args = soleGovernorCall(res, expect, 'propose');
  if (!args) return { status: 'failed', reason: 'The transaction is not a proposal on the Traqora governor.' };
  const calls = { ...expect.calls, args: expect.calls.targets.map(() => []) };
  const wanted = governor.encode('propose', governor.args.propose(calls, expect.description, expect.proposer));
  const sent = args;
  if (sent.length !== wanted.length) return { status: 'failed', reason: 'The transaction is not a proposal on the Traqora governor.' };
  if (sent[4].toXDR('base64') !== wanted[4].toXDR('base64')) return { status: 'failed', reason: 'The transaction proposes for another account.' };
  if (sent.slice(0, 4).some((a, i) => a.toXDR('base64') !== wanted[i].toXDR('base64'))) {
    return { status: 'failed', reason: 'The transaction proposes something other than this proposal (its calls or description differ).' };
  }
  if (!res.returnValue) return { status: 'failed', reason: 'The transaction has no result to check.' };
  const id = Buffer.from(scValToNative(res.returnValue) as Uint8Array).toString('hex');
  if (id !== proposalIdOf(calls, expect.description).toString('hex')) return { status: 'failed', reason: 'The governor returned another proposal id.' };
  return { status: 'confirmed', chainProposalId: id, ledger: res.ledger, closedAt: new Date(res.createdAt * 1000).toISOString() };
}
