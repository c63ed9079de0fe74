// Governance as the database functions answer it (supabase/routines/96_trq.sql, 97_governance.sql).
// TRQ amounts are strings of base units (7 decimals): they exceed what a JS number holds exactly.

import type { Support } from './vote-message';

export const PROPOSAL_STATES = ['pending', 'active', 'succeeded', 'defeated', 'queued', 'executed', 'cancelled', 'expired'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];
export type ProposalKind = 'signal' | 'parameter';

export interface Tally { for: string; against: string; abstain: string; voters: number }

export interface ProposalSummary {
  id: number;
  kind: ProposalKind;
  title: string;
  state: ProposalState;
  proposer: { id: string; display_name: string };
  rail: 'ledger' | 'soroban';
  /** The governor contract's proposal id (64 hex digits), on the soroban rail. */
  chain_proposal_id: string | null;
  /** What the governor last said (soroban rail; null on the ledger rail). */
  chain: ChainStatus | null;
  created_at: string;
  /** The snapshot: voting power is read at this instant. */
  vote_start: string;
  vote_end: string;
  queued_at: string | null;
  /** Executable from (the timelock's end). */
  eta: string | null;
  executed_at: string | null;
  cancelled_at: string | null;
  tally: Tally;
  /** For + Abstain needed, base units. */
  quorum: string;
  quorum_bps: number;
  threshold: string;
}

export interface ChainStatus {
  /** The `propose` transaction (null for proposals put on chain before the app proposed them). */
  tx_hash: string | null;
  /** The governor's state when last read (null: never read). */
  state: ProposalState | null;
  checked_at: string | null;
  snapshot_ledger: number | null;
  deadline_ledger: number | null;
  /** The timelock's ledger once queued. */
  eta_ledger: number | null;
}

export interface ProposalChange {
  key: string;
  value: number;
  /** The value when the proposal was made. */
  before: number;
  current: number;
  unit: string;
  min: number;
  max: number;
  description: string;
}

export interface TimelineStep { state: ProposalState; at: string; done: boolean; eta?: string }

export interface Proposal extends ProposalSummary {
  body: string;
  /** Governance time now (the test clock moves it in end-to-end tests). */
  now: string;
  passing: boolean;
  changes: ProposalChange[];
  timeline: TimelineStep[];
  expires_at: string | null;
  viewer: {
    power_at_snapshot: string | null;
    power_now: string;
    vote: { support: Support; weight: string; reason: string | null; cast_at: string } | null;
  } | null;
}

export interface Vote {
  id: number;
  proposal_id: number;
  voter: { id: string; display_name: string };
  support: Support;
  weight: string;
  reason: string | null;
  address: string;
  cast_at: string;
  /** The cast_vote transaction of an on-chain vote; null for a SEP-53 signed vote. */
  tx_hash: string | null;
}

/** An on-chain vote's receipt: the transaction (on the governor's proposal id) is the proof. */
export interface ChainVoteReceipt extends Vote {
  scheme: 'soroban';
  tx_hash: string;
  chain_proposal_id: string;
}

export interface VoteReceipt extends Vote {
  scheme: 'SEP-53';
  message: string;
  signature: string;
  snapshot: string;
}

export interface TrqAccount {
  holder: string;
  display_name: string;
  balance: string;
  /** Null when the holder delegates to themself (the default). */
  delegate: { id: string; display_name: string } | null;
  delegates_to_self: boolean;
  votes: string;
  delegators: number;
  delegate_statement: string | null;
  /** TRQ staked in pools (the jury's): still the holder's, and still voting through their delegate. */
  staked: string;
}

export interface Delegate extends TrqAccount { votes_cast: number; proposals_open: number }

/** A TRQ movement as its holder sees it (trq_movements_of). */
export interface TrqMovement {
  id: string;
  kind: 'distribution' | 'transfer';
  direction: 'in' | 'out';
  /** The other holder; null for the treasury. */
  counterparty: { id: string; display_name: string } | null;
  amount: string;
  memo: string | null;
  at: string;
}

export interface Page<T> { data: T[]; nextCursor: string | null }
