import { scValToNative } from '@stellar/stellar-sdk';
import { judgeCall, type CallExpectations, type CallJudgement } from './judge-call';

// The server's checks of a party's signed `appeal` and a juror's signed `claim_reward` BEFORE it
// sends them (and again on a landed one read by hash): judge-call.ts's checks, on this dispute
// (and, for a claim, this round). The contract decides the rest: only the losing party inside
// the appeal window, only a juror who revealed with the round's majority, once.

export interface RoundExpectations extends CallExpectations {
  /** The contract's dispute id the call must name. */
  chainDisputeId: string;
}

const disputeId = (v: Parameters<typeof scValToNative>[0]) => BigInt(scValToNative(v) as bigint).toString();
const otherDispute = (id: string, expect: RoundExpectations) => (id !== expect.chainDisputeId ? 'names another dispute.' : null);

export function judgeAppeal(envelope: Parameters<typeof judgeCall>[0], expect: RoundExpectations): CallJudgement<{ disputeId: string }> {
  return judgeCall(envelope, expect, {
    fn: 'appeal', arity: 2, actor: 'appellant', verb: 'appeals',
    decode: (a) => ({ account: String(scValToNative(a[0])), disputeId: disputeId(a[1]) }),
    check: (a) => otherDispute(a.disputeId, expect),
  });
}

export function judgeClaim(envelope: Parameters<typeof judgeCall>[0], expect: RoundExpectations & { round: number }): CallJudgement<{ disputeId: string; round: number }> {
  return judgeCall(envelope, expect, {
    fn: 'claim_reward', arity: 3, actor: 'juror', verb: 'claims',
    decode: (a) => {
      const round = scValToNative(a[2]);
      if (typeof round !== 'number') throw new Error('round is not a u32');
      return { account: String(scValToNative(a[0])), disputeId: disputeId(a[1]), round };
    },
    check: (a) => otherDispute(a.disputeId, expect) ?? (a.round !== expect.round ? 'claims another round.' : null),
  });
}
