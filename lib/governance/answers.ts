import { z } from 'zod';
import { dataOf, describes, pageOf, timestamp } from '@/lib/openapi/answers';
import { governedParameter } from '@/lib/parameters/answers';
import type { GovernanceParameter } from './parameters';
import type { TreasurySummary } from './trq';
import type { TransferResult } from './transfers';
import type { PreparedChainCancel } from './soroban/confirm-cancel';
import type { PreparedChainProposal } from './soroban/confirm-propose';
import type { ChainTrq, ChainTrqMovement } from './soroban/trq-chain';
import { PROPOSAL_STATES, type ChainStatus, type ChainVoteReceipt, type Delegate, type Proposal, type ProposalChange, type ProposalSummary, type Tally, type TimelineStep, type TrqAccount, type TrqMovement, type Vote, type VoteReceipt } from './types';
import { SUPPORTS } from './vote-message';

// What /api/v1/governance answers, as schemas for the OpenAPI document (lib/openapi/answers.ts).
// TRQ amounts and weights are decimal strings of base units (supabase/routines/96_trq.sql casts
// every bigint to text): a JS number would round them.

/** A TRQ amount in base units (7 decimals), as a string of digits. */
const baseUnits = z.string().regex(/^-?[0-9]+$/);
// Account ids are UUIDs; z.guid() (any 8-4-4-4-12 hex) because seeded and dev accounts need not be version 4.
const person = z.object({ id: z.guid(), display_name: z.string() });
const proposalState = z.enum(PROPOSAL_STATES);
const support = z.enum(SUPPORTS);
/** A Stellar transaction hash (64 hex digits). */
const txHash = z.string();

/** What answers 202 while RPC has not yet seen a transaction the browser reported. */
export const chainPending = z.object({ status: z.literal('pending'), detail: z.string() });

export const tally = describes<Tally>()(z.object({ for: baseUnits, against: baseUnits, abstain: baseUnits, voters: z.number().int() }));

export const chainStatus = describes<ChainStatus>()(z.object({
  tx_hash: z.string().nullable(),
  state: proposalState.nullable(),
  checked_at: timestamp.nullable(),
  snapshot_ledger: z.number().int().nullable(),
  deadline_ledger: z.number().int().nullable(),
  eta_ledger: z.number().int().nullable(),
}));

const summaryFields = {
  id: z.number().int(),
  kind: z.enum(['signal', 'parameter']),
  title: z.string(),
  state: proposalState,
  proposer: person,
  rail: z.enum(['ledger', 'soroban']),
  chain_proposal_id: z.string().nullable(),
  chain: chainStatus.nullable(),
  created_at: timestamp,
  vote_start: timestamp,
  vote_end: timestamp,
  queued_at: timestamp.nullable(),
  eta: timestamp.nullable(),
  executed_at: timestamp.nullable(),
  cancelled_at: timestamp.nullable(),
  tally,
  quorum: baseUnits,
  quorum_bps: z.number().int(),
  threshold: baseUnits,
};

export const proposalSummary = describes<ProposalSummary>()(z.object(summaryFields));

const proposalChange = describes<ProposalChange>()(z.object({
  key: z.string(), value: z.number(), before: z.number(), current: z.number(), unit: z.string(), min: z.number(), max: z.number(), description: z.string(),
}));

const timelineStep = describes<TimelineStep>()(z.object({ state: proposalState, at: timestamp, done: z.boolean(), eta: timestamp.optional() }));

export const proposal = describes<Proposal>()(z.object({
  ...summaryFields,
  body: z.string(),
  now: timestamp,
  passing: z.boolean(),
  changes: z.array(proposalChange),
  timeline: z.array(timelineStep),
  expires_at: timestamp.nullable(),
  viewer: z.object({
    power_at_snapshot: baseUnits.nullable(),
    power_now: baseUnits,
    vote: z.object({ support, weight: baseUnits, reason: z.string().nullable(), cast_at: timestamp }).nullable(),
  }).nullable(),
}));

const voteFields = {
  id: z.number().int(),
  proposal_id: z.number().int(),
  voter: person,
  support,
  weight: baseUnits,
  reason: z.string().nullable(),
  address: z.string(),
  cast_at: timestamp,
  tx_hash: txHash.nullable(),
};

export const vote = describes<Vote>()(z.object(voteFields));

/** A signed (SEP-53) vote's receipt or an on-chain vote's: the `scheme` tells which. */
export const voteReceipt = describes<VoteReceipt | ChainVoteReceipt>()(z.discriminatedUnion('scheme', [
  z.object({ ...voteFields, scheme: z.literal('SEP-53'), message: z.string(), signature: z.string(), snapshot: timestamp }),
  z.object({ ...voteFields, scheme: z.literal('soroban'), tx_hash: txHash, chain_proposal_id: z.string() }),
]));

const chainVoteReceipt = describes<ChainVoteReceipt>()(z.object({ ...voteFields, scheme: z.literal('soroban'), tx_hash: txHash, chain_proposal_id: z.string() }));

