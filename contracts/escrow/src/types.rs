//! The escrow's configuration, quote and error types, and its constants.

use soroban_sdk::{contracterror, contracttype, panic_with_error, symbol_short, Address, Env, String, Symbol, Vec};

pub const STORAGE_VERSION: u32 = 1;
/// Highest platform fee the admin may set: 10%.
pub const MAX_FEE_BPS: u32 = 1_000;
pub const SETTLER_ROLE: Symbol = symbol_short!("settler");
pub const ARBITER_ROLE: Symbol = symbol_short!("arbiter");

#[contracterror]
#[derive(Copy, Clone, Debug, Eq, PartialEq, PartialOrd, Ord)]
#[repr(u32)]
pub enum EscrowError {
    BookingNotFound = 1,
    DuplicateBooking = 2,
    InvalidAmount = 3,
    FlightNotBookable = 4,
    PriceMismatch = 5,
    InvalidState = 6,
    NotAuthorized = 7,
    RefundNeedsDelay = 8,
    RefundLocked = 9,
    NotExpired = 10,
    BatchTooLarge = 11,
    EmptyBatch = 12,
    InvalidConfig = 13,
    AlreadyMigrated = 14,
    // New variants go at the end: the codes are part of the interface.
    /// `pay_quoted` before the admin has set the platform's quote key.
    QuoteSignerNotSet = 15,
    /// `pay_quoted` after the quote's `expires_at`.
    QuoteExpired = 16,
    /// `pay_quoted` with a quote, signed by the platform, that names another escrow contract
    /// (a quote signed for another network or deployment).
    WrongEscrow = 17,
    /// `pay_quoted` with a quote whose items are sponsored but that names no sponsor, or that
    /// names a sponsor (other than the passenger) with nothing sponsored, or the passenger as
    /// its own sponsor.
    SponsorMismatch = 18,
}

#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct EscrowConfig {
    /// SEP-41 token bookings are paid in.
    pub token: Address,
    /// Receives the platform fee on release.
    pub treasury: Address,
    /// Airline registry contract the flights are read from.
    pub flights: Address,
    /// Soulbound receipts contract; `None` until the admin sets it.
    pub receipts: Option<Address>,
    pub fee_bps: u32,
    /// Airline-initiated refunds above this amount must wait `refund_delay` seconds.
    pub large_refund_threshold: i128,
    pub refund_delay: u64,
    /// A booking may be expired this many seconds after its flight's scheduled arrival.
    pub settlement_window: u64,
}

/// Why money went back to the passenger.
#[contracttype]
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
#[repr(u32)]
pub enum RefundReason {
    Cancelled = 0,
    DelayedRefund = 1,
    Emergency = 2,
    Expired = 3,
}

/// One booking of a [`PaymentQuote`]: an app booking segment, priced by the platform.
///
/// Fields are declared in alphabetical order, which is the order of the keys in the struct's
/// `ScMap` (the host sorts them), so the TypeScript encoder's order is the one written here.
#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct QuoteItem {
    /// Paid on release (minus the platform fee).
    pub airline: Address,
    /// Token base units; this segment's share of the booking total.
    pub amount: i128,
    /// Scheduled arrival, unix seconds. The booking's deadline is this plus the settlement window.
    pub arrival: u64,
    /// The on-chain booking id the app derives for the segment; paid at most once.
    pub booking_id: u64,
    /// Scheduled departure, unix seconds; must be in the future at payment.
    pub departure: u64,
    /// The app's flight id with `QUOTED_FLIGHT_BIT` (2^63) set, i.e. `2^63 | app flight id`;
    /// an item without the bit is refused (`FlightNotBookable`). The bit keeps app flights out
    /// of the registry's id space, so the oracle can never settle a quoted booking by the report
    /// of a registry flight that happens to share its id (it refuses such bookings instead).
    pub flight_id: u64,
    /// Marketing flight number, e.g. "BA117"; goes into the receipt.
    pub flight_number: String,
    /// Token base units of `amount` the quote's `sponsor` pays instead of the passenger (the
    /// platform's loyalty-liability account, for points redeemed at checkout); 0 ≤ sponsored ≤
    /// amount. The booking still holds the whole `amount`, so the airline is paid the full fare.
    pub sponsored: i128,
}

/// What the Traqora platform signs for `pay_quoted`: the signed message is exactly the XDR of this
/// value as an `ScVal` (`quote.to_xdr(env)`), so the contract and the app encode it identically.
/// Fields in alphabetical order, as for [`QuoteItem`].
#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct PaymentQuote {
    /// The escrow contract the quote is for; any other escrow refuses it (`WrongEscrow`). Contract
    /// ids differ per network and per deployment, so a quote signed for one deployment cannot be
    /// paid on another that trusts the same quote key.
    pub escrow: Address,
    /// Unix seconds; the quote is refused after this (the price is only good for so long).
    pub expires_at: u64,
    /// 1 to `MAX_QUOTE_ITEMS` (4) bookings, paid together.
    pub items: Vec<QuoteItem>,
    /// The only account that can pay this quote.
    pub passenger: Address,
    /// Pays the items' `sponsored` parts, under its own authorisation; `Some` exactly when an
    /// item is sponsored (`SponsorMismatch` otherwise).
    pub sponsor: Option<Address>,
}

/// Who paid part of a quoted booking, and how much of its `amount` (kept beside the booking, under
/// `DataKey::Sponsored`, so the stored `Booking` keeps its deployed layout). Refunds give the
/// sponsor its share back.
#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct Sponsorship {
    pub sponsor: Address,
    pub amount: i128,
}

pub(crate) fn fail(e: &Env, err: EscrowError) -> ! {
    panic_with_error!(e, err)
}
