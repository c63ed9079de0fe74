//! Writes what the TypeScript app consumes from the contracts, from native builds:
//!
//! * `spec/<contract>.json` — a JSON array of base64 `ScSpecEntry` XDR strings, the input of
//!   `new contract.Spec(entries)` in `@stellar/stellar-sdk`;
//! * `fixtures/events/<contract>.json` — events really emitted in test scenarios, in the shape of
//!   RPC `getEvents` results (topics and value as base64 `ScVal` XDR);
//! * `fixtures/quotes/pay_quoted.json` — a platform-signed payment quote, its XDR and signature
//!   (`tests/quote_fixture.rs`), for the app's quote encoder and signer.
//!
//! The exports are golden files: [`check_export`] compares a fresh export with the committed file
//! and fails on any difference, unless `UPDATE_EXPORTS=1` is set, in which case it rewrites it.

pub mod costs;
pub mod world;

use soroban_sdk::testutils::Events as _;
use soroban_sdk::xdr::{ContractEventBody, Limits, ReadXdr, ScSpecEntry, WriteXdr};
use soroban_sdk::{Address, Env};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Root of the contracts workspace (`contracts/`).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// Validates every raw spec entry and renders the JSON array of base64 entries.
pub fn spec_json(raw: &[&[u8]]) -> String {
    let entries: Vec<String> = raw
        .iter()
        .map(|bytes| {
            let entry = ScSpecEntry::from_xdr(*bytes, Limits::none()).expect("valid ScSpecEntry");
            entry.to_xdr_base64(Limits::none()).unwrap()
        })
        .collect();
    json_array(entries.iter().map(|s| json_string(s)))
}

/// Names of the functions in a spec, for completeness checks.
pub fn spec_function_names(raw: &[&[u8]]) -> Vec<String> {
    raw.iter()
        .filter_map(|bytes| match ScSpecEntry::from_xdr(*bytes, Limits::none()).unwrap() {
            ScSpecEntry::FunctionV0(f) => Some(f.name.to_utf8_string_lossy()),
            _ => None,
        })
        .collect()
}

/// Compares `content` with the committed file at `relative` (under `contracts/`); rewrites it
/// instead when `UPDATE_EXPORTS=1`.
pub fn check_export(relative: &str, content: &str) {
    let path = workspace_root().join(relative);
    if std::env::var("UPDATE_EXPORTS").map(|v| v == "1").unwrap_or(false) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, content).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != content {
        panic!(
            "{relative} differs from a fresh export. If the contract change is intended, run \
             `UPDATE_EXPORTS=1 cargo test -p traqora-exports` in contracts/ and commit the result."
        );
    }
}

/// Collects the events of the Traqora contracts, call by call, in `getEvents` shape.
///
/// The test host keeps only the events of the last top-level invocation, so a scenario calls
/// [`EventRecorder::record`] right after every call whose events it wants.
pub struct EventRecorder {
    /// contract name -> rendered event objects
    by_contract: BTreeMap<String, Vec<String>>,
    names: Vec<(Address, String)>,
    ledger: u32,
}

impl EventRecorder {
    pub fn new() -> Self {
        EventRecorder { by_contract: BTreeMap::new(), names: Vec::new(), ledger: 1_000 }
    }

    /// Events of `address` are written to `fixtures/events/<name>.json`.
    pub fn watch(&mut self, address: &Address, name: &str) {
        self.names.push((address.clone(), name.to_string()));
        self.by_contract.entry(name.to_string()).or_default();
    }

    /// Records the events of the last top-level call, naming the function that was called.
    /// Each call is given its own ledger so the ids are unique and ordered.
    pub fn record(&mut self, env: &Env, function: &str) {
        self.ledger += 1;
        let all = env.events().all();
        let mut index = 0u32;
        for (address, name) in self.names.clone() {
            for ev in all.filter_by_contract(&address).events() {
                let ContractEventBody::V0(body) = &ev.body;
                let topics: Vec<String> =
                    body.topics.iter().map(|t| t.to_xdr_base64(Limits::none()).unwrap()).collect();
                let value = body.data.to_xdr_base64(Limits::none()).unwrap();
                let contract_id = ev.contract_id.as_ref().map(|c| c.to_string()).unwrap_or_default();
                let timestamp = env.ledger().timestamp();
                let tx_hash = format!("{:064x}", self.ledger as u128 * 1_000_003 + index as u128);
                // RPC event ids: the 19-digit TOID of the operation, then the event index.
                let event_id = format!("{:019}-{:010}", (self.ledger as u64) << 32, index);
                let topic_json = topics.iter().map(|t| json_string(t)).collect::<Vec<_>>().join(",");
                let obj = format!(
                    "{{\"type\":\"contract\",\"ledger\":{ledger},\"ledgerClosedAt\":{closed},\
                     \"contractId\":{cid},\"id\":{id},\"pagingToken\":{id},\"operationIndex\":0,\
                     \"transactionIndex\":0,\"txHash\":{tx},\"inSuccessfulContractCall\":true,\
                     \"topic\":{topic},\"value\":{value},\"function\":{func}}}",
                    ledger = self.ledger,
                    closed = json_string(&iso8601(timestamp)),
                    cid = json_string(&contract_id),
                    id = json_string(&event_id),
                    tx = json_string(&tx_hash),
                    topic = format_args!("[{topic_json}]"),
                    value = json_string(&value),
                    func = json_string(function),
                );
                self.by_contract.entry(name.clone()).or_default().push(obj);
                index += 1;
            }
        }
    }

    /// Checks (or rewrites) every watched contract's fixture file.
    pub fn check(&self) {
        for (name, events) in &self.by_contract {
            assert!(!events.is_empty(), "scenario recorded no events for {name}");
            let body = format!("[\n  {}\n]\n", events.join(",\n  "));
            check_export(&format!("fixtures/events/{name}.json"), &body);
        }
    }
}

impl Default for EventRecorder {
    fn default() -> Self {
        Self::new()
    }
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn json_array(items: impl Iterator<Item = String>) -> String {
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        "[]".to_string()
    } else {
        format!("[\n  {}\n]\n", items.join(",\n  "))
    }
}

/// Unix seconds to `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian, UTC).
pub fn iso8601(ts: u64) -> String {
    let days = (ts / 86_400) as i64;
    let secs = ts % 86_400;
    // Howard Hinnant's civil_from_days
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3_600,
        (secs % 3_600) / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn iso8601_formats_utc() {
        assert_eq!(super::iso8601(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::iso8601(1_798_761_600), "2027-01-01T00:00:00Z");
    }
}
