// What the disputes API answers (supabase/routines/67_disputes.sql, 68_jury.sql).

export const DISPUTE_STATUSES = ['open', 'awaiting_evidence', 'escalated', 'resolved', 'closed'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export interface Split {
  refund_minor: number;
  airline_minor: number;
  fee_minor: number;
}

export interface EvidenceFile {
  id: string;
  file_name: string;
  content_type: 'application/pdf' | 'image/png' | 'image/jpeg';
  size_bytes: number;
  sha256: string;
  uploaded_by: string;
  created_at: string;
}

export interface JurySeat {
  seat: number;
  juror: string;
  juror_name: string;
  committed: boolean;
  revealed: boolean;
  option: number | null;
  outcome: 'majority' | 'minority' | 'slashed' | null;
  reward: string;
  slashed: string;
}

export interface JuryRound {
  round: 1 | 2;
  jury_size: number;
  seed_hash: string;
  /** Published once the jurors are drawn. */
  seed: string | null;
  candidates: { user_id: string; weight: string }[];
  options: (Split & { label: string })[];
  stake_at_risk: string;
  opened_at: string;
  drawn_at: string | null;
  commit_ends_at: string | null;
  reveal_ends_at: string | null;
  tallied_at: string | null;
  winning_option: number | null;
  appeal_ends_at: string | null;
  /** When the jury clock told the committed jurors that the reveal window is open. */
  reveal_opened_at: string | null;
  seats: JurySeat[];
}

/**
 * A booking paid on chain settles through the escrow: one row per segment, from the settlement
 * outbox. `moved` is what the escrow's event in the confirmed transaction says it paid, in token
 * base units (the escrow takes its fee from the airline's part at the rate it captured at payment).
 */
export interface ChainSettlement {
  seq: number;
  kind: 'release' | 'cancellation';
  refund_minor: number;
  status: 'pending' | 'submitted' | 'confirmed' | 'failed';
  tx_hash: string | null;
  error: string | null;
  moved: { event: string; refund: string; to_airline: string; fee: string } | null;
  at: string;
}

/** One `disputes` contract event applied to the dispute (in chain order). */
export interface ChainDisputeEvent {
  id: string;
  action: 'filed' | 'evidence' | 'committed' | 'revealed' | 'decided' | 'appealed' | 'executed' | 'reward_claimed';
  round: number | null;
  account: string | null;
  vote: 'refund' | 'release' | null;
  weight: string | null;
  tx_hash: string | null;
  ledger: number;
  closed_at: string;
  /** A reward_claimed event's amount paid (stake-token base units); null for other actions. */
  amount: string | null;
}

/** An on-chain jury's dispute as the app last read or indexed the contract (weights and stake in base units). */
export interface ChainDisputeRecord {
  chain_dispute_id: string;
  chain_booking_id: string;
  filer: string;
  claim: 'refund' | 'release';
  stake: string;
  status: 'voting' | 'decided' | 'executed';
  round: number;
  commit_end: string;
  reveal_end: string;
  refund_weight: string;
  release_weight: string;
  verdict: 'refund' | 'release' | null;
  appeal_deadline: string | null;
  /** After execution: false when the escrow had already been refunded by the multisig. */
  applied: boolean | null;
  /** Commits and reveals indexed in the current round. */
  committed: number;
  revealed: number;
  transactions: { filed: string | null; tally: string | null; execute: string | null };
  keeper: { step: 'tally' | 'execute' | null; round: number | null; tx_hash: string | null; sent_at: string | null; attempts: number; error: string | null };
  events: ChainDisputeEvent[];
}

export interface Dispute {
  id: string;
  /** 'app': the app's jury (rounds); 'chain': the disputes contract (chain). */
  jury: 'app' | 'chain';
  chain: ChainDisputeRecord | null;
  status: DisputeStatus;
  reason: string;
  pnr: string;
  booking_id: string;
  booking_status: string;
  payment_rail: string;
  traveller_id: string;
  traveller_name: string;
  held_minor: number;
  currency: string;
  total_minor: number;
  evidence_request: string | null;
  evidence_requested_at: string | null;
  escalated_at: string | null;
  resolution: (Split & { source: 'support' | 'jury'; note: string | null; resolved_at: string }) | null;
  evidence: EvidenceFile[];
  rounds: JuryRound[];
  /** Soroban rail: the escrow settlements of the booking (empty elsewhere, or before a decision). */
  chain_settlements: ChainSettlement[];
  created_at: string;
  updated_at: string;
  /** The jury's clock now (its windows are measured on it): countdowns start from here. */
  now: string;
  replayed?: boolean;
}

export interface DisputeRow {
  id: string;
  status: DisputeStatus;
  pnr: string;
  reason: string;
  held_minor: number;
  currency: string;
  traveller_name: string;
  evidence_count: number;
  created_at: string;
  updated_at: string;
}

export interface JuryCase {
  dispute_id: string;
  round: 1 | 2;
  pnr: string;
  status: DisputeStatus;
  held_minor: number;
  currency: string;
  options: (Split & { label: string })[];
  commit_ends_at: string;
  reveal_ends_at: string;
  tallied_at: string | null;
  winning_option: number | null;
  /** Round 1 after its tally: the traveller may appeal until then; the verdict is paid after. */
  appeal_ends_at: string | null;
  /** A later round exists: the traveller appealed, and that jury's verdict replaces this one. */
  appealed: boolean;
  committed: boolean;
  revealed: boolean;
  option: number | null;
  outcome: JurySeat['outcome'];
  reward: string;
  slashed: string;
}

export interface JurorStatus {
  user_id: string;
  /** The jury's clock now. */
  now: string;
  staked: string;
  active: boolean;
  min_stake: string;
  balance: string;
  cases: JuryCase[];
}
