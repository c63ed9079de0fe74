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

use soroban_sdk::{
    contract, contracterror, contractevent, contractimpl, contracttype, panic_with_error,
    symbol_short, token, xdr::ToXdr, Address, BytesN, Env, String, Symbol, Vec,
};
use stellar_access::access_control::{self as access, AccessControl};
use stellar_contract_utils::pausable::{self as pausable, Pausable};
use stellar_contract_utils::upgradeable::{self as upgradeable, Upgradeable};
use stellar_macros::{only_admin, when_not_paused};
use traqora_common::{
    is_quoted_flight, split_fee, ttl, BatchItemResult, Booking, BookingState, FlightStatus,
    FlightsClient, ReceiptStatus, ReceiptsClient, MAX_QUOTE_ITEMS, MAX_SETTLEMENT_BATCH,
};

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
    /// 1 to `MAX_QUOTE_ITEMS` (8) bookings, paid together.
    pub items: Vec<QuoteItem>,
    /// The only account that can pay this quote.
    pub passenger: Address,
}

#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub enum DataKey {
    Config,
    TotalHeld,
    Booking(u64),
    /// The platform's ed25519 public key that signs `pay_quoted` quotes (instance storage). Kept
    /// out of `EscrowConfig` so the config's layout, and the constructor, stay as deployed.
    QuoteSigner,
}

// ---- events: ["escrow", <action>, ...≤2 indexed topics] -----------------------------------

#[contractevent(topics = ["escrow", "paid"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct BookingPaid {
    #[topic]
    pub booking_id: u64,
    #[topic]
    pub passenger: Address,
    pub flight_id: u64,
    pub amount: i128,
    pub deadline: u64,
    pub receipt_id: Option<u32>,
}

#[contractevent(topics = ["escrow", "released"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct PaymentReleased {
    #[topic]
    pub booking_id: u64,
    #[topic]
    pub airline: Address,
    pub to_airline: i128,
    pub fee: i128,
}

#[contractevent(topics = ["escrow", "refunded"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct PassengerRefunded {
    #[topic]
    pub booking_id: u64,
    #[topic]
    pub passenger: Address,
    pub amount: i128,
    pub reason: RefundReason,
}

/// A cancellation settled on the fare's conditions: `refund` back to the passenger, the rest to
/// the airline (`to_airline`) and the treasury (`fee`); `refund + to_airline + fee` is the amount.
#[contractevent(topics = ["escrow", "cancelled"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct CancellationSettled {
    #[topic]
    pub booking_id: u64,
    #[topic]
    pub passenger: Address,
    pub refund: i128,
    pub to_airline: i128,
    pub fee: i128,
}

#[contractevent(topics = ["escrow", "refund_requested"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct RefundRequested {
    #[topic]
    pub booking_id: u64,
    pub amount: i128,
    pub unlock_at: u64,
}

#[contractevent(topics = ["escrow", "refund_cancelled"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct RefundRequestCancelled {
    #[topic]
    pub booking_id: u64,
    pub by: Address,
}

#[contractevent(topics = ["escrow", "disputed"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct BookingDisputed {
    #[topic]
    pub booking_id: u64,
    pub by: Address,
}

#[contractevent(topics = ["escrow", "config_changed"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct ConfigChanged {
    #[topic]
    pub field: Symbol,
    pub config: EscrowConfig,
}

#[contractevent(topics = ["escrow", "quote_key"], data_format = "single-value")]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct QuoteSignerSet {
    pub key: BytesN<32>,
}

#[contract]
pub struct Escrow;

fn fail(e: &Env, err: EscrowError) -> ! {
    panic_with_error!(e, err)
}

fn config(e: &Env) -> EscrowConfig {
    e.storage().instance().get(&DataKey::Config).expect("constructed")
}

fn set_config(e: &Env, cfg: &EscrowConfig, field: Symbol) {
    if cfg.fee_bps > MAX_FEE_BPS || cfg.large_refund_threshold < 0 {
        fail(e, EscrowError::InvalidConfig);
    }
    e.storage().instance().set(&DataKey::Config, cfg);
    ttl::bump_instance(e);
    ConfigChanged { field, config: cfg.clone() }.publish(e);
}

