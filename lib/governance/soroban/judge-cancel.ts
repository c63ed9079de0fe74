import { rpc } from '@stellar/stellar-sdk';
import { governor, type ProposalCalls } from '@/lib/stellar/contracts/governor';
import { soleGovernorCall } from './governor-call';

// The server believes an on-chain cancellation only once it has read the `cancel` transaction
// from RPC: successful, one operation invoking our governor's `cancel` with exactly this
// proposal's calls and description hash (so exactly this proposal id), by the proposer's wallet.
// The governor itself refuses anyone but the proposer (NotProposer) and an executed proposal;
// what the browser says is only which hash to read.

export type ChainCancelVerdict =
  | { status: 'pending' }
  | { status: 'failed'; reason: string }
  | { status: 'confirmed'; ledger: number; closedAt: string };


export function judgeChainCancel(
  res: rpc.Api.GetTransactionResponse,
  expect: { governorContractId: string; networkPassphrase: string; calls: ProposalCalls; descriptionHash: Buffer; operator: string },
): ChainCancelVerdict {
  if (res.status === rpc.Api.GetTransactionStatus.NOT_FOUND) return { status: 'pending' };
  if (res.status === rpc.Api.GetTransactionStatus.FAILED) return { status: 'failed', reason: 'The governor refused the cancellation on chain.' };

  const args = soleGovernorCall(res, expect, 'cancel');
  if (!args) return { status: 'failed', reason: 'The transaction is not a cancellation on the Traqora governor.' };
  const wanted = governor.encode('cancel', governor.args.cancel(expect.calls, expect.descriptionHash, expect.operator));
  const sent = args;
  if (sent.length !== wanted.length) return { status: 'failed', reason: 'The transaction is not a cancellation on the Traqora governor.' };
  if (sent[4].toXDR('base64') !== wanted[4].toXDR('base64')) return { status: 'failed', reason: 'The transaction cancels for another account.' };
  if (sent.slice(0, 4).some((a, i) => a.toXDR('base64') !== wanted[i].toXDR('base64'))) {
    return { status: 'failed', reason: 'The transaction cancels another proposal.' };
  }
  return { status: 'confirmed', ledger: res.ledger, closedAt: new Date(res.createdAt * 1000).toISOString() };
}
