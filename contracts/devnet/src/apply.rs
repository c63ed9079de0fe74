//! Applying an accepted transaction in a closing ledger, as a validator does: the fee and the
//! sequence number are taken first (they stay taken when the operation fails), the host function
//! runs in soroban-env-host's enforcing mode (`e2e_invoke::invoke_host_function`: the footprint
//! and the transaction's own authorization entries are enforced, the CPU budget is the declared
//! instructions), then the declared write bytes, event size and refundable fee are checked and the
//! changes are committed — or none of them are.

use soroban_env_host::e2e_invoke::{self, LedgerEntryChange};
use soroban_env_host::fees::compute_rent_fee;
use soroban_env_host::xdr::{
    ContractEvent, CreateAccountResult, DiagnosticEvent, ExtensionPoint, Hash, InvokeHostFunctionResult,
    InvokeHostFunctionSuccessPreImage, LedgerEntryChanges, LedgerEntryData, LedgerKey, Limits, OperationBody,
    OperationMetaV2, OperationResult, OperationResultTr, ReadXdr, ScVal, SorobanTransactionMetaExt,
    SorobanTransactionMetaV2, TransactionMeta, TransactionMetaV4, TransactionResult, TransactionResultExt,
    TransactionResultResult, TtlEntry, WriteXdr, LedgerEntryChange as MetaChange,
};

use crate::keys::sha256;
use crate::ledger::{self, Entries};
use crate::metering::{Frames, Metered};
use crate::settings::{self, Settings};
use crate::validate::{resource_fees, soroban_data, Accepted};

/// The refundable fees a transaction used, in stroops.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Refundable {
    pub events: i64,
    pub rent: i64,
}

/// What a transaction did, as getTransaction reports it.
pub struct Outcome {
    pub successful: bool,
    pub result: TransactionResult,
    pub meta: TransactionMeta,
    pub events: Vec<ContractEvent>,
    pub diagnostic_events: Vec<DiagnosticEvent>,
    pub fee_charged: i64,
    /// The refundable part of the resource fee actually used: contract events (with the return
    /// value) and rent. The rest of the declared refundable fee goes back to the source.
    pub refundable: Refundable,
    /// Metered by the host while applying.
    pub cpu_insns: u64,
    pub mem_bytes: u64,
    /// Per cost type, and the invocation apart from the validator's work around it.
    pub metered: Metered,
    pub error: Option<String>,
}

pub fn apply(settings: &Settings, modules: &crate::modules::Modules, entries: &mut Entries, acc: &Accepted, ledger: u32, close_time: u64, order: u32) -> Outcome {
    let tx = &acc.tx;
    let fee = tx.fee as i64;
    // Fee and sequence number first: a failed operation still uses both.
    let mut source = entries.account(&acc.source).expect("validated");
    source.balance -= fee;
    source.seq_num = tx.seq_num.clone();
    entries.put_account(source, ledger);

    let op = &tx.operations[0];
    match &op.body {
        OperationBody::InvokeHostFunction(ihf) => {
            let data = soroban_data(tx).expect("validated").clone();
            let (non_refundable, _) = resource_fees(settings, &data, acc.size_bytes, 0);
            let run = invoke(settings, modules, entries, acc, &data, ihf, ledger, close_time, order);
            let refundable = match &run {
                Ok(r) => r.refundable,
                Err(_) => Refundable::default(),
            };
            let charged = (settings::BASE_FEE + non_refundable + refundable.events + refundable.rent).min(fee);
            match run {
                Ok(r) => {
                    for (key, stored) in r.writes {
                        match stored {
                            Some((e, live_until)) => entries.put(&key, e, live_until),
                            None => entries.remove(&key),
                        }
                    }
                    // after the host's writes, which may include the source account itself
                    refund(entries, acc, fee - charged, ledger);
                    let preimage = InvokeHostFunctionSuccessPreImage {
                        return_value: r.return_value.clone(),
                        events: r.events.clone().try_into().unwrap_or_default(),
                    };
                    let result_hash = sha256(&preimage.to_xdr(Limits::none()).unwrap());
                    Outcome {
                        successful: true,
                        result: tx_result(charged, true, OperationResultTr::InvokeHostFunction(InvokeHostFunctionResult::Success(Hash(result_hash)))),
                        meta: meta(r.events.clone(), vec![], Some(r.return_value), r.diagnostic_events.clone()),
                        events: r.events,
                        diagnostic_events: r.diagnostic_events,
                        fee_charged: charged,
                        refundable,
                        cpu_insns: r.cpu_insns,
                        mem_bytes: r.mem_bytes,
                        metered: r.metered,
                        error: None,
                    }
                }
                Err(f) => {
                    refund(entries, acc, fee - charged, ledger);
                    Outcome {
                    successful: false,
                    result: tx_result(charged, false, OperationResultTr::InvokeHostFunction(f.code)),
                    meta: meta(vec![], vec![], None, f.diagnostic_events.clone()),
                    events: vec![],
                    diagnostic_events: f.diagnostic_events,
                    fee_charged: charged,
                    refundable,
                    cpu_insns: f.cpu_insns,
                    mem_bytes: f.mem_bytes,
                    metered: f.metered,
                    error: Some(f.message),
                    }
                }
            }
        }
        OperationBody::CreateAccount(ca) => {
            let charged = settings::BASE_FEE;
            refund(entries, acc, fee - charged, ledger);
            let mut from = entries.account(&acc.source).expect("validated");
            let exists = entries.account(&ca.destination).is_some();
            let code = if exists {
                CreateAccountResult::AlreadyExist
            } else if from.balance - ca.starting_balance < 2 * settings::BASE_RESERVE as i64 {
                CreateAccountResult::Underfunded
            } else {
                CreateAccountResult::Success
            };
            let ok = code == CreateAccountResult::Success;
            let mut changes = vec![];
            if ok {
                from.balance -= ca.starting_balance;
                entries.put_account(from, ledger);
                let created = ledger::new_account(ca.destination.clone(), ca.starting_balance, ledger);
                entries.put_account(created.clone(), ledger);
                changes.push(MetaChange::Created(ledger::entry(LedgerEntryData::Account(created), ledger)));
            }
            Outcome {
                successful: ok,
                result: tx_result(charged, ok, OperationResultTr::CreateAccount(code.clone())),
                meta: meta(vec![], changes, None, vec![]),
                events: vec![],
                diagnostic_events: vec![],
                fee_charged: charged,
                refundable: Refundable::default(),
                cpu_insns: 0,
                mem_bytes: 0,
                metered: Metered::default(),
                error: (!ok).then(|| format!("createAccount: {code:?}")),
            }
        }
        _ => unreachable!("validate refuses other operations"),
    }
}

