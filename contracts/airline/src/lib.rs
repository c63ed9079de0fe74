//! Airline registry: flights, their operational status and their price.
//!
//! * Airlines are accounts holding the `airline` role (OpenZeppelin access control); the admin —
//!   the Traqora admin multisig — grants and revokes it.
//! * Flights are created and updated in bounded batches with a result per item, so one bad row
//!   does not revert the whole batch.
//! * A price may move at most ±20% per update and at most once per cooldown; every price is kept
//!   in a per-flight history (one persistent entry per point, never one growing vector).
//!
//! Invariants: a flight's `airline` never changes; only that airline changes its status or price;
//! `Landed` and `Cancelled` are final; `price > 0` always; flight ids count up from 1 and never
//! have `QUOTED_FLIGHT_BIT` (2^63) set, which is the app's quoted flights' id space.
#![no_std]

use soroban_sdk::{
    contract, contracterror, contractevent, contractimpl, contracttype, panic_with_error,
    symbol_short, Address, Env, String, Symbol, Vec,
};
use stellar_access::access_control::{self as access, AccessControl};
use stellar_contract_utils::upgradeable;
use stellar_macros::{only_admin, when_not_paused};
use traqora_common::{ttl, BatchItemResult, Flight, FlightStatus, BPS, MAX_BATCH, QUOTED_FLIGHT_BIT};


/// Storage layout version written by the constructor and bumped by `migrate`.
pub const STORAGE_VERSION: u32 = 1;
/// Largest price move per update, in basis points (20%).
pub const MAX_PRICE_CHANGE_BPS: i128 = 2_000;
pub const AIRLINE_ROLE: Symbol = symbol_short!("airline");

#[contracterror]
#[derive(Copy, Clone, Debug, Eq, PartialEq, PartialOrd, Ord)]
#[repr(u32)]
pub enum AirlineError {
    FlightNotFound = 1,
    NotFlightOwner = 2,
    InvalidFlight = 3,
    InvalidPrice = 4,
    PriceChangeTooLarge = 5,
    PriceCooldown = 6,
    FinalStatus = 7,
    BatchTooLarge = 8,
    EmptyBatch = 9,
    NotAirline = 10,
    AlreadyMigrated = 11,
}

#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct NewFlight {
    pub flight_number: String,
    pub origin: String,
    pub destination: String,
    pub departure: u64,
    pub arrival: u64,
    pub price: i128,
}

#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct StatusUpdate {
    pub flight_id: u64,
    pub status: FlightStatus,
}

#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct PricePoint {
    pub price: i128,
    pub at: u64,
}

#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub enum DataKey {
    /// Seconds an airline must wait between two price updates of one flight.
    PriceCooldown,
    NextFlightId,
    Flight(u64),
    PriceHistory(u64, u32),
}

// ---- events: first topic names the contract, second the action ------------------------------

#[contractevent(topics = ["airline", "flight_created"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct FlightCreated {
    #[topic]
    pub flight_id: u64,
    #[topic]
    pub airline: Address,
    pub flight_number: String,
    pub departure: u64,
    pub price: i128,
}

#[contractevent(topics = ["airline", "status_updated"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct FlightStatusUpdated {
    #[topic]
    pub flight_id: u64,
    pub status: FlightStatus,
}

#[contractevent(topics = ["airline", "price_updated"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct FlightPriceUpdated {
    #[topic]
    pub flight_id: u64,
    pub old_price: i128,
    pub new_price: i128,
}

#[contractevent(topics = ["airline", "cooldown_set"], data_format = "single-value")]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct PriceCooldownSet {
    pub seconds: u64,
}

#[contract]
pub struct AirlineRegistry;

fn fail(e: &Env, err: AirlineError) -> ! {
    panic_with_error!(e, err)
}

fn load_flight(e: &Env, flight_id: u64) -> Result<Flight, AirlineError> {
    let key = DataKey::Flight(flight_id);
    let flight: Flight = e.storage().persistent().get(&key).ok_or(AirlineError::FlightNotFound)?;
    ttl::bump_persistent(e, &key);
    // Flights are mostly read by the escrow and the oracle: keep the registry alive on reads too.
    ttl::bump_instance(e);
    Ok(flight)
}

fn save_flight(e: &Env, flight: &Flight) {
    let key = DataKey::Flight(flight.id);
    e.storage().persistent().set(&key, flight);
    ttl::bump_persistent(e, &key);
}

fn push_price(e: &Env, flight: &mut Flight, price: i128, at: u64) {
    let key = DataKey::PriceHistory(flight.id, flight.price_points);
    e.storage().persistent().set(&key, &PricePoint { price, at });
    ttl::bump_persistent(e, &key);
    flight.price_points += 1;
}