export const myVote = describes<Vote & { proposal_title: string; proposal_state: (typeof PROPOSAL_STATES)[number] }>()(z.object({
  ...voteFields, proposal_title: z.string(), proposal_state: proposalState,
}));

const accountFields = {
  holder: z.guid(),
  display_name: z.string(),
  balance: baseUnits,
  delegate: person.nullable(),
  delegates_to_self: z.boolean(),
  votes: baseUnits,
  delegators: z.number().int(),
  delegate_statement: z.string().nullable(),
  staked: baseUnits,
};

export const trqAccount = describes<TrqAccount>()(z.object(accountFields));

/** trq_delegate's answer: the account, and whether the delegation changed (false: it already was). */
export const delegation = describes<TrqAccount & { changed: boolean }>()(z.object({ ...accountFields, changed: z.boolean() }));

/** A directory row also carries its own keyset position (governance_delegates' `cursor`). */
export const delegate = describes<Delegate & { cursor: string }>()(z.object({
  ...accountFields, votes_cast: z.number().int(), proposals_open: z.number().int(), cursor: z.string(),
}));

export const trqMovement = describes<TrqMovement>()(z.object({
  id: z.string(),
  kind: z.enum(['distribution', 'transfer']),
  direction: z.enum(['in', 'out']),
  counterparty: person.nullable(),
  amount: baseUnits,
  memo: z.string().nullable(),
  at: timestamp,
}));

export const transferResult = describes<TransferResult>()(z.object({ transfer: trqMovement, account: trqAccount, replayed: z.boolean() }));

export const treasury = describes<{ data: TreasurySummary; nextCursor: string | null }>()(z.object({
  data: z.object({
    treasury: baseUnits,
    circulating: baseUnits,
    holders: z.number().int(),
    distributions: z.array(z.object({
      id: z.guid(), at: timestamp, reason: z.string(), recipients: z.number().int(), total: baseUnits, actor: z.string().nullable(),
    })),
  }),
  nextCursor: z.string().nullable(),
}));

export const distribution = describes<{ batch_id: string; recipients: number; total: string; treasury: string }>()(z.object({
  batch_id: z.guid(), recipients: z.number().int(), total: baseUnits, treasury: baseUnits,
}));

// A governed parameter as the parameters domain answers it, and the proposal that last set it.
export const governanceParameter = describes<GovernanceParameter>()(governedParameter.extend({
  set_by_proposal: z.object({ id: z.number().int(), title: z.string(), executed_at: timestamp }).nullable(),
}));

export const testClock = describes<{ now: string; offset_seconds: number }>()(z.object({ now: timestamp, offset_seconds: z.number().int() }));

const chainCalls = { governor: z.string(), network_passphrase: z.string(), rpc_url: z.string(), targets: z.array(z.string()), functions: z.array(z.string()) };

const preparedCancel = describes<PreparedChainCancel>()(z.object({ ...chainCalls, description_hash: z.string().regex(/^[0-9a-f]{64}$/) }));
const preparedProposal = describes<PreparedChainProposal>()(z.object({ ...chainCalls, description: z.string() }));

/** POST …/cancel/chain: what `cancel` takes (no tx_hash), the cancelled proposal, or 202 pending. */
export const chainCancelAnswer = z.union([preparedCancel, proposal, chainPending]);
/** POST /proposals/chain: what to propose (no tx_hash), the recorded proposal (201), or 202 pending. */
export const chainProposeAnswer = z.union([preparedProposal, proposal, chainPending]);
/** POST …/votes/chain: the counted vote's receipt (201), or 202 pending. */
export const chainVoteAnswer = z.union([chainVoteReceipt, chainPending]);

const chainTrqAccount = z.object({ address: z.string(), balance: baseUnits, votes: baseUnits, delegate: z.string().nullable(), delegate_votes: baseUnits.nullable() });
export const chainTrq = describes<ChainTrq>()(z.union([
  z.object({ configured: z.literal(false), reason: z.string() }),
  z.object({ configured: z.literal(true), contract_id: z.string(), data: z.array(chainTrqAccount) }),
]));

export const chainTrqMovement = describes<ChainTrqMovement>()(z.object({
  id: z.string(),
  ledger: z.number().int(),
  at: timestamp,
  tx_hash: z.string(),
  action: z.enum(['transfer', 'mint', 'burn']),
  direction: z.enum(['in', 'out']),
  counterparty: z.string().nullable(),
  amount: z.string(),
  cursor: z.string(),
}));

export const proposalsPage = pageOf(proposalSummary);
export const votesPage = pageOf(vote);
export const myVotesPage = pageOf(myVote);
export const delegatesPage = pageOf(delegate);
export const movementsPage = pageOf(trqMovement);
export const chainMovementsPage = pageOf(chainTrqMovement);
export const parametersAnswer = dataOf(z.array(governanceParameter));
