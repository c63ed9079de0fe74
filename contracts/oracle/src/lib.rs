//! Flight-status oracle: staked providers report whether a flight was completed or cancelled by
//! the airline; the escrow is settled from the final status.
//!
//! 1. `register_provider` locks a stake (≥ `min_stake`, in the stake token).
//! 2. `submit_flight_status` — once per provider per flight, only after departure. When `quorum`
//!    providers agree, that status is *proposed* and a dispute window opens.
//! 3. During the window anyone may `dispute_flight_status` by posting a bond; the admin multisig
//!    then `resolve_status_dispute`s with the proven status. Without a dispute, anyone may
//!    `finalize_flight_status` after the window.
//! 4. On finalisation every provider whose report differs from the final status is slashed by
//!    `slash_bps` of their stake, paid to the treasury (a wrong challenger loses the bond the
//!    same way; a right one gets it back).
//! 5. `settle_booking(s)` (anyone): completed → escrow releases to the airline; cancelled →
//!    escrow refunds the passenger. The oracle holds the escrow's `settler` role. Bookings paid
//!    with a platform quote (`flight_id` with `QUOTED_FLIGHT_BIT`) are app flights, not registry
//!    flights: they are refused with `QuotedFlight` and left to the Traqora server's settler.
//!
//! Invariants: a flight's final status is set once; the contract's stake-token balance equals the
//! sum of provider stakes plus open dispute bonds; reports per flight are bounded.
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
