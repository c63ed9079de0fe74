//! simulateTransaction: preflight with soroban-simulation on a snapshot of the current ledger —
//! the footprint, the authorization entries to sign (recorded, or the transaction's own
//! enforced), the resources and the resource fee, with the network's default adjustments
//! (instructions +4 % or +50,000, refundable fee +15 %), as stellar-rpc does.

use serde_json::{json, Value};
use soroban_env_host::e2e_invoke::RecordingInvocationAuthMode;
use soroban_env_host::xdr::{Limits, OperationBody, ScVal, TransactionEnvelope, WriteXdr};
use soroban_simulation::simulation::{simulate_invoke_host_function_op, SimulationAdjustmentConfig};

use crate::keys::{muxed_account_id, sha256};
use crate::ledger::Entries;
use crate::settings::Settings;

pub fn b64(v: &impl WriteXdr) -> String {
    v.to_xdr_base64(Limits::none()).expect("XDR encodes")
}

/// The `result` of a simulateTransaction answer (errors are results too, as in stellar-rpc).
pub fn simulate(settings: &Settings, entries: &Entries, envelope: &TransactionEnvelope, ledger: u32, close_time: u64) -> Value {
    let error = |msg: String| json!({ "error": msg, "events": [], "latestLedger": ledger });
    let TransactionEnvelope::Tx(v1) = envelope else {
        return error("only TransactionV1 envelopes can be simulated".into());
    };
    let tx = &v1.tx;
    let [op] = tx.operations.as_slice() else {
        return error("a Soroban transaction has exactly one operation".into());
    };
    let OperationBody::InvokeHostFunction(ihf) = &op.body else {
        return error("the devnet simulates InvokeHostFunction operations only".into());
    };
    let source = muxed_account_id(op.source_account.as_ref().unwrap_or(&tx.source_account));
    let auth_mode = if ihf.auth.is_empty() {
        RecordingInvocationAuthMode::Recording(true)
    } else {
        RecordingInvocationAuthMode::Enforcing(ihf.auth.to_vec())
    };
    // The simulated ledger is the next one, as the transaction would be applied in it.
    let info = settings.ledger_info(ledger + 1, close_time);
    let sim = match simulate_invoke_host_function_op(
        entries.snapshot(),
        &settings.network,
        &SimulationAdjustmentConfig::default_adjustment(),
        &info,
        ihf.host_function.clone(),
        auth_mode,
        &source,
        sha256(&b64(envelope).into_bytes()),
        true,
    ) {
        Ok(s) => s,
        Err(e) => return error(format!("simulation failed: {e:#}")),
    };
    let events: Vec<String> = sim.diagnostic_events.iter().map(b64).collect();
    match (&sim.invoke_result, &sim.transaction_data) {
        (Ok(value), Some(data)) => json!({
            "latestLedger": ledger,
            "minResourceFee": data.resource_fee.to_string(),
            "transactionData": b64(data),
            "results": [{ "auth": sim.auth.iter().map(b64).collect::<Vec<_>>(), "xdr": b64(value) }],
            "events": events,
            "cost": { "cpuInsns": sim.simulated_instructions.to_string(), "memBytes": sim.simulated_memory.to_string() },
            "stateChanges": sim.modified_entries.iter().map(|d| {
                let kind = match (&d.state_before, &d.state_after) { (None, _) => "created", (_, None) => "deleted", _ => "updated" };
                let key = d.state_after.as_ref().or(d.state_before.as_ref()).and_then(crate::ledger::key_of).map(|k| b64(&k));
                json!({ "type": kind, "key": key, "before": d.state_before.as_ref().map(b64), "after": d.state_after.as_ref().map(b64) })
            }).collect::<Vec<_>>(),
        }),
        (Err(e), _) => json!({ "error": format!("HostError: {:?}", e.error), "events": events, "latestLedger": ledger }),
        (Ok(_), None) => error("simulation produced no transaction data".into()),
    }
}

/// ScVal of a successful simulation, for in-process callers (genesis).
pub fn return_value(result: &Value) -> Option<ScVal> {
    use soroban_env_host::xdr::ReadXdr;
    let x = result["results"][0]["xdr"].as_str()?;
    ScVal::from_xdr_base64(x, Limits::none()).ok()
}
