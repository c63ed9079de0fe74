//! The network itself: one validator's ledger, the transactions waiting for the next close, the
//! applied transactions and their events (kept for the retention window).

use std::collections::HashMap;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};
use soroban_env_host::xdr::{
    AccountId, Limits, ReadXdr, TransactionEnvelope, TransactionResult, TransactionResultExt,
};

use crate::apply::{apply, Outcome};
use crate::events::{self, Event};
use crate::ledger::Entries;
use crate::modules::Modules;
use crate::settings::{Settings, RETENTION_LEDGERS};
use crate::simulate::b64;
use crate::validate::{validate, Accepted};

pub fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs()
}

/// An applied transaction, as getTransaction answers for it.
#[derive(Clone)]
pub struct TxRecord {
    pub hash: String,
    pub successful: bool,
    pub ledger: u32,
    pub close_time: u64,
    pub order: u32,
    pub envelope: String,
    pub result: String,
    pub meta: String,
    pub events: Vec<String>,
    pub diagnostic_events: Vec<String>,
    pub fee_charged: i64,
    /// The refundable fees used (events, rent); the rest of the bid above `fee_charged` was refunded.
    pub refundable: crate::apply::Refundable,
    pub cpu_insns: u64,
    pub mem_bytes: u64,
    /// Per cost type; not kept in the state file (empty after a restart).
    pub metered: crate::metering::Metered,
    pub error: Option<String>,
}

pub struct Node {
    pub settings: Settings,
    pub entries: Entries,
    pub modules: Modules,
    pub ledger: u32,
    pub close_time: u64,
    /// The first ledger this node still answers for (retention).
    pub oldest: u32,
    pub pending: Vec<Accepted>,
    pub txs: HashMap<String, TxRecord>,
    pub events: Vec<Event>,
    /// What genesis deployed (accounts, contracts), served at /devnet.
    pub manifest: Value,
    /// Something changed since the state was last written to its file.
    pub dirty: bool,
    /// Faults a test asked for (POST /devnet/fail-next); never persisted.
    pub faults: crate::faults::Faults,
}

pub enum Sent {
    Pending(String),
    Duplicate(String),
    Error { hash: String, result: TransactionResult, reason: String },
}

impl Node {
    pub fn new(settings: Settings) -> Node {
        Node {
            modules: Modules::new(&settings),
            settings,
            entries: Entries::default(),
            ledger: 1,
            close_time: now_secs(),
            oldest: 1,
            pending: vec![],
            txs: HashMap::new(),
            events: vec![],
            manifest: json!({}),
            dirty: true,
            faults: Default::default(),
        }
    }

    pub fn network_passphrase(&self) -> &str {
        &self.settings.passphrase
    }

    pub fn simulate(&self, envelope: &TransactionEnvelope) -> Value {
        crate::simulate::simulate(&self.settings, &self.entries, envelope, self.ledger, self.close_time.max(now_secs()))
    }

    pub fn send(&mut self, envelope: TransactionEnvelope) -> Sent {
        let hash_of = |e: &TransactionEnvelope, s: &Settings| match e {
            TransactionEnvelope::Tx(v1) => hex(&crate::validate::tx_hash(&s.network_id, &v1.tx)),
            _ => String::new(),
        };
        let hash = hash_of(&envelope, &self.settings);
        // waiting for this ledger: a duplicate; already applied: its sequence number is used (txBadSeq)
        if self.pending.iter().any(|p| hex(&p.hash) == hash) {
            return Sent::Duplicate(hash);
        }
        let pending = &self.pending;
        let next_seq = |id: &AccountId, current: i64| {
            pending.iter().filter(|p| &p.source == id).map(|p| p.tx.seq_num.0).max().unwrap_or(current) + 1
        };
        match validate(&self.settings, &self.entries, envelope, now_secs().max(self.close_time), next_seq) {
            Ok(acc) => {
                let invocation = matches!(acc.tx.operations[0].body, soroban_env_host::xdr::OperationBody::InvokeHostFunction(_));
                if let Some(reason) = invocation.then(|| self.faults.take(crate::faults::Stage::Chain)).flatten() {
                    self.faults.doomed.insert(hash.clone(), reason);
                }
                self.pending.push(acc);
                Sent::Pending(hash)
            }
            Err(r) => Sent::Error {
                hash,
                result: TransactionResult { fee_charged: 0, result: r.code, ext: TransactionResultExt::V0 },
                reason: r.reason,
            },
        }
    }