fn load(e: &Env, booking_id: u64) -> Result<Booking, EscrowError> {
    let key = DataKey::Booking(booking_id);
    let b = e.storage().persistent().get(&key).ok_or(EscrowError::BookingNotFound)?;
    ttl::bump_persistent(e, &key);
    Ok(b)
}

fn load_or_fail(e: &Env, booking_id: u64) -> Booking {
    load(e, booking_id).unwrap_or_else(|err| fail(e, err))
}

fn save(e: &Env, b: &Booking) {
    let key = DataKey::Booking(b.id);
    e.storage().persistent().set(&key, b);
    ttl::bump_persistent(e, &key);
}

fn total_held(e: &Env) -> i128 {
    e.storage().instance().get(&DataKey::TotalHeld).unwrap_or(0)
}

fn add_held(e: &Env, delta: i128) {
    let next = total_held(e).checked_add(delta).expect("overflow");
    assert!(next >= 0, "negative escrow total");
    e.storage().instance().set(&DataKey::TotalHeld, &next);
}

fn has(e: &Env, who: &Address, role: &Symbol) -> bool {
    access::has_role(e, who, role).is_some()
}

fn is_admin(e: &Env, who: &Address) -> bool {
    access::get_admin(e).as_ref() == Some(who)
}

fn set_receipt(e: &Env, cfg: &EscrowConfig, b: &Booking, status: ReceiptStatus) {
    if let (Some(receipts), Some(id)) = (&cfg.receipts, b.receipt_id) {
        ReceiptsClient::new(e, receipts).set_receipt_status(&id, &status);
    }
}

/// Pays out an open booking to the airline (minus the captured fee). Effects before interactions:
/// the booking is closed and the total reduced before any token moves.
fn pay_airline(e: &Env, mut b: Booking) {
    let cfg = config(e);
    b.state = BookingState::Released;
    b.refund_unlock_at = 0;
    save(e, &b);
    add_held(e, -b.amount);
    let (fee, to_airline) = split_fee(b.amount, b.fee_bps);
    let tok = token::Client::new(e, &cfg.token);
    let me = e.current_contract_address();
    if to_airline > 0 {
        tok.transfer(&me, &b.airline, &to_airline);
    }
    if fee > 0 {
        tok.transfer(&me, &cfg.treasury, &fee);
    }
    set_receipt(e, &cfg, &b, ReceiptStatus::Flown);
    PaymentReleased { booking_id: b.id, airline: b.airline, to_airline, fee }.publish(e);
}

fn pay_passenger(e: &Env, mut b: Booking, reason: RefundReason) {
    let cfg = config(e);
    b.state = if reason == RefundReason::Expired {
        BookingState::Expired
    } else {
        BookingState::Refunded
    };
    b.refund_unlock_at = 0;
    save(e, &b);
    add_held(e, -b.amount);
    token::Client::new(e, &cfg.token).transfer(&e.current_contract_address(), &b.passenger, &b.amount);
    set_receipt(e, &cfg, &b, ReceiptStatus::Voided);
    PassengerRefunded { booking_id: b.id, passenger: b.passenger, amount: b.amount, reason }
        .publish(e);
}

/// Mints the booking's receipt when a receipts contract is configured and records its id.
fn mint_receipt(e: &Env, cfg: &EscrowConfig, b: &mut Booking, flight_number: &String, seat: &String, departure: u64) {
    if let Some(receipts) = &cfg.receipts {
        let id = ReceiptsClient::new(e, receipts).mint_receipt(
            &b.passenger,
            &b.id,
            &b.flight_id,
            flight_number,
            seat,
            &departure,
        );
        b.receipt_id = Some(id);
        save(e, b);
    }
}

fn publish_paid(e: &Env, b: &Booking) {
    BookingPaid {
        booking_id: b.id,
        passenger: b.passenger.clone(),
        flight_id: b.flight_id,
        amount: b.amount,
        deadline: b.deadline,
        receipt_id: b.receipt_id,
    }
    .publish(e);
}

