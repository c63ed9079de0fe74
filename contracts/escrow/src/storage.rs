//! Where the escrow keeps its state: the config and running total in instance storage, one
//! persistent entry per booking. Every read or write of a booking extends its TTL.

use soroban_sdk::{contracttype, Env, Symbol};
use traqora_common::{ttl, Booking};

use crate::events::ConfigChanged;
use crate::types::{fail, EscrowConfig, EscrowError, Sponsorship, MAX_FEE_BPS};

#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub enum DataKey {
    Config,
    TotalHeld,
    Booking(u64),
    /// The platform's ed25519 public key that signs `pay_quoted` quotes (instance storage). Kept
    /// out of `EscrowConfig` so the config's layout, and the constructor, stay as deployed.
    QuoteSigner,
    /// The sponsor's part of a quoted booking (`Sponsorship`, persistent), written only for a
    /// booking paid partly by a sponsor. Bookings without one are stored exactly as before.
    Sponsored(u64),
}

pub(crate) fn config(e: &Env) -> EscrowConfig {
    e.storage().instance().get(&DataKey::Config).expect("constructed")
}

pub(crate) fn set_config(e: &Env, cfg: &EscrowConfig, field: Symbol) {
    if cfg.fee_bps > MAX_FEE_BPS || cfg.large_refund_threshold < 0 {
        fail(e, EscrowError::InvalidConfig);
    }
    e.storage().instance().set(&DataKey::Config, cfg);
    ttl::bump_instance(e);
    ConfigChanged { field, config: cfg.clone() }.publish(e);
}

pub(crate) fn load(e: &Env, booking_id: u64) -> Result<Booking, EscrowError> {
    let key = DataKey::Booking(booking_id);
    let b = e.storage().persistent().get(&key).ok_or(EscrowError::BookingNotFound)?;
    ttl::bump_persistent(e, &key);
    Ok(b)
}

pub(crate) fn load_or_fail(e: &Env, booking_id: u64) -> Booking {
    load(e, booking_id).unwrap_or_else(|err| fail(e, err))
}

pub(crate) fn save(e: &Env, b: &Booking) {
    let key = DataKey::Booking(b.id);
    e.storage().persistent().set(&key, b);
    ttl::bump_persistent(e, &key);
}

pub(crate) fn total_held(e: &Env) -> i128 {
    e.storage().instance().get(&DataKey::TotalHeld).unwrap_or(0)
}

pub(crate) fn add_held(e: &Env, delta: i128) {
    let next = total_held(e).checked_add(delta).expect("overflow");
    assert!(next >= 0, "negative escrow total");
    e.storage().instance().set(&DataKey::TotalHeld, &next);
}

/// Written at payment with the booking's TTL policy. Read (and extended) by the refunds, the only
/// payouts that need it: a release pays the airline the booking's whole amount either way.
pub(crate) fn save_sponsorship(e: &Env, booking_id: u64, s: &Sponsorship) {
    let key = DataKey::Sponsored(booking_id);
    e.storage().persistent().set(&key, s);
    ttl::bump_persistent(e, &key);
}

pub(crate) fn sponsorship(e: &Env, booking_id: u64) -> Option<Sponsorship> {
    let key = DataKey::Sponsored(booking_id);
    let s: Option<Sponsorship> = e.storage().persistent().get(&key);
    if s.is_some() {
        ttl::bump_persistent(e, &key);
    }
    s
}
