//! The `Escrow` contract: its entry points and the payout rules they share.

use soroban_sdk::{contract, contractimpl, symbol_short, token, xdr::ToXdr, Address, BytesN, Env, String, Symbol, Vec};
use stellar_access::access_control::{self as access, AccessControl};
use stellar_contract_utils::upgradeable;
use stellar_macros::{only_admin, when_not_paused};
use traqora_common::{
    is_quoted_flight, split_fee, ttl, BatchItemResult, Booking, BookingState, FlightStatus,
    FlightsClient, ReceiptRequest, ReceiptStatus, ReceiptStatusUpdate, ReceiptsClient, MAX_QUOTE_ITEMS,
    MAX_SETTLEMENT_BATCH,
};

use crate::events::*;
use crate::storage::*;
use crate::types::*;

#[contract]
pub struct Escrow;

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

/// Closes an open booking in the airline's favour and pays it (minus the captured fee). Effects
/// before interactions: the booking is closed and the total reduced before any token moves.
/// Answers the receipt change the payout implies, which the caller applies: one call for a
/// single release, one batched call for a batch (each call into the receipts contract costs a
/// VM instantiation on wasm).
fn close_to_airline(e: &Env, cfg: &EscrowConfig, mut b: Booking) -> Option<ReceiptStatusUpdate> {
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
    PaymentReleased { booking_id: b.id, airline: b.airline, to_airline, fee }.publish(e);
    cfg.receipts.as_ref().and(b.receipt_id).map(|token_id| ReceiptStatusUpdate { token_id, status: ReceiptStatus::Flown })
}

fn pay_airline(e: &Env, b: Booking) {
    let cfg = config(e);
    if let (Some(receipts), Some(u)) = (&cfg.receipts, close_to_airline(e, &cfg, b)) {
        ReceiptsClient::new(e, receipts).set_receipt_status(&u.token_id, &u.status);
    }
}

/// Pays a sponsored booking's sponsor its share of `refund` (`sponsored × refund / amount`, rounded
/// down, so a rounding unit goes to the passenger and none is created or lost) and answers that
/// share; 0, with nothing read beyond one absent key, for a booking without a sponsor.
fn refund_sponsor(e: &Env, tok: &token::Client, b: &Booking, refund: i128) -> i128 {
    let Some(s) = sponsorship(e, b.id) else { return 0 };
    let share = s.amount.checked_mul(refund).expect("overflow") / b.amount;
    if share > 0 {
        tok.transfer(&e.current_contract_address(), &s.sponsor, &share);
        SponsorRefunded { booking_id: b.id, sponsor: s.sponsor, amount: share }.publish(e);
    }
    share
}

