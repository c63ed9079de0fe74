//! Where the disputes contract keeps its state: the config and id counter in instance storage;
//! disputes, evidence, juror votes and round results in persistent entries, each extended when
//! touched.

use soroban_sdk::{contracttype, Address, Env};
use traqora_common::ttl;

use crate::types::{fail, Dispute, DisputeConfig, DisputeError};

#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub enum DataKey {
    Config,
    NextId,
    Dispute(u64),
    BookingDispute(u64),
    Evidence(u64, u32),
    Juror(u64, u32, Address),
    Round(u64, u32),
}

pub(crate) fn config(e: &Env) -> DisputeConfig {
    e.storage().instance().get(&DataKey::Config).expect("constructed")
}

pub(crate) fn load(e: &Env, id: u64) -> Dispute {
    let key = DataKey::Dispute(id);
    let d = e.storage().persistent().get(&key).unwrap_or_else(|| fail(e, DisputeError::DisputeNotFound));
    ttl::bump_persistent(e, &key);
    d
}

pub(crate) fn save(e: &Env, d: &Dispute) {
    let key = DataKey::Dispute(d.id);
    e.storage().persistent().set(&key, d);
    ttl::bump_persistent(e, &key);
}

pub(crate) fn set_persistent<V: soroban_sdk::IntoVal<Env, soroban_sdk::Val>>(e: &Env, key: &DataKey, v: &V) {
    e.storage().persistent().set(key, v);
    ttl::bump_persistent(e, key);
}
