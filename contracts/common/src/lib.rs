//! Shared pieces of the Traqora contracts.
//!
//! This crate holds no `#[contract]`: importing one contract crate into another would re-export
//! its entry points into the importer's wasm (stellar/rs-soroban-sdk#1439). Types that cross a
//! contract boundary and the client traits used for cross-contract calls live here instead.
#![no_std]

use soroban_sdk::{contractclient, contracttype, Address, Env, IntoVal, String, Val, Vec};

mod admin;

/// Ledger TTL policy shared by every contract.
///
/// Mainnet gives new persistent/instance entries about 120 days (2,073,600 ledgers) and caps a TTL
/// at about 180 days. We extend an entry whenever it is touched and has less than ~100 days left,
/// up to ~150 days. TTLs are never used as deadlines: every deadline is a timestamp stored in the
/// value itself, because anyone can extend any entry's TTL.
pub mod ttl {
    use super::*;

    pub const DAY_IN_LEDGERS: u32 = 17_280;
    pub const BUMP_THRESHOLD: u32 = 100 * DAY_IN_LEDGERS;
    pub const EXTEND_TO: u32 = 150 * DAY_IN_LEDGERS;

    /// Instance storage holds the configuration and is loaded on every call; OpenZeppelin's modules
    /// do not extend it, so every entry point calls this.
    pub fn bump_instance(e: &Env) {
        e.storage().instance().extend_ttl(BUMP_THRESHOLD, EXTEND_TO);
    }

    pub fn bump_persistent<K: IntoVal<Env, Val>>(e: &Env, key: &K) {
        e.storage().persistent().extend_ttl(key, BUMP_THRESHOLD, EXTEND_TO);
    }
}

/// Largest batch of the registry/loyalty batch entry points and of paginated reads. Chosen from
/// `cost_estimate()` runs (see the cost report) with a margin: native tests do not meter the wasm
/// VM, so real CPU costs are higher.
pub const MAX_BATCH: u32 = 20;

/// Largest batch of the money-moving batch entry points (escrow `batch_release_payments`, oracle
/// `settle_bookings`). Bound by the 16 KiB per-transaction event limit, not CPU: one release
/// emits ~830 bytes of events (two token transfers, the escrow's and the receipt's event), so 20
/// items overflow it; 10 leaves room for the oracle's own per-item event.
pub const MAX_SETTLEMENT_BATCH: u32 = 10;

/// Largest batch of the oracle's `settle_bookings`. Each item there reads the booking from the
/// escrow and then settles it through the escrow, two cross-contract calls that each instantiate
/// a VM on wasm: 10 items used 99 % of the 40 MiB per-transaction memory limit and 32 % of the CPU
/// limit in the wasm cost report, with no margin for a larger booking or a host upgrade. Five
/// keep half the memory free.
pub const MAX_ORACLE_SETTLEMENT_BATCH: u32 = 5;

/// Largest number of bookings (segments) in one escrow `pay_quoted` quote. Bound by the CPU budget
/// of a traveller's call: on wasm an 8-segment quote metered 11.0 M instructions, 11 % of the
/// per-transaction limit, above the 10 % every user-facing call must stay within; 4 segments take
/// 6 %. The app never quotes more: its itineraries have at most one stop each way, so at most 4
/// segments for a return trip. (The write limit would allow 8: with receipts each booking writes 5
/// entries — the booking, the receipt, the booking→receipt and passenger→receipt indexes, the OZ
/// owner — and the payment 6 more: contract instances, token balances, the passenger's receipt
/// count and signature nonce.) `MAX_SETTLEMENT_BATCH` does not fit here.
pub const MAX_QUOTE_ITEMS: u32 = 4;

/// Top bit of a booking's `flight_id`: set on every booking paid with a platform quote (escrow
/// `pay_quoted` refuses an item without it), and never on an airline-registry flight id.
///
/// Why: the app's flight ids and the registry's both count up from small integers, and the
/// oracle's `settle_booking` (which anyone may call) settles a booking by the final report of
/// the registry flight whose id is the booking's `flight_id`. Without separate id spaces a quoted
/// booking whose app flight id equals a finalised registry flight's id would be released or
/// refunded on *that* flight's outcome. With this bit the spaces are disjoint: the registry
/// allocates ids from 1 and never reaches 2^63, and the oracle refuses to settle a booking whose
/// flight id has the bit (it has no report for app flights; the Traqora server's settler account
/// settles those). The app sets it as `QUOTED_FLIGHT_BIT | app_flight_id`.
pub const QUOTED_FLIGHT_BIT: u64 = 1 << 63;

/// Whether `flight_id` is in the quoted (app) flight id space, i.e. has [`QUOTED_FLIGHT_BIT`].
pub fn is_quoted_flight(flight_id: u64) -> bool {
    flight_id & QUOTED_FLIGHT_BIT != 0
}

/// Basis-point denominator (100% = 10_000).
pub const BPS: i128 = 10_000;

// ---------------------------------------------------------------------------------------------
// Flights (airline contract)
// ---------------------------------------------------------------------------------------------

/// Operational status of a flight as reported by its airline. `Landed` and `Cancelled` are final
/// for the airline contract; settlement of money follows the oracle's consensus, not this field.
#[contracttype]
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
#[repr(u32)]
pub enum FlightStatus {
    Scheduled = 0,
    Delayed = 1,
    Boarding = 2,
    Departed = 3,
    Landed = 4,
    Cancelled = 5,
    Diverted = 6,
}

