//! Booking escrow: a traveller's payment for one booking, held until the flight settles.
//!
//! Money is a SEP-41 token (e.g. the USDC Stellar Asset Contract) in i128 base units. Each booking
//! is one persistent entry with an explicit state (see [`BookingState`]); every transition checks
//! the current state and who is asking. Roles (OpenZeppelin access control, admin = the Traqora
//! admin multisig):
//!
//! * `settler` — the flight-status oracle: releases to the airline after a completed flight and
//!   refunds after an airline cancellation. Also the Traqora server account, which settles
//!   passenger cancellations on the fare's conditions (`settle_cancellation`).
//! * `arbiter` — the disputes contract: freezes a booking while a dispute runs and settles it by
//!   verdict.
//! * the booking's airline — refunds small bookings at once; larger ones through the time-locked
//!   `request_delayed_refund` → `process_delayed_refund` path, which the airline or the multisig
//!   can cancel and the multisig can override with `emergency_refund`.
//! * anyone — `expire` after the deadline stored in the booking; `process_delayed_refund` after
//!   the unlock time. Both can only send the money back to the passenger.
//!
//! Two ways to pay:
//! * `pay_for_booking` — one booking on a flight an airline listed in the registry; the amount
//!   must equal the registry's current price.
//! * `pay_quoted` — the app's bookings (several segments, airlines that list nothing on chain,
//!   fares priced by the app): the Traqora platform signs a [`PaymentQuote`] for this escrow
//!   (the quote names it) with its ed25519 key, the contract trusts it for price, airline and
//!   times, and the passenger's own signature authorises the money. One call, one wallet
//!   signature and one token transfer pay all the segments of an app booking.
//!
//! Invariants (tested, including by property tests):
//! * `total_held()` equals the sum of the amounts of open bookings and equals the escrow's token
//!   balance (absent direct donations);
//! * a booking is paid once, and pays out exactly once: to the airline (minus the fee captured at
//!   payment), back to the passenger, or — settling a passenger's cancellation — split between
//!   them, the parts summing to the amount. Never twice.
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
#[cfg(test)]
mod test_sponsor;
