//! Footprints in the two worlds, keyed the devnet's way.
//!
//! The test host's footprint is what a host records running the call on the World's ledger as it
//! was just before `pay_quoted` (soroban-sdk's `Env` resets its footprint at each top-level call
//! but keeps it private): `e2e_invoke`'s recording mode, auths recorded as `mock_all_auths`
//! records them. Its counts are checked against what the World's `Env` metered for the call.
//!
//! Each test-host key is translated to the devnet key for the same thing:
//! * contract instances and contract data: the contract's and any address in the key mapped;
//! * contract code: the same key (the same wasm, so the same hash);
//! * the Stellar Asset Contract's balance of a holder that is a `G…` account on the devnet (the
//!   passenger): that account's USDC trustline — a classic entry, read from disk;
//! * an account (the stablecoin's issuer, whose flags the asset contract reads): the devnet's;
//! * an auth nonce: kept apart (the devnet's source-account authorisation has none).

use soroban_env_host::budget::Budget;
use soroban_env_host::e2e_invoke::{invoke_host_function_in_recording_mode, RecordingInvocationAuthMode};
use soroban_env_host::xdr::{
    AccountId, ContractDataDurability, LedgerFootprint, LedgerKey, LedgerKeyContractData, Limits, ScAddress, ScVal,
    WriteXdr,
};
use std::rc::Rc;
use traqora_devnet::genesis::{key, trustline_key};

use super::pair::{AddressMap, HostRun, WorldSnapshot};

/// The test host's footprint of the call.
pub fn host_footprint(h: &HostRun) -> LedgerFootprint {
    let mut diagnostics = vec![];
    let source: AccountId = key("root").account_id(); // not an authoriser: every auth is an address's
    let rec = invoke_host_function_in_recording_mode(
        &Budget::default(),
        false,
        &h.host_fn,
        &source,
        RecordingInvocationAuthMode::Recording(false),
        h.ledger.clone(),
        Rc::new(WorldSnapshot::new(&h.before)),
        [7; 32],
        &mut diagnostics,
    )
    .expect("the recording run");
    rec.invoke_result.as_ref().expect("pay_quoted succeeds in the recording run");
    rec.resources.footprint
}

pub fn is_nonce(k: &LedgerKey) -> bool {
    matches!(k, LedgerKey::ContractData(d) if matches!(d.key, ScVal::LedgerKeyNonce(_)))
}

/// The devnet key for the same thing as test-host key `k` (nonces are not translated).
pub fn to_devnet(map: &AddressMap, host_usdc: &ScAddress, k: &LedgerKey) -> LedgerKey {
    match k {
        LedgerKey::ContractCode(_) => k.clone(),
        LedgerKey::ContractData(d) => {
            if &d.contract == host_usdc {
                if let Some(ScAddress::Account(id)) = balance_holder(&d.key).and_then(|h| map.devnet(&h)) {
                    return trustline_key(id);
                }
            }
            LedgerKey::ContractData(LedgerKeyContractData {
                contract: map.devnet(&d.contract).cloned().unwrap_or_else(|| panic!("no devnet counterpart for {:?}", d.contract)),
                key: map.value(&d.key),
                durability: d.durability,
            })
        }
        LedgerKey::Account(a) => match map.devnet(&ScAddress::Account(a.account_id.clone())) {
            Some(ScAddress::Account(id)) => traqora_devnet::ledger::account_key(id),
            _ => panic!("no devnet account for {:?}", a.account_id),
        },
        other => panic!("the World has only contract entries and accounts, not {other:?}"),
    }
}

/// The holder of a Stellar Asset Contract balance key `["Balance", holder]`.
fn balance_holder(k: &ScVal) -> Option<ScAddress> {
    let ScVal::Vec(Some(v)) = k else { return None };
    match (v.first(), v.get(1)) {
        (Some(ScVal::Symbol(s)), Some(ScVal::Address(a))) if s.0.as_slice() == b"Balance" => Some(a.clone()),
        _ => None,
    }
}

/// A short name for a devnet key, for the printed table and failure messages.
pub fn describe(map: &AddressMap, k: &LedgerKey) -> String {
    let who = |a: &ScAddress| map.role(a).map(str::to_string).unwrap_or_else(|| traqora_devnet::keys::address_strkey(a));
    match k {
        LedgerKey::ContractCode(c) => format!("code {}", &traqora_devnet::node::hex(&c.hash.0)[..12]),
        LedgerKey::ContractData(d) => match (&d.key, d.durability) {
            (ScVal::LedgerKeyContractInstance, _) => format!("{} instance", who(&d.contract)),
            (ScVal::LedgerKeyNonce(_), _) => format!("{} auth nonce", who(&d.contract)),
            (key, ContractDataDurability::Persistent) => format!("{} data {}", who(&d.contract), short(map, key)),
            (key, ContractDataDurability::Temporary) => format!("{} temporary {}", who(&d.contract), short(map, key)),
        },
        LedgerKey::Trustline(t) => format!("{} USDC trustline", who(&ScAddress::Account(t.account_id.clone()))),
        LedgerKey::Account(a) => format!("{} account", who(&ScAddress::Account(a.account_id.clone()))),
        other => format!("{other:?}"),
    }
}

fn short(map: &AddressMap, v: &ScVal) -> String {
    match v {
        ScVal::Symbol(s) => String::from_utf8_lossy(s.0.as_slice()).into_owned(),
        ScVal::Address(a) => map.role(a).unwrap_or("?").to_string(),
        ScVal::U32(n) => n.to_string(),
        ScVal::U64(n) => n.to_string(),
        ScVal::Vec(Some(items)) => format!("[{}]", items.iter().map(|i| short(map, i)).collect::<Vec<_>>().join(", ")),
        other => format!("{other:?}"),
    }
}

/// Keys in a stable order (their XDR), for set comparisons.
pub fn sorted(keys: impl IntoIterator<Item = LedgerKey>) -> Vec<LedgerKey> {
    let mut v: Vec<LedgerKey> = keys.into_iter().collect();
    v.sort_by_key(|k| k.to_xdr(Limits::none()).unwrap());
    v.dedup();
    v
}