/// A full refund: the booking's whole amount back to whoever paid it, the sponsor's part (if any)
/// to the sponsor and the rest to the passenger.
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
    let tok = token::Client::new(e, &cfg.token);
    let to_passenger = b.amount - refund_sponsor(e, &tok, &b, b.amount);
    if to_passenger > 0 {
        tok.transfer(&e.current_contract_address(), &b.passenger, &to_passenger);
    }
    set_receipt(e, &cfg, &b, ReceiptStatus::Voided);
    PassengerRefunded { booking_id: b.id, passenger: b.passenger, amount: b.amount, reason }
        .publish(e);
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
/// Answers the quote's total and the part of it the sponsor pays.
fn check_quote(e: &Env, quote: &PaymentQuote, signature: &BytesN<64>) -> (i128, i128) {
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
    let mut sponsored: i128 = 0;
    let mut seen: Vec<u64> = Vec::new(e);
    for item in quote.items.iter() {
        if item.amount <= 0 || item.sponsored < 0 || item.sponsored > item.amount {
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
        sponsored += item.sponsored; // ≤ total, which did not overflow
    }
    // A sponsor is named exactly when it pays something, and is not the passenger (whose one
    // authorisation of the call would otherwise have to cover two transfers).
    let named = match &quote.sponsor {
        Some(s) if *s == quote.passenger => fail(e, EscrowError::SponsorMismatch),
        Some(_) => true,
        None => false,
    };
    if named != (sponsored > 0) {
        fail(e, EscrowError::SponsorMismatch);
    }
    (total, sponsored)
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
        if let Some(receipts) = &cfg.receipts {
            let id = ReceiptsClient::new(e, receipts).mint_receipt(
                &passenger,
                &booking_id,
                &flight_id,
                &flight.flight_number,
                &seat,
                &flight.departure,
            );
            booking.receipt_id = Some(id);
            save(e, &booking);
        }
        publish_paid(e, &booking);
        booking
    }

    /// Pays for the bookings of a quote signed by the Traqora platform (`set_quote_signer`):
    /// one booking per item, one token transfer of the total, one passenger signature. A quote
    /// with sponsored items (points redeemed at checkout) also names a `sponsor` that pays their
    /// `sponsored` parts under its own authorisation: two transfers then, the passenger's of the
    /// total less the sponsored parts and the sponsor's of those parts, and each booking still
    /// holds its item's whole `amount`.
    ///
    /// The platform's signature over `quote.to_xdr()` vouches for prices, airlines and times; the
    /// passenger's authorisation (which also covers the token transfer) vouches for the payment.
    /// A quote pays once: its booking ids are then taken, and only on the escrow it names. Fails
    /// with `QuoteSignerNotSet`, `WrongEscrow` (`quote.escrow` is another contract),
    /// `QuoteExpired` (now > `expires_at`), `EmptyBatch`, `BatchTooLarge` (more than
    /// `MAX_QUOTE_ITEMS` = 4 items), and per item `InvalidAmount` (≤ 0), `FlightNotBookable`
    /// (`flight_id` without `QUOTED_FLIGHT_BIT` = 2^63, departed, or arrival before departure) or
    /// `DuplicateBooking` (already paid, or twice in the quote), or `InvalidAmount` when `sponsored`
    /// is negative or above `amount`; `SponsorMismatch` when sponsored items have no sponsor, a
    /// sponsor has nothing sponsored, or the sponsor is the passenger. A signature that does not verify
    /// traps in the host (`Error(Crypto, InvalidInput)`). Receipts are minted with the seat "—".
    /// Blocked while paused. Quoted bookings are settled by the settler (the Traqora server),
    /// never by the oracle, which refuses them.
    #[when_not_paused]
    pub fn pay_quoted(e: &Env, quote: PaymentQuote, signature: BytesN<64>) -> Vec<Booking> {
        quote.passenger.require_auth();
        if let Some(sponsor) = &quote.sponsor {
            // Before its require_auth: the host refuses one address authorising the same call
            // twice, which would hide the reason.
            if *sponsor == quote.passenger {
                fail(e, EscrowError::SponsorMismatch);
            }
            sponsor.require_auth();
        }
        ttl::bump_instance(e);
        let (total, sponsored) = check_quote(e, &quote, &signature);
        let cfg = config(e);
        let now = e.ledger().timestamp();
        // The quote carries no seat (seats are per passenger, a booking per segment).
        let seat = String::from_str(e, "—");
        // Receipts first, in one call for the whole quote (a call per segment instantiated the
        // receipts VM each time: half of this entry point's cost on wasm), so that each booking
        // is written once, with its receipt id. Safe before the transfer: the receipts contract
        // is ours, cannot call back into the escrow (Soroban refuses re-entry), and any failure
        // after this point reverts the whole transaction, mints included.
        let receipt_ids: Option<Vec<u32>> = cfg.receipts.as_ref().map(|receipts| {
            let mut requests: Vec<ReceiptRequest> = Vec::new(e);
            for item in quote.items.iter() {
                requests.push_back(ReceiptRequest {
                    passenger: quote.passenger.clone(),
                    booking_id: item.booking_id,
                    flight_id: item.flight_id,
                    flight_number: item.flight_number.clone(),
                    seat: seat.clone(),
                    departure: item.departure,
                });
            }
            ReceiptsClient::new(e, receipts).mint_receipts(&requests)
        });
        let mut bookings: Vec<Booking> = Vec::new(e);
        for (i, item) in quote.items.iter().enumerate() {
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
                receipt_id: receipt_ids.as_ref().and_then(|ids| ids.get(i as u32)),
            };
            save(e, &booking);
            if item.sponsored > 0 {
                let sponsor = quote.sponsor.clone().expect("checked");
                save_sponsorship(e, item.booking_id, &Sponsorship { sponsor, amount: item.sponsored });
            }
            bookings.push_back(booking);
        }
        add_held(e, total);
        let tok = token::Client::new(e, &cfg.token);
        let me = e.current_contract_address();
        if total > sponsored {
            tok.transfer(&quote.passenger, &me, &(total - sponsored));
        }
        if let (Some(sponsor), true) = (&quote.sponsor, sponsored > 0) {
            tok.transfer(sponsor, &me, &sponsored);
        }
        for (booking, item) in bookings.iter().zip(quote.items.iter()) {
            publish_paid(e, &booking);
            if let (Some(sponsor), true) = (&quote.sponsor, item.sponsored > 0) {
                BookingSponsored { booking_id: booking.id, sponsor: sponsor.clone(), amount: item.sponsored }.publish(e);
            }
        }
        bookings
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
        let cfg = config(e);
        let mut out = Vec::new(e);
        let mut receipts: Vec<ReceiptStatusUpdate> = Vec::new(e);
        for id in booking_ids.iter() {
            let res = load(e, id).and_then(|b| check_release(e, &caller, &b).map(|_| b));
            let error = match res {
                Ok(b) => {
                    if let Some(u) = close_to_airline(e, &cfg, b) {
                        receipts.push_back(u);
                    }
                    0
                }
                Err(err) => err as u32,
            };
            out.push_back(BatchItemResult { id, error });
        }
        // One call into the receipts contract for the whole batch (see close_to_airline).
        if let (Some(r), false) = (&cfg.receipts, receipts.is_empty()) {
            ReceiptsClient::new(e, r).set_receipt_statuses(&receipts);
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
    /// the passenger (for a sponsored booking, `sponsored × refund / amount` of it, rounded
    /// down, to the sponsor and the rest to the passenger), and `amount − refund` is paid out like a release: the fee captured at
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
        // A sponsored booking's refund is shared in proportion to what each payer put in.
        let to_passenger = refund - refund_sponsor(e, &tok, &b, refund);
        if to_passenger > 0 {
            tok.transfer(&me, &b.passenger, &to_passenger);
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

traqora_common::admin_pausable_upgradeable!(Escrow);