/// A transaction doomed by an injected fault (crate::faults): applied as a failed invocation —
/// fee and sequence number used as for any failure, the host function not run, nothing written.
pub fn fail_injected(settings: &Settings, entries: &mut Entries, acc: &Accepted, ledger: u32, reason: String) -> Outcome {
    let tx = &acc.tx;
    let fee = tx.fee as i64;
    let mut source = entries.account(&acc.source).expect("validated");
    source.balance -= fee;
    source.seq_num = tx.seq_num.clone();
    entries.put_account(source, ledger);
    let non_refundable = soroban_data(tx).map(|d| resource_fees(settings, d, acc.size_bytes, 0).0).unwrap_or(0);
    let charged = (settings::BASE_FEE + non_refundable).min(fee);
    refund(entries, acc, fee - charged, ledger);
    Outcome {
        successful: false,
        result: tx_result(charged, false, OperationResultTr::InvokeHostFunction(InvokeHostFunctionResult::Trapped)),
        meta: meta(vec![], vec![], None, vec![]),
        events: vec![],
        diagnostic_events: vec![],
        fee_charged: charged,
        refundable: Refundable::default(),
        cpu_insns: 0,
        mem_bytes: 0,
        metered: Metered::default(),
        error: Some(reason),
    }
}

fn refund(entries: &mut Entries, acc: &Accepted, amount: i64, ledger: u32) {
    if amount > 0 {
        let mut a = entries.account(&acc.source).expect("validated");
        a.balance += amount;
        entries.put_account(a, ledger);
    }
}

fn tx_result(fee_charged: i64, ok: bool, op: OperationResultTr) -> TransactionResult {
    let ops = vec![OperationResult::OpInner(op)].try_into().unwrap();
    TransactionResult {
        fee_charged,
        result: if ok { TransactionResultResult::TxSuccess(ops) } else { TransactionResultResult::TxFailed(ops) },
        ext: TransactionResultExt::V0,
    }
}

/// Protocol 23 meta (v4): the operation's contract events, the return value in sorobanMeta.
fn meta(events: Vec<ContractEvent>, changes: Vec<MetaChange>, return_value: Option<ScVal>, diagnostic: Vec<DiagnosticEvent>) -> TransactionMeta {
    TransactionMeta::V4(TransactionMetaV4 {
        ext: ExtensionPoint::V0,
        tx_changes_before: LedgerEntryChanges(Default::default()),
        operations: vec![OperationMetaV2 {
            ext: ExtensionPoint::V0,
            changes: LedgerEntryChanges(changes.try_into().unwrap_or_default()),
            events: events.try_into().unwrap_or_default(),
        }]
        .try_into()
        .unwrap(),
        tx_changes_after: LedgerEntryChanges(Default::default()),
        soroban_meta: return_value.map(|v| SorobanTransactionMetaV2 {
            ext: SorobanTransactionMetaExt::V0,
            return_value: Some(v),
        }),
        events: Default::default(),
        diagnostic_events: diagnostic.try_into().unwrap_or_default(),
    })
}

