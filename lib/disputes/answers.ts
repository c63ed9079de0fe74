import { z } from 'zod';
import { dataOf, describes, pageOf, timestamp } from '@/lib/openapi/answers';
import type { AppealTerms } from './chain/appeal';
import type { ChainJuryCases } from './chain/cases';
import type { ClaimResult } from './chain/claim';
import type { ChainFilingTerms } from './chain/terms';
import { EVIDENCE_TYPES } from './evidence';
import { DISPUTE_STATUSES, type ChainDisputeRecord, type ChainSettlement, type Dispute, type DisputeRow, type EvidenceFile, type JuryCase, type JuryRound, type JurorStatus, type Split } from './types';

// What /api/v1/disputes, /api/v1/jury and /api/v1/admin/disputes answer, as schemas for the
// OpenAPI document (lib/openapi/answers.ts). Money is in minor units (numbers); TRQ stakes,
// weights and rewards are decimal strings of base units (68_jury.sql casts them to text).

const baseUnits = z.string().regex(/^-?[0-9]+$/);
// Ids are UUIDs; z.guid() (any 8-4-4-4-12 hex) because seeded and dev accounts need not be version 4.
const id = z.guid();
const status = z.enum(DISPUTE_STATUSES);
const chainVote = z.enum(['refund', 'release']);

const splitFields = { refund_minor: z.number().int(), airline_minor: z.number().int(), fee_minor: z.number().int() };
export const split = describes<Split>()(z.object(splitFields));
const option = describes<Split & { label: string }>()(z.object({ ...splitFields, label: z.string() }));

export const evidenceFile = describes<EvidenceFile>()(z.object({
  id,
  file_name: z.string(),
  content_type: z.enum(EVIDENCE_TYPES),
  size_bytes: z.number().int(),
  sha256: z.string(),
  uploaded_by: id,
  created_at: timestamp,
}));

const seatOutcome = z.enum(['majority', 'minority', 'slashed']).nullable();

/** How a juror's seat ended: what they committed and revealed, and what it earned or cost them. */
const seatResult = {
  committed: z.boolean(),
  revealed: z.boolean(),
  option: z.number().int().nullable(),
  outcome: seatOutcome,
  reward: baseUnits,
  slashed: baseUnits,
};

export const juryRound = describes<JuryRound>()(z.object({
  round: z.union([z.literal(1), z.literal(2)]),
  jury_size: z.number().int(),
  seed_hash: z.string(),
  seed: z.string().nullable(),
  candidates: z.array(z.object({ user_id: id, weight: baseUnits })),
  options: z.array(option),
  stake_at_risk: baseUnits,
  opened_at: timestamp,
  drawn_at: timestamp.nullable(),
  commit_ends_at: timestamp.nullable(),
  reveal_ends_at: timestamp.nullable(),
  tallied_at: timestamp.nullable(),
  winning_option: z.number().int().nullable(),
  appeal_ends_at: timestamp.nullable(),
  reveal_opened_at: timestamp.nullable(),
  seats: z.array(z.object({
    seat: z.number().int(),
    juror: id,
    juror_name: z.string(),
    ...seatResult,
  })),
}));

const chainSettlement = describes<ChainSettlement>()(z.object({
  seq: z.number().int(),
  kind: z.enum(['release', 'cancellation']),
  refund_minor: z.number().int(),
  status: z.enum(['pending', 'submitted', 'confirmed', 'failed']),
  tx_hash: z.string().nullable(),
  error: z.string().nullable(),
  moved: z.object({ event: z.string(), refund: z.string(), to_airline: z.string(), fee: z.string() }).nullable(),
  at: timestamp,
}));

export const chainDisputeRecord = describes<ChainDisputeRecord>()(z.object({
  chain_dispute_id: z.string(),
  chain_booking_id: z.string(),
  filer: z.string(),
  claim: chainVote,
  stake: baseUnits,
  status: z.enum(['voting', 'decided', 'executed']),
  round: z.number().int(),
  commit_end: timestamp,
  reveal_end: timestamp,
  refund_weight: baseUnits,
  release_weight: baseUnits,
  verdict: chainVote.nullable(),
  appeal_deadline: timestamp.nullable(),
  applied: z.boolean().nullable(),
  committed: z.number().int(),
  revealed: z.number().int(),
  transactions: z.object({ filed: z.string().nullable(), tally: z.string().nullable(), execute: z.string().nullable() }),
  keeper: z.object({
    step: z.enum(['tally', 'execute']).nullable(),
    round: z.number().int().nullable(),
    tx_hash: z.string().nullable(),
    sent_at: timestamp.nullable(),
    attempts: z.number().int(),
    error: z.string().nullable(),
  }),
  events: z.array(z.object({
    id: z.string(),
    action: z.enum(['filed', 'evidence', 'committed', 'revealed', 'decided', 'appealed', 'executed', 'reward_claimed']),
    round: z.number().int().nullable(),
    account: z.string().nullable(),
    vote: chainVote.nullable(),
    weight: baseUnits.nullable(),
    tx_hash: z.string().nullable(),
    ledger: z.number().int(),
    closed_at: timestamp,
    amount: z.string().nullable(),
  })),
}));