/// Everything `pay_quoted` checks before it changes anything, in the order the errors are
/// documented. The signature is checked by the host, which traps on a bad one.
fn check_quote(e: &Env, quote: &PaymentQuote, signature: &BytesN<64>) -> i128 {
    let signer: BytesN<32> = e
        .storage()
        .instance()
        .get(&DataKey::QuoteSigner)
        .unwrap_or_else(|| fail(e, EscrowError::QuoteSignerNotSet));
    e.crypto().ed25519_verify(&signer, &quote.clone().to_xdr(e), signature);
    // The signature proves the platform priced this quote, not that it priced it for this escrow:
    // the same key may be trusted by several deployments (testnet and mainnet, a redeployment),
    // and a quote signed for one of them would otherwise pay on all of them, at that deployment's
    // price and payees. The quote names its escrow, and only that contract accepts it. Checked
    // after the signature, so the error speaks of a genuine quote meant for elsewhere.
    if quote.escrow != e.current_contract_address() {
        fail(e, EscrowError::WrongEscrow);
    }
    let now = e.ledger().timestamp();
    if now > quote.expires_at {
        fail(e, EscrowError::QuoteExpired);
    }
    if quote.items.is_empty() {
        fail(e, EscrowError::EmptyBatch);
    }
    if quote.items.len() > MAX_QUOTE_ITEMS {
        fail(e, EscrowError::BatchTooLarge);
    }
    let mut total: i128 = 0;
    let mut seen: Vec<u64> = Vec::new(e);
    for item in quote.items.iter() {
        if item.amount <= 0 {
            fail(e, EscrowError::InvalidAmount);
        }
        // App flights live in their own id space (see QUOTED_FLIGHT_BIT), apart from the
        // registry's, whose final oracle reports settle bookings.
        if !is_quoted_flight(item.flight_id) || item.departure <= now || item.arrival < item.departure {
            fail(e, EscrowError::FlightNotBookable);
        }
        if seen.contains(item.booking_id) || e.storage().persistent().has(&DataKey::Booking(item.booking_id)) {
            fail(e, EscrowError::DuplicateBooking);
        }
        seen.push_back(item.booking_id);
        total = total.checked_add(item.amount).expect("overflow");
    }
    total
}

/// Release rules shared by the single and batch entry points.
fn check_release(e: &Env, caller: &Address, b: &Booking) -> Result<(), EscrowError> {
    match b.state {
        BookingState::Paid if has(e, caller, &SETTLER_ROLE) || has(e, caller, &ARBITER_ROLE) => Ok(()),
        BookingState::Disputed if has(e, caller, &ARBITER_ROLE) => Ok(()),
        BookingState::Paid | BookingState::Disputed => Err(EscrowError::NotAuthorized),
        _ => Err(EscrowError::InvalidState),
    }
}

#[contractimpl]
impl Escrow {
    /// `admin` is the admin multisig. `config.receipts` may be `None` and set later, because the
    /// receipts contract is constructed with this escrow's address as its minter.
    pub fn __constructor(e: &Env, admin: Address, config: EscrowConfig) {
        access::set_admin(e, &admin);
        if config.fee_bps > MAX_FEE_BPS || config.large_refund_threshold < 0 {
            fail(e, EscrowError::InvalidConfig);
        }
        e.storage().instance().set(&DataKey::Config, &config);
        upgradeable::set_schema_version(e, STORAGE_VERSION);
        ttl::bump_instance(e);
    }