type Writes = Vec<(LedgerKey, Option<(soroban_env_host::xdr::LedgerEntry, Option<u32>)>)>;

struct Ran {
    return_value: ScVal,
    events: Vec<ContractEvent>,
    diagnostic_events: Vec<DiagnosticEvent>,
    writes: Writes,
    refundable: Refundable,
    cpu_insns: u64,
    mem_bytes: u64,
    metered: Metered,
}

struct Failed {
    code: InvokeHostFunctionResult,
    message: String,
    diagnostic_events: Vec<DiagnosticEvent>,
    cpu_insns: u64,
    mem_bytes: u64,
    metered: Metered,
}

#[allow(clippy::too_many_arguments)]
fn invoke(
    settings: &Settings,
    modules: &crate::modules::Modules,
    entries: &Entries,
    acc: &Accepted,
    data: &soroban_env_host::xdr::SorobanTransactionData,
    ihf: &soroban_env_host::xdr::InvokeHostFunctionOp,
    ledger: u32,
    close_time: u64,
    order: u32,
) -> Result<Ran, Failed> {
    let res = &data.resources;
    let budget = settings.budget(res.instructions as u64, settings::TX_MEMORY_LIMIT);
    let frames = Frames::new();
    let measured = |b: &soroban_env_host::budget::Budget| {
        (b.get_cpu_insns_consumed().unwrap_or(0), b.get_mem_bytes_consumed().unwrap_or(0), Frames::metered(&frames, b))
    };
    let fail = |code, message: String, diagnostic_events, b: &soroban_env_host::budget::Budget| {
        let (cpu_insns, mem_bytes, metered) = measured(b);
        Err(Failed { code, message, diagnostic_events, cpu_insns, mem_bytes, metered })
    };

    // The footprint's entries as the host takes them: entry XDR, and a TTL entry for Soroban ones.
    let mut encoded_entries = vec![];
    let mut encoded_ttls = vec![];
    let mut classic_read_bytes = 0u32;
    for key in res.footprint.read_only.iter().chain(res.footprint.read_write.iter()) {
        let Some(stored) = entries.get(key) else { continue };
        let bytes = stored.entry.to_xdr(Limits::none()).unwrap();
        match stored.live_until {
            Some(live_until) if live_until < ledger => {
                if matches!(soroban_env_host::ledger_info::get_key_durability(key), Some(soroban_env_host::xdr::ContractDataDurability::Temporary)) {
                    continue; // an expired temporary entry no longer exists
                }
                return fail(InvokeHostFunctionResult::EntryArchived, "an archived entry is in the footprint (restore it first)".into(), vec![], &budget);
            }
            Some(live_until) => {
                let key_hash = sha256(&key.to_xdr(Limits::none()).unwrap());
                encoded_ttls.push(TtlEntry { key_hash: Hash(key_hash), live_until_ledger_seq: live_until }.to_xdr(Limits::none()).unwrap());
            }
            None => {
                classic_read_bytes += bytes.len() as u32;
                encoded_ttls.push(vec![]);
            }
        }
        encoded_entries.push(bytes);
    }
    if classic_read_bytes > res.disk_read_bytes {
        return fail(InvokeHostFunctionResult::ResourceLimitExceeded, format!("read {classic_read_bytes} bytes, declared {}", res.disk_read_bytes), vec![], &budget);
    }

    let encoded_auth: Vec<Vec<u8>> = ihf.auth.iter().map(|a| a.to_xdr(Limits::none()).unwrap()).collect();
    let source = acc.source.to_xdr(Limits::none()).unwrap();
    let host_fn = ihf.host_function.to_xdr(Limits::none()).unwrap();
    let resources = res.to_xdr(Limits::none()).unwrap();
    // The base PRNG seed: the transaction's hash mixed with its place in the ledger.
    let seed = sha256(&[acc.hash.as_slice(), &ledger.to_be_bytes(), &order.to_be_bytes()].concat());
    let restored: Vec<u32> = match &data.ext {
        soroban_env_host::xdr::SorobanTransactionDataExt::V1(e) => e.archived_soroban_entries.to_vec(),
        _ => vec![],
    };
    if !restored.is_empty() {
        return fail(InvokeHostFunctionResult::EntryArchived, "automatic restoration is not supported by the devnet".into(), vec![], &budget);
    }
    let mut diagnostic_events = vec![];
    let ran = e2e_invoke::invoke_host_function(
        &budget,
        true,
        host_fn,
        resources,
        &restored,
        source,
        encoded_auth.into_iter(),
        settings.ledger_info(ledger, close_time),
        encoded_entries.into_iter(),
        encoded_ttls.into_iter(),
        seed.to_vec(),
        &mut diagnostic_events,
        Some(Frames::hook(&frames)),
        Some(modules.0.clone()),
    );
    let result = match ran {
        Ok(r) => r,
        Err(e) => return fail(code_of(&e, &budget), format!("{e:?}"), diagnostic_events, &budget),
    };
    let return_value = match result.encoded_invoke_result {
        Ok(v) => ScVal::from_xdr(v, Limits::none()).unwrap(),
        Err(e) => return fail(code_of(&e, &budget), format!("{e:?}"), diagnostic_events, &budget),
    };

    let events: Vec<ContractEvent> = result
        .encoded_contract_events
        .iter()
        .map(|b| ContractEvent::from_xdr(b, Limits::none()).unwrap())
        .collect();
    let events_bytes = result.encoded_contract_events.iter().map(|b| b.len() as u32).sum::<u32>()
        + return_value.to_xdr(Limits::none()).unwrap().len() as u32;
    if events_bytes > settings::TX_MAX_EVENTS_BYTES {
        return fail(InvokeHostFunctionResult::ResourceLimitExceeded, format!("{events_bytes} bytes of events and return value"), diagnostic_events, &budget);
    }
    let write_bytes: u32 = result
        .ledger_changes
        .iter()
        .filter(|c| !c.read_only)
        .filter_map(|c| c.encoded_new_value.as_ref().map(|v| v.len() as u32))
        .sum();
    if write_bytes > res.write_bytes {
        return fail(InvokeHostFunctionResult::ResourceLimitExceeded, format!("wrote {write_bytes} bytes, declared {}", res.write_bytes), diagnostic_events, &budget);
    }
    let rent_changes = e2e_invoke::extract_rent_changes(&result.ledger_changes);
    let rent_fee = compute_rent_fee(&rent_changes, &settings.network.rent_fee_configuration, ledger);
    let (non_refundable, events_fee) = resource_fees(settings, data, acc.size_bytes, events_bytes);
    let refundable = Refundable { events: events_fee, rent: rent_fee };
    let refundable_fee = events_fee + rent_fee;
    if non_refundable + refundable_fee > data.resource_fee {
        return fail(
            InvokeHostFunctionResult::InsufficientRefundableFee,
            format!("rent and events cost {refundable_fee}, the resource fee leaves {}", data.resource_fee - non_refundable),
            diagnostic_events,
            &budget,
        );
    }
    let (cpu_insns, mem_bytes, metered) = measured(&budget);
    Ok(Ran {
        return_value,
        events,
        diagnostic_events,
        writes: writes(entries, &result.ledger_changes, ledger),
        refundable,
        cpu_insns,
        mem_bytes,
        metered,
    })
}

