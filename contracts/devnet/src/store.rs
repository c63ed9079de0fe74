//! Optional persistence: the whole state as one JSON file (entries as XDR), written atomically
//! (temporary file, then rename) after ledgers that changed something, read back on start.

use std::path::Path;

use serde_json::{json, Value};
use soroban_env_host::xdr::{LedgerEntry, LedgerKey, Limits, ReadXdr};

use crate::events::Event;
use crate::node::{Node, TxRecord};
use crate::simulate::b64;

pub fn save(node: &Node, path: &Path) -> std::io::Result<()> {
    let entries: Vec<Value> = node
        .entries
        .0
        .values()
        .map(|s| json!([b64(&*s.entry), s.live_until]))
        .collect();
    let txs: Vec<Value> = node
        .txs
        .values()
        .map(|t| {
            json!({
                "hash": t.hash, "successful": t.successful, "ledger": t.ledger, "closeTime": t.close_time, "order": t.order,
                "envelope": t.envelope, "result": t.result, "meta": t.meta, "events": t.events,
                "diagnosticEvents": t.diagnostic_events, "feeCharged": t.fee_charged, "eventsFee": t.refundable.events,
                "rentFee": t.refundable.rent, "cpuInsns": t.cpu_insns,
                "memBytes": t.mem_bytes, "error": t.error,
            })
        })
        .collect();
    let events: Vec<Value> = node
        .events
        .iter()
        .map(|e| json!([e.id, e.ledger, e.close_time, e.tx_hash, e.transaction_index, e.kind, e.contract_id, e.topic, e.value]))
        .collect();
    let state = json!({
        "passphrase": node.settings.passphrase, "ledger": node.ledger, "closeTime": node.close_time,
        "oldest": node.oldest, "entries": entries, "txs": txs, "events": events, "manifest": node.manifest,
    });
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, serde_json::to_vec(&state)?)?;
    std::fs::rename(&tmp, path)
}

/// Restores `node` from `path`. Transactions that were waiting when the file was written were
/// never applied and are gone, as they would be from a restarted validator's queue.
pub fn load(node: &mut Node, path: &Path) -> Result<(), String> {
    let state: Value = serde_json::from_slice(&std::fs::read(path).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
    if state["passphrase"] != json!(node.settings.passphrase) {
        return Err(format!("{} belongs to another network ({})", path.display(), state["passphrase"]));
    }
    let u = |v: &Value| v.as_u64().unwrap_or(0);
    let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
    for e in state["entries"].as_array().ok_or("no entries")? {
        let entry = LedgerEntry::from_xdr_base64(e[0].as_str().unwrap_or_default(), Limits::none()).map_err(|e| e.to_string())?;
        let key: LedgerKey = crate::ledger::key_of(&entry).ok_or("an entry of an unsupported type")?;
        node.entries.put(&key, entry, e[1].as_u64().map(|l| l as u32));
    }
    for t in state["txs"].as_array().ok_or("no txs")? {
        let strings = |v: &Value| v.as_array().map(|a| a.iter().map(s).collect()).unwrap_or_default();
        let rec = TxRecord {
            hash: s(&t["hash"]),
            successful: t["successful"].as_bool().unwrap_or(false),
            ledger: u(&t["ledger"]) as u32,
            close_time: u(&t["closeTime"]),
            order: u(&t["order"]) as u32,
            envelope: s(&t["envelope"]),
            result: s(&t["result"]),
            meta: s(&t["meta"]),
            events: strings(&t["events"]),
            diagnostic_events: strings(&t["diagnosticEvents"]),
            fee_charged: t["feeCharged"].as_i64().unwrap_or(0),
            refundable: crate::apply::Refundable {
                events: t["eventsFee"].as_i64().unwrap_or(0),
                rent: t["rentFee"].as_i64().unwrap_or(0),
            },
            cpu_insns: u(&t["cpuInsns"]),
            mem_bytes: u(&t["memBytes"]),
            metered: Default::default(),
            error: t["error"].as_str().map(str::to_string),
        };
        node.txs.insert(rec.hash.clone(), rec);
    }
    for e in state["events"].as_array().ok_or("no events")? {
        node.events.push(Event {
            id: s(&e[0]),
            ledger: u(&e[1]) as u32,
            close_time: u(&e[2]),
            tx_hash: s(&e[3]),
            transaction_index: u(&e[4]) as u32,
            kind: match e[5].as_str() {
                Some("system") => "system",
                Some("diagnostic") => "diagnostic",
                _ => "contract",
            },
            contract_id: s(&e[6]),
            topic: e[7].as_array().map(|a| a.iter().map(s).collect()).unwrap_or_default(),
            value: s(&e[8]),
        });
    }
    node.ledger = u(&state["ledger"]) as u32;
    node.close_time = u(&state["closeTime"]);
    node.oldest = u(&state["oldest"]).max(1) as u32;
    node.manifest = state["manifest"].clone();
    node.modules.add_new(&node.settings, &node.entries);
    node.dirty = false;
    Ok(())
}