    /// Pays for booking `booking_id` (the app's booking id; one payment per id) on `flight_id`.
    /// `amount` must equal the flight's current price, so a price change between quote and
    /// payment fails instead of charging a different amount. Mints the soulbound receipt when a
    /// receipts contract is configured.
    #[when_not_paused]
    pub fn pay_for_booking(
        e: &Env,
        passenger: Address,
        booking_id: u64,
        flight_id: u64,
        amount: i128,
        seat: String,
    ) -> Booking {
        passenger.require_auth();
        ttl::bump_instance(e);
        if amount <= 0 {
            fail(e, EscrowError::InvalidAmount);
        }
        if e.storage().persistent().has(&DataKey::Booking(booking_id)) {
            fail(e, EscrowError::DuplicateBooking);
        }
        // The quoted id space is never a registry flight (the registry does not allocate it);
        // refused here too, so the escrow does not rely on the registry for it.
        if is_quoted_flight(flight_id) {
            fail(e, EscrowError::FlightNotBookable);
        }
        let cfg = config(e);
        let flight = match FlightsClient::new(e, &cfg.flights).try_get_flight(&flight_id) {
            Ok(Ok(f)) => f,
            _ => fail(e, EscrowError::FlightNotBookable),
        };
        let now = e.ledger().timestamp();
        if !matches!(flight.status, FlightStatus::Scheduled | FlightStatus::Delayed)
            || flight.departure <= now
        {
            fail(e, EscrowError::FlightNotBookable);
        }
        if amount != flight.price {
            fail(e, EscrowError::PriceMismatch);
        }
        let mut booking = Booking {
            id: booking_id,
            passenger: passenger.clone(),
            airline: flight.airline.clone(),
            flight_id,
            amount,
            fee_bps: cfg.fee_bps,
            state: BookingState::Paid,
            paid_at: now,
            deadline: flight.arrival.saturating_add(cfg.settlement_window),
            refund_unlock_at: 0,
            receipt_id: None,
        };
        save(e, &booking);
        add_held(e, amount);
        token::Client::new(e, &cfg.token).transfer(&passenger, e.current_contract_address(), &amount);
        mint_receipt(e, &cfg, &mut booking, &flight.flight_number, &seat, flight.departure);
        publish_paid(e, &booking);
        booking
    }

    /// Pays for the bookings of a quote signed by the Traqora platform (`set_quote_signer`):
    /// one booking per item, one token transfer of the total, one passenger signature.
    ///
    /// The platform's signature over `quote.to_xdr()` vouches for prices, airlines and times; the
    /// passenger's authorisation (which also covers the token transfer) vouches for the payment.
    /// A quote pays once: its booking ids are then taken, and only on the escrow it names. Fails
    /// with `QuoteSignerNotSet`, `WrongEscrow` (`quote.escrow` is another contract),
    /// `QuoteExpired` (now > `expires_at`), `EmptyBatch`, `BatchTooLarge` (more than
    /// `MAX_QUOTE_ITEMS` = 8 items), and per item `InvalidAmount` (≤ 0), `FlightNotBookable`
    /// (`flight_id` without `QUOTED_FLIGHT_BIT` = 2^63, departed, or arrival before departure) or
    /// `DuplicateBooking` (already paid, or twice in the quote). A signature that does not verify
    /// traps in the host (`Error(Crypto, InvalidInput)`). Receipts are minted with the seat "—".
    /// Blocked while paused. Quoted bookings are settled by the settler (the Traqora server),
    /// never by the oracle, which refuses them.
    #[when_not_paused]
    pub fn pay_quoted(e: &Env, quote: PaymentQuote, signature: BytesN<64>) -> Vec<Booking> {
        quote.passenger.require_auth();
        ttl::bump_instance(e);
        let total = check_quote(e, &quote, &signature);
        let cfg = config(e);
        let now = e.ledger().timestamp();
        // Effects first: every booking is stored and counted before the money moves.
        let mut bookings: Vec<Booking> = Vec::new(e);
        for item in quote.items.iter() {
            let booking = Booking {
                id: item.booking_id,
                passenger: quote.passenger.clone(),
                airline: item.airline,
                flight_id: item.flight_id,
                amount: item.amount,
                fee_bps: cfg.fee_bps,
                state: BookingState::Paid,
                paid_at: now,
                deadline: item.arrival.saturating_add(cfg.settlement_window),
                refund_unlock_at: 0,
                receipt_id: None,
            };
            save(e, &booking);
            bookings.push_back(booking);
        }
        add_held(e, total);
        token::Client::new(e, &cfg.token).transfer(&quote.passenger, e.current_contract_address(), &total);
        // The quote carries no seat (seats are per passenger, a booking per segment).
        let seat = String::from_str(e, "—");
        let mut out: Vec<Booking> = Vec::new(e);
        for (mut booking, item) in bookings.iter().zip(quote.items.iter()) {
            mint_receipt(e, &cfg, &mut booking, &item.flight_number, &seat, item.departure);
            publish_paid(e, &booking);
            out.push_back(booking);
        }
        out
    }