/// The committed form of the host's ledger changes.
fn writes(entries: &Entries, changes: &[LedgerEntryChange], ledger: u32) -> Writes {
    let mut out = vec![];
    for c in changes {
        let key = LedgerKey::from_xdr(&c.encoded_key, Limits::none()).unwrap();
        let live_until = c.ttl_change.as_ref().map(|t| t.new_live_until_ledger);
        if c.read_only {
            // read-only entries can only have their TTL extended
            if let (Some(t), Some(stored)) = (live_until, entries.get(&key)) {
                if Some(t) != stored.live_until {
                    out.push((key, Some(((*stored.entry).clone(), Some(t)))));
                }
            }
            continue;
        }
        match &c.encoded_new_value {
            Some(v) => {
                let mut e = soroban_env_host::xdr::LedgerEntry::from_xdr(v, Limits::none()).unwrap();
                e.last_modified_ledger_seq = ledger;
                let live_until = live_until.or_else(|| entries.get(&key).and_then(|s| s.live_until));
                out.push((key, Some((e, live_until))));
            }
            None => out.push((key, None)),
        }
    }
    out
}

fn code_of(e: &soroban_env_host::HostError, budget: &soroban_env_host::budget::Budget) -> InvokeHostFunctionResult {
    use soroban_env_host::xdr::{ScErrorCode, ScErrorType};
    if e.error.is_type(ScErrorType::Budget) && e.error.is_code(ScErrorCode::ExceededLimit) {
        return InvokeHostFunctionResult::ResourceLimitExceeded;
    }
    let _ = budget;
    InvokeHostFunctionResult::Trapped
}