    /// Closes the ledger: applies every waiting transaction in arrival order.
    pub fn close(&mut self) -> u32 {
        let ledger = self.ledger + 1;
        let close_time = now_secs().max(self.close_time);
        let pending = std::mem::take(&mut self.pending);
        for (i, acc) in pending.iter().enumerate() {
            let order = i as u32 + 1;
            let hash = hex(&acc.hash);
            let out: Outcome = match self.faults.doomed.remove(&hash) {
                Some(reason) => crate::apply::fail_injected(&self.settings, &mut self.entries, acc, ledger, reason),
                None => apply(&self.settings, &self.modules, &mut self.entries, acc, ledger, close_time, order),
            };
            if out.successful {
                self.events.extend(events::from_contract_events(&out.events, ledger, close_time, &hash, order));
            }
            self.txs.insert(
                hash.clone(),
                TxRecord {
                    hash,
                    successful: out.successful,
                    ledger,
                    close_time,
                    order,
                    envelope: b64(&acc.envelope),
                    result: b64(&out.result),
                    meta: b64(&out.meta),
                    events: out.events.iter().map(b64).collect(),
                    diagnostic_events: out.diagnostic_events.iter().map(b64).collect(),
                    fee_charged: out.fee_charged,
                    refundable: out.refundable,
                    cpu_insns: out.cpu_insns,
                    mem_bytes: out.mem_bytes,
                    metered: out.metered,
                    error: out.error,
                },
            );
        }
        if !pending.is_empty() {
            self.dirty = true;
            // what was uploaded in this ledger runs from the cache from the next one on
            self.modules.add_new(&self.settings, &self.entries);
        }
        self.ledger = ledger;
        self.close_time = close_time;
        self.forget_old();
        ledger
    }

    /// Retention: transactions and events older than the window are no longer served.
    fn forget_old(&mut self) {
        let oldest = self.ledger.saturating_sub(RETENTION_LEDGERS).max(1);
        if oldest > self.oldest {
            self.oldest = oldest;
            self.events.retain(|e| e.ledger >= oldest);
            self.txs.retain(|_, t| t.ledger >= oldest);
        }
    }

    pub fn ledger_info_json(&self) -> Value {
        json!({
            "latestLedger": self.ledger,
            "latestLedgerCloseTime": self.close_time.to_string(),
            "oldestLedger": self.oldest,
            "oldestLedgerCloseTime": self.close_time.to_string(),
        })
    }

    pub fn get_transaction(&self, hash: &str) -> Value {
        let mut out = self.ledger_info_json();
        let Some(t) = self.txs.get(hash) else {
            out["status"] = json!("NOT_FOUND");
            out["txHash"] = json!(hash);
            return out;
        };
        let fields = json!({
            "status": if t.successful { "SUCCESS" } else { "FAILED" },
            "txHash": t.hash,
            "ledger": t.ledger,
            "createdAt": t.close_time.to_string(),
            "applicationOrder": t.order,
            "feeBump": false,
            "envelopeXdr": t.envelope,
            "resultXdr": t.result,
            "resultMetaXdr": t.meta,
            "diagnosticEventsXdr": t.diagnostic_events,
            "events": { "transactionEventsXdr": [], "contractEventsXdr": [t.events.clone()] },
        });
        for (k, v) in fields.as_object().unwrap() {
            out[k] = v.clone();
        }
        out
    }

    pub fn get_ledger_entries(&self, keys: &[Value]) -> Result<Value, String> {
        if keys.len() > 200 {
            return Err("at most 200 keys per request".into());
        }
        let mut found = vec![];
        for (i, k) in keys.iter().enumerate() {
            let key = k
                .as_str()
                .and_then(crate::ledger::decode_key)
                .ok_or_else(|| format!("keys[{i}]: not a base64 LedgerKey"))?;
            if let Some(s) = self.entries.get(&key) {
                let mut e = json!({
                    "key": k,
                    "xdr": b64(&s.entry.data),
                    "lastModifiedLedgerSeq": s.entry.last_modified_ledger_seq,
                });
                if let Some(l) = s.live_until {
                    e["liveUntilLedgerSeq"] = json!(l);
                }
                found.push(e);
            }
        }
        Ok(json!({ "entries": found, "latestLedger": self.ledger }))
    }

    pub fn get_events(&self, params: &Value) -> Result<Value, (i64, String)> {
        let mut page = events::page(&self.events, params, self.ledger, self.oldest)?;
        for (k, v) in self.ledger_info_json().as_object().unwrap() {
            page[k] = v.clone();
        }
        Ok(page)
    }

    /// Metered resources and fees per applied transaction, newest last (for bench/ and the docs).
    pub fn costs(&self) -> Value {
        let mut txs: Vec<&TxRecord> = self.txs.values().collect();
        txs.sort_by_key(|t| (t.ledger, t.order));
        json!(txs
            .iter()
            .map(|t| {
                let mut c = json!({ "hash": t.hash, "ledger": t.ledger, "successful": t.successful, "cpuInsns": t.cpu_insns, "memBytes": t.mem_bytes, "feeCharged": t.fee_charged, "eventsFee": t.refundable.events, "rentFee": t.refundable.rent, "error": t.error });
                if !t.metered.total.0.is_empty() {
                    for (k, v) in t.metered.to_json().as_object().unwrap() {
                        c[k] = v.clone();
                    }
                }
                c
            })
            .collect::<Vec<_>>())
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn decode_envelope(b64: &str) -> Option<TransactionEnvelope> {
    TransactionEnvelope::from_xdr_base64(b64, Limits::len(1 << 20)).ok()
}