    /// Pays the airline after a completed flight (settler), or by dispute verdict (arbiter).
    #[when_not_paused]
    pub fn release_payment_to_airline(e: &Env, caller: Address, booking_id: u64) {
        caller.require_auth();
        ttl::bump_instance(e);
        let b = load_or_fail(e, booking_id);
        check_release(e, &caller, &b).unwrap_or_else(|err| fail(e, err));
        pay_airline(e, b);
    }

    /// Completes up to `MAX_SETTLEMENT_BATCH` bookings in one call; each item reports its own result, and a
    /// failing item leaves the others untouched.
    #[when_not_paused]
    pub fn batch_release_payments(e: &Env, caller: Address, booking_ids: Vec<u64>) -> Vec<BatchItemResult> {
        caller.require_auth();
        ttl::bump_instance(e);
        if booking_ids.is_empty() {
            fail(e, EscrowError::EmptyBatch);
        }
        if booking_ids.len() > MAX_SETTLEMENT_BATCH {
            fail(e, EscrowError::BatchTooLarge);
        }
        let mut out = Vec::new(e);
        for id in booking_ids.iter() {
            let res = load(e, id).and_then(|b| check_release(e, &caller, &b).map(|_| b));
            let error = match res {
                Ok(b) => {
                    pay_airline(e, b);
                    0
                }
                Err(err) => err as u32,
            };
            out.push_back(BatchItemResult { id, error });
        }
        out
    }

    /// Refunds the passenger in full after a cancellation.
    /// * settler (oracle, airline cancelled the flight): a `Paid` or `RefundRequested` booking;
    /// * arbiter (dispute verdict): any open booking;
    /// * the booking's airline: a `Paid` booking up to the large-refund threshold.
    pub fn refund_passenger(e: &Env, caller: Address, booking_id: u64) {
        caller.require_auth();
        ttl::bump_instance(e);
        let b = load_or_fail(e, booking_id);
        if !b.state.is_open() {
            fail(e, EscrowError::InvalidState);
        }
        let allowed = if has(e, &caller, &ARBITER_ROLE) {
            true
        } else if has(e, &caller, &SETTLER_ROLE) {
            b.state != BookingState::Disputed
        } else if caller == b.airline {
            if b.state != BookingState::Paid {
                fail(e, EscrowError::InvalidState);
            }
            if b.amount > config(e).large_refund_threshold {
                fail(e, EscrowError::RefundNeedsDelay);
            }
            true
        } else {
            false
        };
        if !allowed {
            fail(e, EscrowError::NotAuthorized);
        }
        pay_passenger(e, b, RefundReason::Cancelled);
    }

    /// Settles a passenger's cancellation on the fare's conditions (e.g. the total minus a
    /// penalty, or taxes only): `refund` (0 ≤ refund ≤ amount, else `InvalidAmount`) goes back to
    /// the passenger, and `amount − refund` is paid out like a release: the fee captured at
    /// payment to the treasury, the rest to the airline. Settler or arbiter (`NotAuthorized`), on
    /// a `Paid` or `RefundRequested` booking (`InvalidState`; a disputed booking waits for its
    /// verdict). The booking closes as `Refunded` and its receipt is voided. Blocked while paused,
    /// because money can go to the airline.
    #[when_not_paused]
    pub fn settle_cancellation(e: &Env, caller: Address, booking_id: u64, refund: i128) {
        caller.require_auth();
        ttl::bump_instance(e);
        let mut b = load_or_fail(e, booking_id);
        if !has(e, &caller, &SETTLER_ROLE) && !has(e, &caller, &ARBITER_ROLE) {
            fail(e, EscrowError::NotAuthorized);
        }
        if !matches!(b.state, BookingState::Paid | BookingState::RefundRequested) {
            fail(e, EscrowError::InvalidState);
        }
        if refund < 0 || refund > b.amount {
            fail(e, EscrowError::InvalidAmount);
        }
        let cfg = config(e);
        b.state = BookingState::Refunded;
        b.refund_unlock_at = 0;
        save(e, &b);
        add_held(e, -b.amount);
        // refund + fee + to_airline == amount: split_fee never creates or loses a unit.
        let (fee, to_airline) = split_fee(b.amount - refund, b.fee_bps);
        let tok = token::Client::new(e, &cfg.token);
        let me = e.current_contract_address();
        if refund > 0 {
            tok.transfer(&me, &b.passenger, &refund);
        }
        if to_airline > 0 {
            tok.transfer(&me, &b.airline, &to_airline);
        }
        if fee > 0 {
            tok.transfer(&me, &cfg.treasury, &fee);
        }
        set_receipt(e, &cfg, &b, ReceiptStatus::Voided);
        CancellationSettled { booking_id, passenger: b.passenger, refund, to_airline, fee }.publish(e);
    }

