//! The disputes contract's configuration, dispute and vote types, its errors and constants.

use soroban_sdk::{contracterror, contracttype, panic_with_error, Address, BytesN, Env};
use traqora_common::BPS;

pub const STORAGE_VERSION: u32 = 1;
pub const MAX_EVIDENCE: u32 = 10;
/// Round 1 plus one appeal.
pub const MAX_ROUNDS: u32 = 2;
/// Vote / verdict values.
pub const REFUND: u32 = 1;
pub const RELEASE: u32 = 2;

#[contracterror]
#[derive(Copy, Clone, Debug, Eq, PartialEq, PartialOrd, Ord)]
#[repr(u32)]
pub enum DisputeError {
    NotParty = 1,
    AlreadyDisputed = 2,
    BookingNotOpen = 3,
    DisputeNotFound = 4,
    TooMuchEvidence = 5,
    EvidenceClosed = 6,
    NotCommitPhase = 7,
    NotRevealPhase = 8,
    AlreadyCommitted = 9,
    NotEligible = 10,
    NoCommitment = 11,
    AlreadyRevealed = 12,
    CommitmentMismatch = 13,
    InvalidVote = 14,
    RevealNotOver = 15,
    NotVoting = 16,
    NotDecided = 17,
    AppealClosed = 18,
    AppealOpen = 19,
    NoMoreAppeals = 20,
    NotLosingSide = 21,
    NothingToClaim = 22,
    AlreadyClaimed = 23,
    InvalidConfig = 24,
    AlreadyMigrated = 25,
}

#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct DisputeConfig {
    pub escrow: Address,
    /// TRQ: jurors' weight is their delegated votes at the dispute's snapshot ledger.
    pub votes_token: Address,
    /// Token the parties stake in (e.g. USDC).
    pub stake_token: Address,
    pub treasury: Address,
    pub filing_stake: i128,
    pub appeal_multiplier: u32,
    /// Share of a winning staker's stake paid to the jury.
    pub jury_fee_bps: u32,
    pub min_juror_power: u128,
    /// Seconds.
    pub commit_period: u64,
    pub reveal_period: u64,
    pub appeal_window: u64,
}

#[contracttype]
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
#[repr(u32)]
pub enum DisputeStatus {
    /// A round is collecting commits and reveals.
    Voting = 0,
    /// A round is tallied; the appeal window may be open.
    Decided = 1,
    /// The verdict was applied to the escrow.
    Executed = 2,
}

#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct Dispute {
    pub id: u64,
    pub booking_id: u64,
    pub passenger: Address,
    pub airline: Address,
    pub filer: Address,
    pub snapshot_ledger: u32,
    pub status: DisputeStatus,
    pub round: u32,
    /// Who staked for the current round, what they claim (`REFUND`/`RELEASE`) and how much.
    pub round_staker: Address,
    pub round_claim: u32,
    pub round_stake: i128,
    pub commit_end: u64,
    pub reveal_end: u64,
    pub refund_weight: u128,
    pub release_weight: u128,
    /// 0 until the current round is tallied.
    pub verdict: u32,
    pub appeal_deadline: u64,
    pub evidence_count: u32,
}

#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct Evidence {
    pub party: Address,
    pub hash: BytesN<32>,
    pub at: u64,
}

#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct JurorVote {
    pub commitment: BytesN<32>,
    pub weight: u128,
    /// 0 until revealed, then `REFUND` or `RELEASE`.
    pub vote: u32,
    pub claimed: bool,
}

#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct RoundResult {
    pub verdict: u32,
    /// Stake-token amount the majority jurors share.
    pub pot: i128,
    pub majority_weight: u128,
    pub claimed: i128,
}

pub(crate) fn fail(e: &Env, err: DisputeError) -> ! {
    panic_with_error!(e, err)
}

pub(crate) fn check_config(e: &Env, c: &DisputeConfig) {
    if c.filing_stake <= 0
        || c.appeal_multiplier < 1
        || c.jury_fee_bps > BPS as u32
        || c.commit_period == 0
        || c.reveal_period == 0
    {
        fail(e, DisputeError::InvalidConfig);
    }
}
