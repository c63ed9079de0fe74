//! The oracle's configuration, provider and report types, its errors and constants.

use soroban_sdk::{contracterror, contracttype, panic_with_error, Address, Env, Vec};
use traqora_common::BPS;

pub const STORAGE_VERSION: u32 = 1;
/// Reports kept per flight; bounds the slashing loop at finalisation.
pub const MAX_REPORTS_PER_FLIGHT: u32 = 15;

#[contracterror]
#[derive(Copy, Clone, Debug, Eq, PartialEq, PartialOrd, Ord)]
#[repr(u32)]
pub enum OracleError {
    NotProvider = 1,
    AlreadyRegistered = 2,
    StakeTooLow = 3,
    FlightNotFound = 4,
    FlightNotDeparted = 5,
    AlreadySubmitted = 6,
    ReportingClosed = 7,
    TooManyReports = 8,
    NoProposal = 9,
    DisputeWindowOpen = 10,
    DisputeWindowClosed = 11,
    AlreadyDisputed = 12,
    NotDisputed = 13,
    NotFinal = 14,
    PendingReports = 15,
    InvalidConfig = 16,
    BatchTooLarge = 17,
    EmptyBatch = 18,
    AlreadyMigrated = 19,
    NotOpen = 20,
    // New variants go at the end: the codes are part of the interface.
    /// `settle_booking(s)` on a booking paid with a platform quote: its `flight_id` has
    /// `QUOTED_FLIGHT_BIT` (2^63), an app flight the oracle has no report for. The Traqora
    /// server's settler account settles it through the escrow instead.
    QuotedFlight = 21,
}

/// What settles money: the flight was flown, or the airline cancelled it.
#[contracttype]
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum SettlementStatus {
    Completed,
    Cancelled,
}

#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct OracleConfig {
    pub stake_token: Address,
    pub escrow: Address,
    pub flights: Address,
    pub treasury: Address,
    pub min_stake: i128,
    /// Agreeing reports needed to propose a status.
    pub quorum: u32,
    /// Seconds after a proposal during which it can be disputed.
    pub dispute_window: u64,
    pub dispute_bond: i128,
    pub slash_bps: u32,
}

#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct Provider {
    pub stake: i128,
    pub active: bool,
    /// Flights this provider reported on that are not final yet.
    pub pending: u32,
}

#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct Report {
    pub provider: Address,
    pub status: SettlementStatus,
}

#[contracttype]
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
#[repr(u32)]
pub enum ReportPhase {
    /// Collecting reports.
    Open = 0,
    /// `quorum` reports agree; dispute window running.
    Proposed = 1,
    /// Challenged; waiting for the multisig's ruling.
    Disputed = 2,
    /// `final_status` is set and settles bookings.
    Final = 3,
}

#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct FlightReport {
    pub flight_id: u64,
    pub reports: Vec<Report>,
    pub phase: ReportPhase,
    /// Meaningful from `Proposed` on.
    pub proposed: SettlementStatus,
    pub proposed_at: u64,
    pub challenger: Option<Address>,
    /// Meaningful in `Final` only.
    pub final_status: SettlementStatus,
}

impl FlightReport {
    pub fn final_status(&self) -> Option<SettlementStatus> {
        (self.phase == ReportPhase::Final).then_some(self.final_status)
    }
}

pub(crate) fn fail(e: &Env, err: OracleError) -> ! {
    panic_with_error!(e, err)
}

pub(crate) fn check_config(e: &Env, c: &OracleConfig) {
    if c.min_stake <= 0 || c.quorum == 0 || c.quorum > MAX_REPORTS_PER_FLIGHT || c.dispute_bond <= 0 || c.slash_bps > BPS as u32 {
        fail(e, OracleError::InvalidConfig);
    }
}
