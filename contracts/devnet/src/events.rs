//! The events the network recorded, and getEvents over them as stellar-rpc (protocol 23) pages
//! them: startLedger or a cursor, a limit, contract/type/topic filters (`*` for one segment, a
//! trailing `**` for any rest), an optional endLedger, and a retention window.

use serde_json::{json, Value};
use soroban_env_host::xdr::{ContractEvent, ContractEventBody, ContractEventType};

use crate::keys::contract_strkey;
use crate::simulate::b64;

#[derive(Clone)]
pub struct Event {
    pub id: String,
    pub ledger: u32,
    pub close_time: u64,
    pub tx_hash: String,
    pub transaction_index: u32,
    pub kind: &'static str,
    pub contract_id: String,
    pub topic: Vec<String>,
    pub value: String,
}

/// An event id: the operation's TOID (ledger << 32 | application order << 12 | op index) and the
/// event's index, zero-padded so that ids sort like the chain.
pub fn event_id(ledger: u32, order: u32, index: u32) -> String {
    format!("{:019}-{:010}", ((ledger as u64) << 32) | ((order as u64) << 12), index)
}

/// The cursor after everything up to and including `ledger`.
fn end_of_ledger(ledger: u32) -> String {
    format!("{:019}-{:010}", (((ledger as u64) + 1) << 32) - 1, u32::MAX)
}

pub fn from_contract_events(events: &[ContractEvent], ledger: u32, close_time: u64, tx_hash: &str, order: u32) -> Vec<Event> {
    events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let ContractEventBody::V0(body) = &e.body;
            Event {
                id: event_id(ledger, order, i as u32),
                ledger,
                close_time,
                tx_hash: tx_hash.to_string(),
                transaction_index: order,
                kind: match e.type_ {
                    ContractEventType::System => "system",
                    ContractEventType::Contract => "contract",
                    ContractEventType::Diagnostic => "diagnostic",
                },
                contract_id: e.contract_id.as_ref().map(contract_strkey).unwrap_or_default(),
                topic: body.topics.iter().map(b64).collect(),
                value: b64(&body.data),
            }
        })
        .collect()
}

pub fn iso_time(secs: u64) -> String {
    // civil-from-days (Howard Hinnant's algorithm), so no date crate is needed for one format
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3_600, rem % 3_600 / 60, rem % 60)
}

impl Event {
    fn to_json(&self) -> Value {
        json!({
            "type": self.kind,
            "ledger": self.ledger,
            "ledgerClosedAt": iso_time(self.close_time),
            "contractId": self.contract_id,
            "id": self.id,
            "operationIndex": 0,
            "transactionIndex": self.transaction_index,
            "txHash": self.tx_hash,
            "inSuccessfulContractCall": true,
            "topic": self.topic,
            "value": self.value,
        })
    }

    fn matches(&self, filter: &Value) -> bool {
        let ids = filter["contractIds"].as_array().filter(|a| !a.is_empty());
        if let Some(ids) = ids {
            if !ids.iter().any(|c| c.as_str() == Some(&self.contract_id)) {
                return false;
            }
        }
        if let Some(t) = filter["type"].as_str() {
            if t != self.kind {
                return false;
            }
        }
        match filter["topics"].as_array().filter(|a| !a.is_empty()) {
            None => true,
            Some(topics) => topics.iter().any(|t| {
                let segs: Vec<&str> = t.as_array().map(|a| a.iter().filter_map(|s| s.as_str()).collect()).unwrap_or_default();
                let wild = segs.last() == Some(&"**");
                let segs = if wild { &segs[..segs.len() - 1] } else { &segs[..] };
                let got = &self.topic;
                (if wild { got.len() >= segs.len() } else { got.len() == segs.len() })
                    && segs.iter().zip(got).all(|(s, g)| *s == "*" || s == g)
            }),
        }
    }
}

/// One page of `events` (in chain order) for the params of a getEvents request, or an error
/// (code, message).
pub fn page(events: &[Event], p: &Value, latest: u32, oldest: u32) -> Result<Value, (i64, String)> {
    let cursor = p["pagination"]["cursor"].as_str();
    let start = p["startLedger"].as_u64().unwrap_or(0) as u32;
    if cursor.is_some() && start > 0 {
        return Err((-32602, "startLedger and cursor cannot both be set".into()));
    }
    if cursor.is_none() && start == 0 {
        return Err((-32602, "startLedger must be positive".into()));
    }
    if start > 0 && (start < oldest || start > latest) {
        return Err((-32600, format!("startLedger must be between the oldest ledger: {oldest} and the latest ledger: {latest}")));
    }
    let limit = p["pagination"]["limit"].as_u64().unwrap_or(100) as usize;
    if limit > 10_000 {
        return Err((-32602, "limit must not exceed 10000".into()));
    }
    let filters = p["filters"].as_array().cloned().unwrap_or_default();
    if filters.len() > 5 {
        return Err((-32602, "maximum 5 filters per request".into()));
    }
    let end = p["endLedger"].as_u64().map(|e| e as u32);
    let page: Vec<&Event> = events
        .iter()
        .filter(|e| e.ledger <= latest)
        .filter(|e| match cursor {
            Some(c) => e.id.as_str() > c,
            None => e.ledger >= start,
        })
        .filter(|e| end.is_none_or(|end| e.ledger < end))
        .filter(|e| filters.is_empty() || filters.iter().any(|f| e.matches(f)))
        .take(limit)
        .collect();
    let cursor = if page.len() == limit && limit > 0 { page[page.len() - 1].id.clone() } else { end_of_ledger(latest) };
    Ok(json!({ "events": page.iter().map(|e| e.to_json()).collect::<Vec<_>>(), "cursor": cursor }))
}
