//! What a validator checks before a transaction may enter a ledger: shape, time bounds,
//! sequence number, signatures, fee and declared Soroban resources. A refusal is the
//! `TransactionResult` code stellar-core would answer `sendTransaction` with.

use soroban_env_host::fees::{compute_transaction_resource_fee, TransactionResources};
use soroban_env_host::xdr::{
    AccountId, Hash, LedgerKey, Limits, Operation, OperationBody, Preconditions, SorobanTransactionData,
    Transaction, TransactionEnvelope, TransactionExt, TransactionResultResult, TransactionSignaturePayload,
    TransactionSignaturePayloadTaggedTransaction, WriteXdr,
};

use crate::keys::{muxed_account_id, sha256, signed_by, account_public};
use crate::ledger::Entries;
use crate::settings::{self, Settings};

/// A transaction that passed the checks, waiting for the next ledger.
#[derive(Clone)]
pub struct Accepted {
    pub hash: [u8; 32],
    pub envelope: TransactionEnvelope,
    pub tx: Transaction,
    pub source: AccountId,
    pub size_bytes: u32,
}

pub struct Refused {
    pub code: TransactionResultResult,
    pub reason: String,
}

fn refuse(code: TransactionResultResult, reason: impl Into<String>) -> Refused {
    Refused { code, reason: reason.into() }
}

pub fn tx_hash(network_id: &[u8; 32], tx: &Transaction) -> [u8; 32] {
    let payload = TransactionSignaturePayload {
        network_id: Hash(*network_id),
        tagged_transaction: TransactionSignaturePayloadTaggedTransaction::Tx(tx.clone()),
    };
    sha256(&payload.to_xdr(Limits::none()).expect("a transaction encodes"))
}

pub fn soroban_data(tx: &Transaction) -> Option<&SorobanTransactionData> {
    match &tx.ext {
        TransactionExt::V1(d) => Some(d),
        TransactionExt::V0 => None,
    }
}

/// The resource fee the declared resources cost up front, and the part of it that is refundable
/// for `events_bytes` of events (rent is added at apply time).
pub fn resource_fees(settings: &Settings, data: &SorobanTransactionData, size_bytes: u32, events_bytes: u32) -> (i64, i64) {
    let r = &data.resources;
    let classic = |k: &LedgerKey| !matches!(k, LedgerKey::ContractData(_) | LedgerKey::ContractCode(_));
    let disk_read_entries = r.footprint.read_only.iter().chain(r.footprint.read_write.iter()).filter(|k| classic(k)).count() as u32;
    compute_transaction_resource_fee(
        &TransactionResources {
            instructions: r.instructions,
            disk_read_entries,
            write_entries: r.footprint.read_write.len() as u32,
            disk_read_bytes: r.disk_read_bytes,
            write_bytes: r.write_bytes,
            contract_events_size_bytes: events_bytes,
            transaction_size_bytes: size_bytes,
        },
        &settings.network.fee_configuration,
    )
}

