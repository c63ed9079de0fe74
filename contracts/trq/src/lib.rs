//! TRQ: Traqora's governance token — a SEP-41 fungible token with votes, delegation and
//! checkpoints, built entirely from OpenZeppelin's `FungibleToken<ContractType = FungibleVotes>`
//! and `Votes`.
//!
//! * Voting power counts only once delegated: holders call `delegate(account, account)` to vote
//!   themselves. Checkpoints are by **ledger sequence**; the governor and the disputes jury read
//!   `get_votes_at_checkpoint` at a past ledger, so buying tokens after a snapshot buys no vote.
//! * Supply is capped (OZ `capped`); only the admin (the admin multisig) mints.
#![no_std]

use soroban_sdk::{
    contract, contracterror, contractimpl, panic_with_error, Address, Env, MuxedAddress,
    String, Symbol, Vec,
};
use stellar_access::access_control::{self as access, AccessControl};
use stellar_contract_utils::upgradeable;
use stellar_governance::votes::{self, Votes};
use stellar_macros::only_admin;
use stellar_tokens::fungible::{capped, votes::FungibleVotes, Base, ContractOverrides, FungibleToken};
use traqora_common::ttl;

pub const STORAGE_VERSION: u32 = 1;
pub const DECIMALS: u32 = 7;

#[contracterror]
#[derive(Copy, Clone, Debug, Eq, PartialEq, PartialOrd, Ord)]
#[repr(u32)]
pub enum TrqError {
    AlreadyMigrated = 1,
}

#[contract]
pub struct TrqToken;

#[contractimpl]
impl TrqToken {
    /// `admin` is the admin multisig; `initial_supply` goes to `treasury`; `cap` bounds all minting.
    pub fn __constructor(e: &Env, admin: Address, treasury: Address, initial_supply: i128, cap: i128) {
        access::set_admin(e, &admin);
        Base::set_metadata(e, DECIMALS, String::from_str(e, "Traqora"), String::from_str(e, "TRQ"));
        capped::set_cap(e, cap);
        if initial_supply > 0 {
            capped::check_cap(e, initial_supply, 0);
            FungibleVotes::mint(e, &treasury, initial_supply);
        }
        upgradeable::set_schema_version(e, STORAGE_VERSION);
        ttl::bump_instance(e);
    }

    #[only_admin]
    pub fn mint(e: &Env, to: Address, amount: i128) {
        capped::check_cap(e, amount, Base::total_supply(e));
        FungibleVotes::mint(e, &to, amount);
        ttl::bump_instance(e);
    }

    pub fn cap(e: &Env) -> i128 {
        capped::query_cap(e)
    }

    pub fn storage_version(e: &Env) -> u32 {
        upgradeable::get_schema_version(e)
    }

    #[only_admin]
    pub fn migrate(e: &Env) {
        if upgradeable::get_schema_version(e) >= STORAGE_VERSION {
            panic_with_error!(e, TrqError::AlreadyMigrated);
        }
        upgradeable::set_schema_version(e, STORAGE_VERSION);
        ttl::bump_instance(e);
    }
}

/// OpenZeppelin's SEP-41 + votes behaviour; the overrides only add the instance-TTL bump OZ
/// leaves to the contract (a token used only through transfers would otherwise let it lapse).
#[contractimpl(contracttrait)]
impl FungibleToken for TrqToken {
    type ContractType = FungibleVotes;

    fn transfer(e: &Env, from: Address, to: MuxedAddress, amount: i128) {
        ttl::bump_instance(e);
        <FungibleVotes as ContractOverrides>::transfer(e, &from, &to, amount);
    }

    fn transfer_from(e: &Env, spender: Address, from: Address, to: Address, amount: i128) {
        ttl::bump_instance(e);
        <FungibleVotes as ContractOverrides>::transfer_from(e, &spender, &from, &to, amount);
    }
}

#[contractimpl(contracttrait)]
impl Votes for TrqToken {
    fn delegate(e: &Env, account: Address, delegatee: Address) {
        ttl::bump_instance(e);
        votes::delegate(e, &account, &delegatee);
    }
}

#[contractimpl(contracttrait)]
impl AccessControl for TrqToken {}

traqora_common::admin_upgradeable!(TrqToken);

#[cfg(test)]
mod test;