#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct Flight {
    pub id: u64,
    pub airline: Address,
    /// Marketing flight number, e.g. "TQ101".
    pub flight_number: String,
    /// IATA airport codes.
    pub origin: String,
    pub destination: String,
    /// Unix seconds (UTC).
    pub departure: u64,
    pub arrival: u64,
    /// Current price in base units of the escrow token.
    pub price: i128,
    pub status: FlightStatus,
    pub price_updated_at: u64,
    /// Number of entries in the price history (the first is the creation price).
    pub price_points: u32,
}

#[contractclient(name = "FlightsClient")]
pub trait FlightsInterface {
    fn get_flight(env: Env, flight_id: u64) -> Flight;
}

// ---------------------------------------------------------------------------------------------
// Bookings (escrow contract)
// ---------------------------------------------------------------------------------------------

/// Escrow state machine:
///
/// ```text
///            pay_for_booking
///   (none) ───────────────────► Paid ──release──► Released
///                                │ ▲ ──refund───► Refunded
///       request_delayed_refund   │ │ cancel_refund_request
///                                ▼ │
///                          RefundRequested ──process_delayed_refund / emergency──► Refunded
///   Paid ──freeze_for_dispute──► Disputed ──(arbiter) release / refund──► Released | Refunded
///   Paid | RefundRequested ──expire (after deadline)──► Expired (money back to the passenger)
/// ```
/// `Released`, `Refunded` and `Expired` are terminal and hold no money.
#[contracttype]
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
#[repr(u32)]
pub enum BookingState {
    Paid = 0,
    RefundRequested = 1,
    Disputed = 2,
    Released = 3,
    Refunded = 4,
    Expired = 5,
}

impl BookingState {
    /// Whether the booking still holds its payment in the escrow.
    pub fn is_open(self) -> bool {
        matches!(self, BookingState::Paid | BookingState::RefundRequested | BookingState::Disputed)
    }
}

#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct Booking {
    pub id: u64,
    pub passenger: Address,
    pub airline: Address,
    pub flight_id: u64,
    /// Amount paid, in token base units; held by the escrow while the booking is open.
    pub amount: i128,
    /// Platform fee rate captured at payment time, so later fee changes never apply retroactively.
    pub fee_bps: u32,
    pub state: BookingState,
    pub paid_at: u64,
    /// After this time anyone may call `expire` and the passenger gets the money back.
    pub deadline: u64,
    /// Earliest time a requested delayed refund may be processed (0 when none is pending).
    pub refund_unlock_at: u64,
    pub receipt_id: Option<u32>,
}

/// Per-item outcome of a batch call: `error` is 0 on success, otherwise the contract error code
/// the single-item call would have failed with.
#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct BatchItemResult {
    pub id: u64,
    pub error: u32,
}

#[contractclient(name = "EscrowClient")]
pub trait EscrowInterface {
    fn get_booking(env: Env, booking_id: u64) -> Booking;
    fn release_payment_to_airline(env: Env, caller: Address, booking_id: u64);
    fn refund_passenger(env: Env, caller: Address, booking_id: u64);
    fn freeze_for_dispute(env: Env, caller: Address, booking_id: u64);
}

// ---------------------------------------------------------------------------------------------
// Receipts (soulbound NFT)
// ---------------------------------------------------------------------------------------------

#[contracttype]
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
#[repr(u32)]
pub enum ReceiptStatus {
    /// Paid, flight not yet settled.
    Active = 0,
    /// The airline was paid: the trip was flown.
    Flown = 1,
    /// The booking was refunded or expired.
    Voided = 2,
}

/// One receipt to mint, as the escrow asks for it in a batch (`mint_receipts`).
#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct ReceiptRequest {
    pub passenger: Address,
    pub booking_id: u64,
    pub flight_id: u64,
    pub flight_number: String,
    pub seat: String,
    pub departure: u64,
}

/// One status change in a batch (`set_receipt_statuses`).
#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct ReceiptStatusUpdate {
    pub token_id: u32,
    pub status: ReceiptStatus,
}

#[contractclient(name = "ReceiptsClient")]
pub trait ReceiptsInterface {
    fn mint_receipt(
        env: Env,
        passenger: Address,
        booking_id: u64,
        flight_id: u64,
        flight_number: String,
        seat: String,
        departure: u64,
    ) -> u32;
    fn set_receipt_status(env: Env, token_id: u32, status: ReceiptStatus);
    fn mint_receipts(env: Env, requests: Vec<ReceiptRequest>) -> Vec<u32>;
    fn set_receipt_statuses(env: Env, updates: Vec<ReceiptStatusUpdate>);
}

// ---------------------------------------------------------------------------------------------
// Votes (TRQ token): the subset of OpenZeppelin's `Votes` the disputes jury reads.
// ---------------------------------------------------------------------------------------------

#[contractclient(name = "VotesClient")]
pub trait VotesInterface {
    fn get_votes_at_checkpoint(env: Env, account: Address, ledger: u32) -> u128;
}

/// Checked fee split: `(fee, remainder)` for `amount` at `fee_bps`; fee rounds down so the payee
/// never receives less than `amount - amount * fee_bps / 10_000`.
pub fn split_fee(amount: i128, fee_bps: u32) -> (i128, i128) {
    let fee = amount
        .checked_mul(fee_bps as i128)
        .expect("fee overflow")
        / BPS;
    (fee, amount - fee)
}
