//! Loyalty ledger: each member's points and tier, mirrored on chain from Traqora's off-chain
//! loyalty engine so anyone can verify a balance.
//!
//! * Points are an OpenZeppelin fungible token whose transfer surface is refused
//!   (`NonTransferable`): `balance(member)` is the member's points, `total_supply()` all points.
//! * Only accounts holding the `syncer` role (granted by the admin multisig) write, with
//!   `sync_member` / `batch_sync_members`: each update carries the member's absolute points and
//!   tier and a strictly increasing `sync_seq` (the engine's ledger version), so replays and
//!   out-of-order updates are rejected and on-chain state converges to the engine's.
//! * Anyone reads: `get_member`, `balance`, `tier_of`.
//!
//! Invariants: `sum(balance) == total_supply`; a member's `sync_seq` only increases; points are
//! never negative and never move between members.
#![no_std]

use soroban_sdk::{
    contract, contracterror, contractevent, contractimpl, contracttype, panic_with_error,
    symbol_short, Address, Env, MuxedAddress, String, Symbol, Vec,
};
use stellar_access::access_control::{self as access, AccessControl};
use stellar_contract_utils::upgradeable;
use stellar_macros::{only_admin, when_not_paused};
use stellar_tokens::fungible::{burnable::emit_burn, Base, FungibleToken};
use traqora_common::{ttl, BatchItemResult, MAX_BATCH};

pub const STORAGE_VERSION: u32 = 1;
pub const SYNCER_ROLE: Symbol = symbol_short!("syncer");

#[contracterror]
#[derive(Copy, Clone, Debug, Eq, PartialEq, PartialOrd, Ord)]
#[repr(u32)]
pub enum LoyaltyError {
    NonTransferable = 1,
    NotSyncer = 2,
    StaleSync = 3,
    NegativePoints = 4,
    BatchTooLarge = 5,
    EmptyBatch = 6,
    AlreadyMigrated = 7,
}

#[contracttype]
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
#[repr(u32)]
pub enum Tier {
    Member = 0,
    Silver = 1,
    Gold = 2,
    Platinum = 3,
}

#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct MemberSync {
    pub member: Address,
    /// Absolute points after this update.
    pub points: i128,
    pub tier: Tier,
    /// Off-chain engine version of this member's state; must exceed the stored one.
    pub sync_seq: u64,
}

#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct MemberRecord {
    pub points: i128,
    pub tier: Tier,
    pub sync_seq: u64,
    pub updated_at: u64,
}

#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub enum DataKey {
    Member(Address),
}

#[contractevent(topics = ["loyalty", "synced"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct MemberSynced {
    #[topic]
    pub member: Address,
    pub points: i128,
    pub tier: Tier,
    pub sync_seq: u64,
}

#[contract]
pub struct Loyalty;

fn fail(e: &Env, err: LoyaltyError) -> ! {
    panic_with_error!(e, err)
}

fn record(e: &Env, member: &Address) -> Option<MemberRecord> {
    e.storage().persistent().get(&DataKey::Member(member.clone()))
}

fn apply(e: &Env, u: &MemberSync) -> Result<(), LoyaltyError> {
    if u.points < 0 {
        return Err(LoyaltyError::NegativePoints);
    }
    let prev = record(e, &u.member);
    if let Some(p) = &prev {
        if u.sync_seq <= p.sync_seq {
            return Err(LoyaltyError::StaleSync);
        }
    }
    let current = Base::balance(e, &u.member);
    if u.points > current {
        Base::mint(e, &u.member, u.points - current);
    } else if u.points < current {
        Base::update(e, Some(&u.member), None, current - u.points);
        emit_burn(e, &u.member, current - u.points);
    }
    let key = DataKey::Member(u.member.clone());
    let rec = MemberRecord { points: u.points, tier: u.tier, sync_seq: u.sync_seq, updated_at: e.ledger().timestamp() };
    e.storage().persistent().set(&key, &rec);
    ttl::bump_persistent(e, &key);
    MemberSynced { member: u.member.clone(), points: u.points, tier: u.tier, sync_seq: u.sync_seq }.publish(e);
    Ok(())
}

fn require_syncer(e: &Env, syncer: &Address) {
    syncer.require_auth();
    if access::has_role(e, syncer, &SYNCER_ROLE).is_none() {
        fail(e, LoyaltyError::NotSyncer);
    }
}

#[contractimpl]
impl Loyalty {
    /// `admin` is the admin multisig, which grants `syncer` to the platform's sync account.
    pub fn __constructor(e: &Env, admin: Address) {
        access::set_admin(e, &admin);
        Base::set_metadata(e, 0, String::from_str(e, "Traqora Points"), String::from_str(e, "TQP"));
        upgradeable::set_schema_version(e, STORAGE_VERSION);
        ttl::bump_instance(e);
    }

    #[when_not_paused]
    pub fn sync_member(e: &Env, syncer: Address, update: MemberSync) {
        require_syncer(e, &syncer);
        ttl::bump_instance(e);
        apply(e, &update).unwrap_or_else(|err| fail(e, err));
    }

    /// Up to `MAX_BATCH` updates; each reports its own result (`id` is the item's index).
    #[when_not_paused]
    pub fn batch_sync_members(e: &Env, syncer: Address, updates: Vec<MemberSync>) -> Vec<BatchItemResult> {
        require_syncer(e, &syncer);
        ttl::bump_instance(e);
        if updates.is_empty() {
            fail(e, LoyaltyError::EmptyBatch);
        }
        if updates.len() > MAX_BATCH {
            fail(e, LoyaltyError::BatchTooLarge);
        }
        let mut out = Vec::new(e);
        for (i, u) in updates.iter().enumerate() {
            let error = match apply(e, &u) {
                Ok(()) => 0,
                Err(err) => err as u32,
            };
            out.push_back(BatchItemResult { id: i as u64, error });
        }
        out
    }

    pub fn get_member(e: &Env, member: Address) -> Option<MemberRecord> {
        record(e, &member)
    }

    pub fn tier_of(e: &Env, member: Address) -> Tier {
        record(e, &member).map(|r| r.tier).unwrap_or(Tier::Member)
    }

    pub fn storage_version(e: &Env) -> u32 {
        upgradeable::get_schema_version(e)
    }

    #[only_admin]
    pub fn migrate(e: &Env) {
        if upgradeable::get_schema_version(e) >= STORAGE_VERSION {
            fail(e, LoyaltyError::AlreadyMigrated);
        }
        upgradeable::set_schema_version(e, STORAGE_VERSION);
        ttl::bump_instance(e);
    }
}

/// OpenZeppelin fungible token with the transfer surface refused: points belong to one member.
#[contractimpl(contracttrait)]
impl FungibleToken for Loyalty {
    type ContractType = Base;

    fn transfer(e: &Env, _from: Address, _to: MuxedAddress, _amount: i128) {
        fail(e, LoyaltyError::NonTransferable)
    }

    fn transfer_from(e: &Env, _spender: Address, _from: Address, _to: Address, _amount: i128) {
        fail(e, LoyaltyError::NonTransferable)
    }

    fn approve(e: &Env, _owner: Address, _spender: Address, _amount: i128, _live_until_ledger: u32) {
        fail(e, LoyaltyError::NonTransferable)
    }
}

#[contractimpl(contracttrait)]
impl AccessControl for Loyalty {}

traqora_common::admin_pausable_upgradeable!(Loyalty);

#[cfg(test)]
mod test;
