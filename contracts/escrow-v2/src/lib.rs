//! Escrow "v2", a test fixture that is never deployed: the code the wasm upgrade test installs
//! over a live escrow through the admin multisig (`wasm-tests/tests/upgrade.rs`).
//!
//! It does what a real next version must do (contracts/README.md, *Upgrades*): declare the v1
//! storage types it reads, so stored bookings decode unchanged; convert what changes in
//! `migrate`, once, guarded by the OZ schema version (here the config gains `min_amount`); keep an
//! admin-gated `upgrade`. It is not a full escrow: only what the test reads is here. It cannot
//! import `traqora-escrow`, because a contract crate linked into another wasm exports its entry
//! points there too (stellar/rs-soroban-sdk#1439).
#![no_std]

use soroban_sdk::{contract, contracterror, contractimpl, contracttype, panic_with_error, Address, Env};
use stellar_contract_utils::upgradeable;
use stellar_macros::only_admin;
use traqora_common::Booking;

pub const STORAGE_VERSION: u32 = 2;

#[contracterror]
#[derive(Copy, Clone, Debug, Eq, PartialEq)]
#[repr(u32)]
pub enum EscrowV2Error {
    BookingNotFound = 1,
    AlreadyMigrated = 14,
}

/// v1's `EscrowConfig`, field for field: what v1 stored under `DataKey::Config`.
#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct EscrowConfig {
    pub token: Address,
    pub treasury: Address,
    pub flights: Address,
    pub receipts: Option<Address>,
    pub fee_bps: u32,
    pub large_refund_threshold: i128,
    pub refund_delay: u64,
    pub settlement_window: u64,
}

/// v2's config: v1's plus a minimum booking amount.
#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct EscrowConfigV2 {
    pub v1: EscrowConfig,
    pub min_amount: i128,
}

/// v1's keys (same variant names, so the same stored keys) and v2's new one.
#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub enum DataKey {
    Config,
    TotalHeld,
    Booking(u64),
    QuoteSigner,
    ConfigV2,
}

#[contract]
pub struct EscrowV2;

#[contractimpl]
impl EscrowV2 {
    /// Converts v1's config into v2's, once per storage version.
    #[only_admin]
    pub fn migrate(e: &Env) {
        if upgradeable::get_schema_version(e) >= STORAGE_VERSION {
            panic_with_error!(e, EscrowV2Error::AlreadyMigrated);
        }
        let old: EscrowConfig = e.storage().instance().get(&DataKey::Config).expect("v1 config");
        e.storage().instance().set(&DataKey::ConfigV2, &EscrowConfigV2 { v1: old, min_amount: 1 });
        e.storage().instance().remove(&DataKey::Config);
        upgradeable::set_schema_version(e, STORAGE_VERSION);
    }

    pub fn version(_e: &Env) -> u32 {
        2
    }

    pub fn storage_version(e: &Env) -> u32 {
        upgradeable::get_schema_version(e)
    }

    pub fn get_booking(e: &Env, booking_id: u64) -> Booking {
        e.storage()
            .persistent()
            .get(&DataKey::Booking(booking_id))
            .unwrap_or_else(|| panic_with_error!(e, EscrowV2Error::BookingNotFound))
    }

    pub fn total_held(e: &Env) -> i128 {
        e.storage().instance().get(&DataKey::TotalHeld).unwrap_or(0)
    }

    pub fn config_v2(e: &Env) -> Option<EscrowConfigV2> {
        e.storage().instance().get(&DataKey::ConfigV2)
    }
}

traqora_common::admin_upgradeable!(EscrowV2);