/// `next_seq` is the sequence number the source's next transaction must carry (its account's
/// plus the ones already waiting for this ledger).
pub fn validate(
    settings: &Settings,
    entries: &Entries,
    envelope: TransactionEnvelope,
    now: u64,
    next_seq: impl Fn(&AccountId, i64) -> i64,
) -> Result<Accepted, Refused> {
    use TransactionResultResult as R;
    let size_bytes = envelope.to_xdr(Limits::none()).map(|b| b.len() as u32).unwrap_or(u32::MAX);
    let TransactionEnvelope::Tx(v1) = &envelope else {
        return Err(refuse(R::TxNotSupported, "only TransactionV1 envelopes (no fee bumps, no v0)"));
    };
    let tx = v1.tx.clone();
    let hash = tx_hash(&settings.network_id, &tx);
    if size_bytes > settings::TX_MAX_SIZE_BYTES {
        return Err(refuse(R::TxMalformed, "transaction larger than the network's maximum size"));
    }
    let [op] = tx.operations.as_slice() else {
        return Err(refuse(R::TxMalformed, "a Soroban transaction has exactly one operation"));
    };
    let source = muxed_account_id(&tx.source_account);
    let soroban = matches!(
        op.body,
        OperationBody::InvokeHostFunction(_) | OperationBody::ExtendFootprintTtl(_) | OperationBody::RestoreFootprint(_)
    );
    match (&op.body, soroban_data(&tx)) {
        (OperationBody::InvokeHostFunction(_), Some(_)) | (OperationBody::CreateAccount(_), None) => {}
        (_, None) if soroban => return Err(refuse(R::TxSorobanInvalid, "a Soroban operation needs SorobanTransactionData")),
        (_, Some(_)) if !soroban => return Err(refuse(R::TxMalformed, "SorobanTransactionData on a classic operation")),
        _ => return Err(refuse(R::TxNotSupported, "the devnet applies InvokeHostFunction (and CreateAccount) only")),
    }

    let time_bounds = match &tx.cond {
        Preconditions::None => None,
        Preconditions::Time(tb) => Some(tb.clone()),
        Preconditions::V2(p) => p.time_bounds.clone(),
    };
    if let Some(tb) = time_bounds {
        if tb.max_time.0 != 0 && now > tb.max_time.0 {
            return Err(refuse(R::TxTooLate, format!("maxTime {} has passed (ledger time {now})", tb.max_time.0)));
        }
        if now < tb.min_time.0 {
            return Err(refuse(R::TxTooEarly, format!("minTime {} is in the future", tb.min_time.0)));
        }
    }

    let Some(account) = entries.account(&source) else {
        return Err(refuse(R::TxNoAccount, "the source account does not exist"));
    };
    let expected = next_seq(&source, account.seq_num.0);
    if tx.seq_num.0 != expected {
        return Err(refuse(R::TxBadSeq, format!("sequence {} (expected {expected})", tx.seq_num.0)));
    }

    let signers = signers_needed(&source, op);
    for signer in &signers {
        if !signed_by(account_public(signer), &hash, &v1.signatures) {
            return Err(refuse(R::TxBadAuth, "not signed by the source account's key"));
        }
    }
    if v1.signatures.len() > signers.len() {
        return Err(refuse(R::TxBadAuthExtra, "signatures that no signer needed"));
    }

    let fee = tx.fee as i64;
    let resource_fee = soroban_data(&tx).map(|d| d.resource_fee).unwrap_or(0);
    if fee - resource_fee < settings::BASE_FEE {
        return Err(refuse(R::TxInsufficientFee, format!("fee {fee} leaves less than the base fee {} after the resource fee {resource_fee}", settings::BASE_FEE)));
    }
    if let Some(data) = soroban_data(&tx) {
        let r = &data.resources;
        let fp = &r.footprint;
        let over = r.instructions as u64 > settings::TX_MAX_INSTRUCTIONS
            || fp.read_write.len() as u32 > settings::TX_MAX_WRITE_ENTRIES
            || (fp.read_only.len() + fp.read_write.len()) as u32 > settings::TX_MAX_DISK_READ_ENTRIES
            || r.disk_read_bytes > settings::TX_MAX_DISK_READ_BYTES
            || r.write_bytes > settings::TX_MAX_WRITE_BYTES;
        if over {
            return Err(refuse(R::TxSorobanInvalid, "declared resources exceed the network's per-transaction limits"));
        }
        if fp.read_only.iter().any(|k| fp.read_write.contains(k)) {
            return Err(refuse(R::TxSorobanInvalid, "a key is both read-only and read-write in the footprint"));
        }
        let (non_refundable, _) = resource_fees(settings, data, size_bytes, 0);
        if resource_fee < non_refundable {
            return Err(refuse(R::TxSorobanInvalid, format!("resource fee {resource_fee} is below the non-refundable {non_refundable}")));
        }
    }
    let reserve = (2 + account.num_sub_entries as i64) * settings::BASE_RESERVE as i64;
    if account.balance - fee < reserve {
        return Err(refuse(R::TxInsufficientBalance, "the source cannot pay the fee above its reserve"));
    }
    Ok(Accepted { hash, envelope: envelope.clone(), tx, source, size_bytes })
}

/// The transaction's source, and the operation's source when it is another account.
fn signers_needed(source: &AccountId, op: &Operation) -> Vec<AccountId> {
    let mut s = vec![source.clone()];
    if let Some(m) = &op.source_account {
        let id = muxed_account_id(m);
        if &id != source {
            s.push(id);
        }
    }
    s
}
