//! Building the `ScVal`s the contracts' constructors and admin calls take, as soroban-sdk
//! encodes them: a `#[contracttype]` struct is a map with its field names as symbols, sorted;
//! an enum variant with data is a vector of its name and the data.

use soroban_env_host::xdr::{Int128Parts, ScAddress, ScMap, ScMapEntry, ScString, ScSymbol, ScVal, UInt128Parts};

pub fn sym(s: &str) -> ScVal {
    ScVal::Symbol(ScSymbol(s.try_into().expect("a short symbol")))
}

pub fn addr(a: &ScAddress) -> ScVal {
    ScVal::Address(a.clone())
}

pub fn i128(v: i128) -> ScVal {
    ScVal::I128(Int128Parts { hi: (v >> 64) as i64, lo: v as u64 })
}

pub fn u128(v: u128) -> ScVal {
    ScVal::U128(UInt128Parts { hi: (v >> 64) as u64, lo: v as u64 })
}

pub fn bytes(b: &[u8]) -> ScVal {
    ScVal::Bytes(b.to_vec().try_into().unwrap())
}

pub fn string(s: &str) -> ScVal {
    ScVal::String(ScString(s.try_into().unwrap()))
}

pub fn vec(items: Vec<ScVal>) -> ScVal {
    ScVal::Vec(Some(items.try_into().unwrap()))
}

/// A `#[contracttype]` struct: fields sorted by name, as the host requires of maps.
pub fn record(fields: Vec<(&str, ScVal)>) -> ScVal {
    let mut fields = fields;
    fields.sort_by(|a, b| a.0.cmp(b.0));
    let entries: Vec<ScMapEntry> = fields.into_iter().map(|(k, v)| ScMapEntry { key: sym(k), val: v }).collect();
    ScVal::Map(Some(ScMap(entries.try_into().unwrap())))
}

pub fn variant(name: &str, data: Vec<ScVal>) -> ScVal {
    let mut v = vec![sym(name)];
    v.extend(data);
    vec(v)
}

pub fn option(v: Option<ScVal>) -> ScVal {
    v.unwrap_or(ScVal::Void)
}