    /// The airline accepts a cancellation whose refund must wait `refund_delay` seconds.
    pub fn request_delayed_refund(e: &Env, airline: Address, booking_id: u64) -> u64 {
        airline.require_auth();
        ttl::bump_instance(e);
        let mut b = load_or_fail(e, booking_id);
        if b.airline != airline {
            fail(e, EscrowError::NotAuthorized);
        }
        if b.state != BookingState::Paid {
            fail(e, EscrowError::InvalidState);
        }
        let unlock_at = e.ledger().timestamp().saturating_add(config(e).refund_delay);
        b.state = BookingState::RefundRequested;
        b.refund_unlock_at = unlock_at;
        save(e, &b);
        RefundRequested { booking_id, amount: b.amount, unlock_at }.publish(e);
        unlock_at
    }

    /// Withdraws a pending delayed refund (the airline, or the admin multisig).
    pub fn cancel_refund_request(e: &Env, caller: Address, booking_id: u64) {
        caller.require_auth();
        ttl::bump_instance(e);
        let mut b = load_or_fail(e, booking_id);
        if caller != b.airline && !is_admin(e, &caller) {
            fail(e, EscrowError::NotAuthorized);
        }
        if b.state != BookingState::RefundRequested {
            fail(e, EscrowError::InvalidState);
        }
        b.state = BookingState::Paid;
        b.refund_unlock_at = 0;
        save(e, &b);
        RefundRequestCancelled { booking_id, by: caller }.publish(e);
    }

    /// Anyone may execute a delayed refund once its unlock time has passed.
    pub fn process_delayed_refund(e: &Env, booking_id: u64) {
        ttl::bump_instance(e);
        let b = load_or_fail(e, booking_id);
        if b.state != BookingState::RefundRequested {
            fail(e, EscrowError::InvalidState);
        }
        if e.ledger().timestamp() < b.refund_unlock_at {
            fail(e, EscrowError::RefundLocked);
        }
        pay_passenger(e, b, RefundReason::DelayedRefund);
    }

    /// Multisig override: refund any open booking now (skips the delay and any dispute).
    #[only_admin]
    pub fn emergency_refund(e: &Env, booking_id: u64) {
        ttl::bump_instance(e);
        let b = load_or_fail(e, booking_id);
        if !b.state.is_open() {
            fail(e, EscrowError::InvalidState);
        }
        pay_passenger(e, b, RefundReason::Emergency);
    }

    /// Anyone may return the money of an unsettled booking once its stored deadline has passed.
    /// Disputed bookings wait for the verdict.
    pub fn expire(e: &Env, booking_id: u64) {
        ttl::bump_instance(e);
        let b = load_or_fail(e, booking_id);
        if !matches!(b.state, BookingState::Paid | BookingState::RefundRequested) {
            fail(e, EscrowError::InvalidState);
        }
        if e.ledger().timestamp() <= b.deadline {
            fail(e, EscrowError::NotExpired);
        }
        pay_passenger(e, b, RefundReason::Expired);
    }

