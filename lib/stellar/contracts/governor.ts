import type { xdr } from '@stellar/stellar-sdk';
import { contractCalls } from './calls';
import { address, bytes32, contractAddress, oneOf, u32 } from './values';

// The Traqora governor (contracts/governor): OpenZeppelin's Governor with simple counting and
// a timelock. A proposal is a list of contract calls (targets[i].functions[i](args[i]…)); its id
// is derived from those calls and the description's hash (keccak256 of its bytes), which queue,
// execute and cancel take instead of the text (get_proposal_id computes it on chain).

export const VOTE = { against: 0, for: 1, abstain: 2 } as const;
export type VoteType = (typeof VOTE)[keyof typeof VOTE];

/** The on-chain calls a proposal makes when executed. */
export interface ProposalCalls {
  targets: string[];
  functions: string[];
  /** Each call's arguments, already encoded (e.g. with the target contract's own spec). */
  args: xdr.ScVal[][];
}

function calls({ targets, functions, args }: ProposalCalls) {
  if (targets.length === 0) throw new RangeError('a proposal must make at least one call');
  if (functions.length !== targets.length || args.length !== targets.length) throw new RangeError('targets, functions and args must have one entry per call');
  for (const f of functions) if (!/^[A-Za-z0-9_]{1,32}$/.test(f)) throw new TypeError(`function "${f}" is not a contract function name`);
  return { targets: targets.map((t, i) => contractAddress(`target ${i + 1}`, t)), functions, args };
}

const proposalId = (id: Uint8Array | string) => bytes32('proposal id', id);

const governorArgs = {
  propose: (proposal: ProposalCalls, description: string, proposer: string) => {
    if (!description.trim()) throw new TypeError('description must not be empty');
    return { ...calls(proposal), description, proposer: address('proposer', proposer) };
  },
  cast_vote: (id: Uint8Array | string, voteType: VoteType, reason: string, voter: string) => ({
    proposal_id: proposalId(id), vote_type: oneOf('vote type', voteType, Object.values(VOTE)), reason, voter: address('voter', voter),
  }),
  /** Schedules a succeeded proposal; `eta` is the earliest ledger it may run (at least the timelock delay away). */
  queue: (proposal: ProposalCalls, descriptionHash: Uint8Array | string, eta: number, operator: string) => ({
    ...calls(proposal), description_hash: bytes32('description hash', descriptionHash), eta: u32('eta', eta), operator: address('operator', operator),
  }),
  execute: (proposal: ProposalCalls, descriptionHash: Uint8Array | string, executor: string) => ({
    ...calls(proposal), description_hash: bytes32('description hash', descriptionHash), executor: address('executor', executor),
  }),
  cancel: (proposal: ProposalCalls, descriptionHash: Uint8Array | string, operator: string) => ({
    ...calls(proposal), description_hash: bytes32('description hash', descriptionHash), operator: address('operator', operator),
  }),
  get_proposal_id: (proposal: ProposalCalls, descriptionHash: Uint8Array | string) => ({
    ...calls(proposal), description_hash: bytes32('description hash', descriptionHash),
  }),
  proposal_state: (id: Uint8Array | string) => ({ proposal_id: proposalId(id) }),
  proposal_snapshot: (id: Uint8Array | string) => ({ proposal_id: proposalId(id) }),
  proposal_deadline: (id: Uint8Array | string) => ({ proposal_id: proposalId(id) }),
  proposal_eta: (id: Uint8Array | string) => ({ proposal_id: proposalId(id) }),
  proposal_proposer: (id: Uint8Array | string) => ({ proposal_id: proposalId(id) }),
  has_voted: (id: Uint8Array | string, account: string) => ({ proposal_id: proposalId(id), account: address('account', account) }),
  quorum: (ledger: number) => ({ ledger: u32('ledger', ledger) }),
};

export interface GovernorResults {
  propose: Buffer;
  cast_vote: bigint;
  queue: Buffer;
  execute: Buffer;
  cancel: Buffer;
  get_proposal_id: Buffer;
  /** ProposalState as its number (PROPOSAL_STATES names them). */
  proposal_state: number;
  proposal_snapshot: number;
  proposal_deadline: number;
  proposal_eta: number;
  proposal_proposer: string;
  has_voted: boolean;
  quorum: bigint;
}

export const governor = contractCalls<typeof governorArgs, GovernorResults>('governor', governorArgs);
