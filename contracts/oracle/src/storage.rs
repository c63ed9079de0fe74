//! Where the oracle keeps its state: the config in instance storage, one persistent entry per
//! provider and per reported flight. Every read or write of an entry extends its TTL.

use soroban_sdk::{contracttype, Address, Env};
use traqora_common::ttl;

use crate::types::{FlightReport, OracleConfig, Provider};

#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub enum DataKey {
    Config,
    Provider(Address),
    Flight(u64),
}

pub(crate) fn config(e: &Env) -> OracleConfig {
    e.storage().instance().get(&DataKey::Config).expect("constructed")
}

pub(crate) fn provider(e: &Env, who: &Address) -> Option<Provider> {
    let key = DataKey::Provider(who.clone());
    let p = e.storage().persistent().get(&key);
    if p.is_some() {
        ttl::bump_persistent(e, &key);
    }
    p
}

pub(crate) fn save_provider(e: &Env, who: &Address, p: &Provider) {
    let key = DataKey::Provider(who.clone());
    e.storage().persistent().set(&key, p);
    ttl::bump_persistent(e, &key);
}

pub(crate) fn report(e: &Env, flight_id: u64) -> Option<FlightReport> {
    let key = DataKey::Flight(flight_id);
    let r = e.storage().persistent().get(&key);
    if r.is_some() {
        ttl::bump_persistent(e, &key);
    }
    r
}

pub(crate) fn save_report(e: &Env, r: &FlightReport) {
    let key = DataKey::Flight(r.flight_id);
    e.storage().persistent().set(&key, r);
    ttl::bump_persistent(e, &key);
}
