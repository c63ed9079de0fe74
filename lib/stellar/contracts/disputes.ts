import { contractCalls } from './calls';
import { address, bytes32, oneOf, u32, u64 } from './values';

// Booking disputes decided by a jury of TRQ holders (contracts/disputes): file with a stake and
// an evidence hash, add evidence, jurors commit sha256(round ‖ vote ‖ salt ‖ juror) then reveal,
// tally, appeal once, execute the verdict on the escrow, claim rewards. Documents stay off chain.

/** The two sides a juror can reveal (and a verdict names): the passenger refunded or the airline paid. */
export const DISPUTE_VOTE = { refund: 1, release: 2 } as const;
export type DisputeVote = (typeof DISPUTE_VOTE)[keyof typeof DISPUTE_VOTE];

const dispute = (id: bigint) => u64('dispute id', id);
const vote = (v: DisputeVote) => oneOf('vote', v, Object.values(DISPUTE_VOTE));

const disputesArgs = {
  file_dispute: (filer: string, bookingId: bigint, evidenceHash: Uint8Array | string) => ({
    filer: address('filer', filer), booking_id: u64('booking id', bookingId), evidence_hash: bytes32('evidence hash', evidenceHash),
  }),
  submit_evidence: (party: string, disputeId: bigint, hash: Uint8Array | string) => ({
    party: address('party', party), dispute_id: dispute(disputeId), hash: bytes32('evidence hash', hash),
  }),
  commit_vote: (juror: string, disputeId: bigint, commitment: Uint8Array | string) => ({
    juror: address('juror', juror), dispute_id: dispute(disputeId), commitment: bytes32('commitment', commitment),
  }),
  reveal_vote: (juror: string, disputeId: bigint, v: DisputeVote, salt: Uint8Array | string) => ({
    juror: address('juror', juror), dispute_id: dispute(disputeId), vote: vote(v), salt: bytes32('salt', salt),
  }),
  tally_votes: (disputeId: bigint) => ({ dispute_id: dispute(disputeId) }),
  appeal: (appellant: string, disputeId: bigint) => ({ appellant: address('appellant', appellant), dispute_id: dispute(disputeId) }),
  execute_verdict: (disputeId: bigint) => ({ dispute_id: dispute(disputeId) }),
  claim_reward: (juror: string, disputeId: bigint, round: number) => ({ juror: address('juror', juror), dispute_id: dispute(disputeId), round: u32('round', round) }),
  get_dispute: (disputeId: bigint) => ({ dispute_id: dispute(disputeId) }),
  dispute_of_booking: (bookingId: bigint) => ({ booking_id: u64('booking id', bookingId) }),
  get_evidence: (disputeId: bigint, start: number, limit: number) => ({ dispute_id: dispute(disputeId), start: u32('start', start), limit: u32('limit', limit) }),
  get_juror_vote: (disputeId: bigint, round: number, juror: string) => ({ dispute_id: dispute(disputeId), round: u32('round', round), juror: address('juror', juror) }),
  get_round_result: (disputeId: bigint, round: number) => ({ dispute_id: dispute(disputeId), round: u32('round', round) }),
  get_config: () => ({}),
};

export interface DisputesResults {
  file_dispute: bigint;
  /** The verdict: a DISPUTE_VOTE value. */
  tally_votes: number;
  execute_verdict: number;
  claim_reward: bigint;
  get_dispute: Record<string, unknown>;
  dispute_of_booking: bigint | null;
  get_evidence: Record<string, unknown>[];
  get_juror_vote: Record<string, unknown> | null;
  get_round_result: Record<string, unknown> | null;
  get_config: Record<string, unknown>;
}

export const disputes = contractCalls<typeof disputesArgs, DisputesResults>('disputes', disputesArgs);