fn require_airline(e: &Env, airline: &Address) {
    airline.require_auth();
    if access::has_role(e, airline, &AIRLINE_ROLE).is_none() {
        fail(e, AirlineError::NotAirline);
    }
}

fn is_iata(code: &String) -> bool {
    code.len() == 3
}

fn validate_new(e: &Env, f: &NewFlight) -> Result<(), AirlineError> {
    let now = e.ledger().timestamp();
    if f.flight_number.len() < 3
        || f.flight_number.len() > 8
        || !is_iata(&f.origin)
        || !is_iata(&f.destination)
        || f.origin == f.destination
        || f.departure <= now
        || f.arrival <= f.departure
    {
        return Err(AirlineError::InvalidFlight);
    }
    if f.price <= 0 {
        return Err(AirlineError::InvalidPrice);
    }
    Ok(())
}

/// Allowed status changes. `Landed` and `Cancelled` are final.
fn transition_allowed(from: FlightStatus, to: FlightStatus) -> bool {
    use FlightStatus::*;
    if from == to {
        return false;
    }
    match from {
        Landed | Cancelled => false,
        Scheduled | Delayed => !matches!(to, Scheduled),
        Boarding => matches!(to, Delayed | Departed | Cancelled),
        Departed => matches!(to, Landed | Diverted),
        Diverted => matches!(to, Landed),
    }
}

fn create_one(e: &Env, airline: &Address, f: NewFlight) -> Result<u64, AirlineError> {
    validate_new(e, &f)?;
    // Ids count up from 1 and must stay below 2^63: ids with `QUOTED_FLIGHT_BIT` belong to the
    // app's quoted bookings, which the oracle must never settle by a registry flight's report.
    // Unreachable in practice (2^63 flights); the check keeps the id spaces disjoint regardless.
    let id: u64 = e.storage().instance().get(&DataKey::NextFlightId).unwrap_or(1);
    assert!(id & QUOTED_FLIGHT_BIT == 0, "registry flight ids stay below 2^63");
    e.storage().instance().set(&DataKey::NextFlightId, &(id + 1));
    let now = e.ledger().timestamp();
    let mut flight = Flight {
        id,
        airline: airline.clone(),
        flight_number: f.flight_number.clone(),
        origin: f.origin,
        destination: f.destination,
        departure: f.departure,
        arrival: f.arrival,
        price: f.price,
        status: FlightStatus::Scheduled,
        price_updated_at: now,
        price_points: 0,
    };
    push_price(e, &mut flight, f.price, now);
    save_flight(e, &flight);
    FlightCreated {
        flight_id: id,
        airline: airline.clone(),
        flight_number: f.flight_number,
        departure: f.departure,
        price: f.price,
    }
    .publish(e);
    Ok(id)
}

fn update_status_one(e: &Env, airline: &Address, u: &StatusUpdate) -> Result<(), AirlineError> {
    let mut flight = load_flight(e, u.flight_id)?;
    if &flight.airline != airline {
        return Err(AirlineError::NotFlightOwner);
    }
    if !transition_allowed(flight.status, u.status) {
        return Err(AirlineError::FinalStatus);
    }
    flight.status = u.status;
    save_flight(e, &flight);
    FlightStatusUpdated { flight_id: u.flight_id, status: u.status }.publish(e);
    Ok(())
}

fn check_batch_len(e: &Env, len: u32) {
    if len == 0 {
        fail(e, AirlineError::EmptyBatch);
    }
    if len > MAX_BATCH {
        fail(e, AirlineError::BatchTooLarge);
    }
}

#[contractimpl]
impl AirlineRegistry {
    /// `admin` is the admin multisig contract; `price_cooldown` is in seconds.
    pub fn __constructor(e: &Env, admin: Address, price_cooldown: u64) {
        access::set_admin(e, &admin);
        e.storage().instance().set(&DataKey::PriceCooldown, &price_cooldown);
        upgradeable::set_schema_version(e, STORAGE_VERSION);
        ttl::bump_instance(e);
    }

    /// Creates up to `MAX_BATCH` flights for `airline`. Each item gets its own result:
    /// `id` is the new flight id on success (0 on failure) and `error` the `AirlineError` code.
    #[when_not_paused]
    pub fn batch_create_flights(
        e: &Env,
        airline: Address,
        flights: Vec<NewFlight>,
    ) -> Vec<BatchItemResult> {
        require_airline(e, &airline);
        check_batch_len(e, flights.len());
        ttl::bump_instance(e);
        let mut out = Vec::new(e);
        for f in flights.iter() {
            out.push_back(match create_one(e, &airline, f) {
                Ok(id) => BatchItemResult { id, error: 0 },
                Err(err) => BatchItemResult { id: 0, error: err as u32 },
            });
        }
        out
    }