export const dispute = describes<Dispute>()(z.object({
  id,
  jury: z.enum(['app', 'chain']),
  chain: chainDisputeRecord.nullable(),
  status,
  reason: z.string(),
  pnr: z.string(),
  booking_id: id,
  booking_status: z.string(),
  payment_rail: z.string(),
  traveller_id: id,
  traveller_name: z.string(),
  held_minor: z.number().int(),
  currency: z.string(),
  total_minor: z.number().int(),
  evidence_request: z.string().nullable(),
  evidence_requested_at: timestamp.nullable(),
  escalated_at: timestamp.nullable(),
  resolution: z.object({ ...splitFields, source: z.enum(['support', 'jury']), note: z.string().nullable(), resolved_at: timestamp }).nullable(),
  evidence: z.array(evidenceFile),
  rounds: z.array(juryRound),
  chain_settlements: z.array(chainSettlement),
  created_at: timestamp,
  updated_at: timestamp,
  now: timestamp,
  /** Only on a retried POST /disputes (the same Idempotency-Key): the dispute it opened before. */
  replayed: z.boolean().optional(),
}));

export const disputeRow = describes<DisputeRow>()(z.object({
  id,
  status,
  pnr: z.string(),
  reason: z.string(),
  held_minor: z.number().int(),
  currency: z.string(),
  traveller_name: z.string(),
  evidence_count: z.number().int(),
  created_at: timestamp,
  updated_at: timestamp,
}));

export const juryCase = describes<JuryCase>()(z.object({
  dispute_id: id,
  round: z.union([z.literal(1), z.literal(2)]),
  round_id: z.number().int(),
  drawn_at: timestamp,
  pnr: z.string(),
  status,
  held_minor: z.number().int(),
  currency: z.string(),
  options: z.array(option),
  commit_ends_at: timestamp,
  reveal_ends_at: timestamp,
  tallied_at: timestamp.nullable(),
  winning_option: z.number().int().nullable(),
  appeal_ends_at: timestamp.nullable(),
  appealed: z.boolean(),
  ...seatResult,
}));

export const jurorStatus = describes<JurorStatus>()(z.object({
  user_id: id,
  now: timestamp,
  staked: baseUnits,
  active: z.boolean(),
  min_stake: baseUnits,
  balance: baseUnits,
  cases: z.array(juryCase),
}));

/** 202 while RPC has not yet seen the transaction: report its hash again. */
export const chainPending = z.object({ status: z.literal('pending'), tx_hash: z.string(), detail: z.string() });

export const chainFilingTerms = describes<ChainFilingTerms>()(z.object({
  pnr: z.string(),
  chain_booking_id: z.string(),
  contract_id: z.string(),
  rpc_url: z.string(),
  network_passphrase: z.string(),
  filing_stake: baseUnits,
  stake_token: z.string(),
  commit_period: z.number().int(),
  reveal_period: z.number().int(),
  appeal_window: z.number().int(),
}));

export const appealTerms = describes<AppealTerms>()(z.object({
  dispute_id: id,
  chain_dispute_id: z.string(),
  contract_id: z.string(),
  rpc_url: z.string(),
  network_passphrase: z.string(),
  appeal_stake: baseUnits,
  stake_token: z.string(),
  appeal_deadline: timestamp.nullable(),
  open: z.boolean(),
}));

const claimed = describes<Exclude<ClaimResult, { pending: true }>>()(z.object({
  chain_dispute_id: z.string(), round: z.number().int(), juror: z.string(), amount: baseUnits, tx_hash: z.string(),
}));

export const chainJuryCases = describes<ChainJuryCases>()(z.object({
  data: z.array(z.object({
    dispute_id: id,
    reason: z.string(),
    held_minor: z.number().int(),
    currency: z.string(),
    route: z.string().nullable(),
    chain: chainDisputeRecord,
    now: timestamp,
    rewards: z.array(z.object({ round: z.number().int(), juror: z.string(), amount: baseUnits, claimed: z.object({ tx_hash: z.string().nullable() }).nullable() })),
  })),
  nextCursor: z.string().nullable(),
  contract: z.object({ contract_id: z.string(), rpc_url: z.string(), network_passphrase: z.string() }).nullable(),
}));

export const disputeAnswer = dataOf(dispute);
export const disputesPage = pageOf(disputeRow);
export const jurorAnswer = dataOf(jurorStatus);
/** GET /jury: the standing with one page of cases; `nextCursor` pages the cases. */
export const jurorPage = z.object({ data: jurorStatus, nextCursor: z.string().nullable() });
/** The on-chain filing (201) and appeal (200): the dispute, or 202 pending. */
export const chainDisputeAnswer = z.union([disputeAnswer, chainPending]);
/** A juror's reward claim: what the contract paid, or 202 pending. */
export const chainClaimAnswer = z.union([dataOf(claimed), chainPending]);