    /// The disputes contract (arbiter) freezes a booking while its dispute runs.
    pub fn freeze_for_dispute(e: &Env, caller: Address, booking_id: u64) {
        caller.require_auth();
        ttl::bump_instance(e);
        if !has(e, &caller, &ARBITER_ROLE) {
            fail(e, EscrowError::NotAuthorized);
        }
        let mut b = load_or_fail(e, booking_id);
        if !matches!(b.state, BookingState::Paid | BookingState::RefundRequested) {
            fail(e, EscrowError::InvalidState);
        }
        b.state = BookingState::Disputed;
        b.refund_unlock_at = 0;
        save(e, &b);
        BookingDisputed { booking_id, by: caller }.publish(e);
    }

    // ---- views ---------------------------------------------------------------------------

    pub fn get_booking(e: &Env, booking_id: u64) -> Booking {
        load_or_fail(e, booking_id)
    }

    pub fn get_config(e: &Env) -> EscrowConfig {
        config(e)
    }

    /// Sum of the amounts of all open bookings.
    pub fn total_held(e: &Env) -> i128 {
        total_held(e)
    }

    pub fn storage_version(e: &Env) -> u32 {
        upgradeable::get_schema_version(e)
    }

    /// The platform's ed25519 public key that `pay_quoted` accepts quotes from, if set.
    pub fn quote_signer(e: &Env) -> Option<BytesN<32>> {
        e.storage().instance().get(&DataKey::QuoteSigner)
    }

    // ---- admin (the multisig) -------------------------------------------------------------

    #[only_admin]
    pub fn set_fee_bps(e: &Env, fee_bps: u32) {
        let mut cfg = config(e);
        cfg.fee_bps = fee_bps;
        set_config(e, &cfg, symbol_short!("fee_bps"));
    }

    #[only_admin]
    pub fn set_treasury(e: &Env, treasury: Address) {
        let mut cfg = config(e);
        cfg.treasury = treasury;
        set_config(e, &cfg, symbol_short!("treasury"));
    }

    #[only_admin]
    pub fn set_refund_policy(e: &Env, large_refund_threshold: i128, refund_delay: u64) {
        let mut cfg = config(e);
        cfg.large_refund_threshold = large_refund_threshold;
        cfg.refund_delay = refund_delay;
        set_config(e, &cfg, symbol_short!("refunds"));
    }

    #[only_admin]
    pub fn set_receipts(e: &Env, receipts: Address) {
        let mut cfg = config(e);
        cfg.receipts = Some(receipts);
        set_config(e, &cfg, symbol_short!("receipts"));
    }

    /// Sets (or rotates) the Traqora platform's ed25519 public key that signs `pay_quoted` quotes.
    /// A rotation invalidates every quote signed with the old key.
    #[only_admin]
    pub fn set_quote_signer(e: &Env, key: BytesN<32>) {
        e.storage().instance().set(&DataKey::QuoteSigner, &key);
        ttl::bump_instance(e);
        QuoteSignerSet { key }.publish(e);
    }

    /// Migration entry point run by the admin after an upgrade; refuses to run twice per version.
    #[only_admin]
    pub fn migrate(e: &Env) {
        if upgradeable::get_schema_version(e) >= STORAGE_VERSION {
            fail(e, EscrowError::AlreadyMigrated);
        }
        upgradeable::set_schema_version(e, STORAGE_VERSION);
        ttl::bump_instance(e);
    }
}

#[contractimpl(contracttrait)]
impl AccessControl for Escrow {}

#[contractimpl(contracttrait)]
impl Pausable for Escrow {
    #[only_admin]
    fn pause(e: &Env, _caller: Address) {
        pausable::pause(e);
    }

    #[only_admin]
    fn unpause(e: &Env, _caller: Address) {
        pausable::unpause(e);
    }
}

#[contractimpl]
impl Upgradeable for Escrow {
    #[only_admin]
    fn upgrade(e: &Env, new_wasm_hash: BytesN<32>, _operator: Address) {
        upgradeable::upgrade(e, &new_wasm_hash);
    }
}

#[cfg(test)]
mod test;
