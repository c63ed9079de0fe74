//! The JSON-RPC methods: the subset of Stellar RPC that @stellar/stellar-sdk's rpc.Server and the
//! app call.

use serde_json::{json, Value};

use soroban_env_host::xdr::{TransactionEnvelope, TransactionResult, TransactionResultExt, TransactionResultResult};

use crate::faults::Stage;
use crate::node::{decode_envelope, Node, Sent};
use crate::simulate::b64;

pub const INVALID_PARAMS: i64 = -32602;

/// The `result` (Ok) or `error` (Err: code, message) of one call.
pub fn dispatch(node: &mut Node, friendbot_url: &str, method: &str, params: &Value) -> Result<Value, (i64, String)> {
    let envelope = |p: &Value| {
        p["transaction"]
            .as_str()
            .and_then(decode_envelope)
            .ok_or((INVALID_PARAMS, "transaction: not a base64 TransactionEnvelope".to_string()))
    };
    match method {
        "getHealth" => Ok(json!({
            "status": "healthy",
            "latestLedger": node.ledger,
            "oldestLedger": node.oldest,
            "ledgerRetentionWindow": crate::settings::RETENTION_LEDGERS,
        })),
        "getNetwork" => Ok(json!({
            "passphrase": node.network_passphrase(),
            "protocolVersion": node.settings.protocol_version,
            "friendbotUrl": friendbot_url,
        })),
        "getLatestLedger" => {
            let (id, header, meta) = latest_ledger_xdr(node);
            Ok(json!({
                "id": id,
                "sequence": node.ledger,
                "protocolVersion": node.settings.protocol_version,
                "closeTime": node.close_time.to_string(),
                "headerXdr": header,
                "metadataXdr": meta,
            }))
        }
        "getVersionInfo" => Ok(json!({
            "version": concat!("traqora-devnet ", env!("CARGO_PKG_VERSION")),
            "commitHash": "",
            "buildTimestamp": "",
            "captiveCoreVersion": "none (soroban-env-host 26.1.4 in process)",
            "protocolVersion": node.settings.protocol_version,
        })),
        "getFeeStats" => {
            let fees = json!({ "max": "100", "min": "100", "mode": "100", "p10": "100", "p20": "100", "p30": "100", "p40": "100", "p50": "100", "p60": "100", "p70": "100", "p80": "100", "p90": "100", "p95": "100", "p99": "100", "transactionCount": "0", "ledgerCount": 1 });
            Ok(json!({ "sorobanInclusionFee": fees, "inclusionFee": fees, "latestLedger": node.ledger }))
        }
        "getLedgerEntries" => {
            let keys = params["keys"].as_array().ok_or((INVALID_PARAMS, "keys: an array of base64 LedgerKeys".to_string()))?;
            node.get_ledger_entries(keys).map_err(|m| (INVALID_PARAMS, m))
        }
        "simulateTransaction" => {
            let env = envelope(params)?;
            match node.faults.take(Stage::Simulate) {
                Some(reason) => Ok(json!({ "error": reason, "events": [], "latestLedger": node.ledger })),
                None => Ok(node.simulate(&env)),
            }
        }
        "sendTransaction" => {
            let mut out = node.ledger_info_json();
            let env = envelope(params)?;
            if let Some(reason) = node.faults.take(Stage::Send) {
                out["status"] = json!("ERROR");
                out["hash"] = json!(match &env {
                    TransactionEnvelope::Tx(v1) => crate::node::hex(&crate::validate::tx_hash(&node.settings.network_id, &v1.tx)),
                    _ => String::new(),
                });
                let result = TransactionResult { fee_charged: 0, result: TransactionResultResult::TxInternalError, ext: TransactionResultExt::V0 };
                out["errorResultXdr"] = json!(b64(&result));
                out["errorReason"] = json!(reason);
                return Ok(out);
            }
            match node.send(env) {
                Sent::Pending(hash) => {
                    out["status"] = json!("PENDING");
                    out["hash"] = json!(hash);
                }
                Sent::Duplicate(hash) => {
                    out["status"] = json!("DUPLICATE");
                    out["hash"] = json!(hash);
                }
                Sent::Error { hash, result, reason } => {
                    out["status"] = json!("ERROR");
                    out["hash"] = json!(hash);
                    out["errorResultXdr"] = json!(b64(&result));
                    // not in stellar-rpc's answer; says which check refused it
                    out["errorReason"] = json!(reason);
                }
            }
            Ok(out)
        }
        "getTransaction" => {
            let hash = params["hash"].as_str().filter(|h| h.len() == 64).ok_or((INVALID_PARAMS, "hash: 64 hex digits".to_string()))?;
            Ok(node.get_transaction(hash))
        }
        "getEvents" => node.get_events(params),
        _ => Err((-32601, format!("method not found: {method}"))),
    }
}

/// The latest ledger's header and close meta as stellar-rpc returns them (the SDK decodes both).
/// One validator has no consensus to record: the hashes chain the sequence numbers, and the
/// meta carries the header and no transaction set.
fn latest_ledger_xdr(node: &Node) -> (String, String, String) {
    use soroban_env_host::xdr::{
        Hash, LedgerCloseMeta, LedgerCloseMetaV2, LedgerHeader, LedgerHeaderHistoryEntry, StellarValue, TimePoint,
    };
    let ledger_hash = |seq: u32| Hash(crate::keys::sha256(&[node.settings.network_id.as_slice(), &seq.to_be_bytes()].concat()));
    let header = LedgerHeader {
        ledger_version: node.settings.protocol_version,
        previous_ledger_hash: ledger_hash(node.ledger.saturating_sub(1)),
        scp_value: StellarValue { close_time: TimePoint(node.close_time), ..Default::default() },
        ledger_seq: node.ledger,
        base_fee: crate::settings::BASE_FEE as u32,
        base_reserve: crate::settings::BASE_RESERVE,
        max_tx_set_size: 1_000,
        ..Default::default()
    };
    let id = ledger_hash(node.ledger);
    let meta = LedgerCloseMeta::V2(LedgerCloseMetaV2 {
        ledger_header: LedgerHeaderHistoryEntry { hash: id.clone(), header: header.clone(), ext: Default::default() },
        ..Default::default()
    });
    (crate::node::hex(&id.0), b64(&header), b64(&meta))
}
