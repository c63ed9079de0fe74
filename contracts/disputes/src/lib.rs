//! Booking disputes decided by a jury of TRQ holders.
//!
//! 1. `file_dispute` — the booking's passenger (claiming a refund) or airline (claiming release)
//!    posts `filing_stake` and a first evidence hash; the escrow freezes the booking. The jury's
//!    voting power is read from TRQ at the ledger *before* filing, so votes cannot be bought
//!    after the fact.
//! 2. `submit_evidence` — both parties add evidence hashes (documents stay off chain) until the
//!    commit phase ends.
//! 3. `commit_vote` — any TRQ holder with ≥ `min_juror_power` delegated votes at the snapshot,
//!    other than the parties, commits `sha256(round ‖ vote ‖ salt ‖ juror)` (see
//!    [`commitment`]); `reveal_vote` in the reveal phase adds their weight to `Refund` or
//!    `Release`.
//! 4. `tally_votes` after the reveal phase: the side with more revealed weight wins; a tie or no
//!    votes goes against the party who started the round (the burden of proof is theirs). The
//!    round's staker pays `jury_fee_bps` of the stake to the jury pot if right, the whole stake
//!    if wrong; the majority jurors `claim_reward` pro rata to their weight.
//! 5. `appeal` — within `appeal_window` the losing side may open one more round with
//!    `appeal_multiplier` × the filing stake. The final verdict is applied to the escrow by
//!    `execute_verdict` (anyone): `Refund` → passenger refunded, `Release` → airline paid.
//!
//! Invariants: one dispute per booking; at most one appeal; a juror commits and reveals once per
//! round and claims once; rewards of a round never exceed its pot; the escrow moves money only
//! on a final verdict.
#![no_std]

mod contract;
mod events;
mod storage;
mod types;

pub use contract::*;
pub use events::*;
pub use storage::DataKey;
pub use types::*;

#[cfg(test)]
mod test;