    /// Updates up to `MAX_BATCH` flight statuses; per-item result keyed by flight id.
    #[when_not_paused]
    pub fn batch_update_flight_status(
        e: &Env,
        airline: Address,
        updates: Vec<StatusUpdate>,
    ) -> Vec<BatchItemResult> {
        require_airline(e, &airline);
        check_batch_len(e, updates.len());
        ttl::bump_instance(e);
        let mut out = Vec::new(e);
        for u in updates.iter() {
            let error = match update_status_one(e, &airline, &u) {
                Ok(()) => 0,
                Err(err) => err as u32,
            };
            out.push_back(BatchItemResult { id: u.flight_id, error });
        }
        out
    }

    /// Changes a flight's price by at most ±20% of the current price, at most once per cooldown.
    #[when_not_paused]
    pub fn update_flight_price(e: &Env, airline: Address, flight_id: u64, new_price: i128) {
        require_airline(e, &airline);
        ttl::bump_instance(e);
        let mut flight = load_flight(e, flight_id).unwrap_or_else(|err| fail(e, err));
        if flight.airline != airline {
            fail(e, AirlineError::NotFlightOwner);
        }
        if matches!(flight.status, FlightStatus::Landed | FlightStatus::Cancelled) {
            fail(e, AirlineError::FinalStatus);
        }
        if new_price <= 0 {
            fail(e, AirlineError::InvalidPrice);
        }
        // |new - old| / old <= 20%, in integers: |new - old| * 10_000 <= 2_000 * old.
        let delta = (new_price - flight.price).abs();
        if delta.checked_mul(BPS).expect("overflow") > MAX_PRICE_CHANGE_BPS * flight.price {
            fail(e, AirlineError::PriceChangeTooLarge);
        }
        let now = e.ledger().timestamp();
        let cooldown: u64 = e.storage().instance().get(&DataKey::PriceCooldown).unwrap_or(0);
        if now < flight.price_updated_at.saturating_add(cooldown) {
            fail(e, AirlineError::PriceCooldown);
        }
        let old_price = flight.price;
        flight.price = new_price;
        flight.price_updated_at = now;
        push_price(e, &mut flight, new_price, now);
        save_flight(e, &flight);
        FlightPriceUpdated { flight_id, old_price, new_price }.publish(e);
    }

    pub fn get_flight(e: &Env, flight_id: u64) -> Flight {
        load_flight(e, flight_id).unwrap_or_else(|err| fail(e, err))
    }

    pub fn get_current_price(e: &Env, flight_id: u64) -> i128 {
        Self::get_flight(e, flight_id).price
    }

    /// Price history page: points `start .. start + limit` (oldest first), `limit` ≤ `MAX_BATCH`.
    pub fn get_price_history(e: &Env, flight_id: u64, start: u32, limit: u32) -> Vec<PricePoint> {
        let flight = Self::get_flight(e, flight_id);
        let end = flight.price_points.min(start.saturating_add(limit.min(MAX_BATCH)));
        let mut out = Vec::new(e);
        let mut i = start;
        while i < end {
            if let Some(p) = e.storage().persistent().get(&DataKey::PriceHistory(flight_id, i)) {
                out.push_back(p);
            }
            i += 1;
        }
        out
    }

    pub fn price_cooldown(e: &Env) -> u64 {
        e.storage().instance().get(&DataKey::PriceCooldown).unwrap_or(0)
    }

    #[only_admin]
    pub fn set_price_cooldown(e: &Env, seconds: u64) {
        e.storage().instance().set(&DataKey::PriceCooldown, &seconds);
        ttl::bump_instance(e);
        PriceCooldownSet { seconds }.publish(e);
    }

    pub fn storage_version(e: &Env) -> u32 {
        upgradeable::get_schema_version(e)
    }

    /// Migration entry point run by the admin after an upgrade; idempotent per version.
    #[only_admin]
    pub fn migrate(e: &Env) {
        if upgradeable::get_schema_version(e) >= STORAGE_VERSION {
            fail(e, AirlineError::AlreadyMigrated);
        }
        upgradeable::set_schema_version(e, STORAGE_VERSION);
        ttl::bump_instance(e);
    }
}

#[contractimpl(contracttrait)]
impl AccessControl for AirlineRegistry {}

traqora_common::admin_pausable_upgradeable!(AirlineRegistry);

#[cfg(test)]
mod test;
