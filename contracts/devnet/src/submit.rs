//! An in-process client of the node, doing what an SDK user does — build, simulate, take the
//! footprint, resources and auth from the simulation, sign (the envelope, and any address
//! authorization with the matching key), send, and wait for the ledger — so genesis and the
//! Rust tests go through exactly the checks an outside transaction goes through.

use soroban_env_host::xdr::{
    HostFunction, InvokeHostFunctionOp, Limits, Memo, MuxedAccount, Operation, OperationBody, Preconditions, ReadXdr,
    ScVal, SequenceNumber, SorobanAuthorizationEntry, SorobanCredentials, SorobanTransactionData, Transaction,
    TransactionEnvelope, TransactionExt, TransactionMeta, TransactionV1Envelope, Uint256,
};

use crate::auth::sign_entry;
use crate::keys::{account_public, Keypair};
use crate::node::{Node, Sent, TxRecord};
use crate::settings::BASE_FEE;
use crate::validate::tx_hash;

/// A transaction as a client would build it before simulation.
pub fn build(source: &Keypair, host_fn: HostFunction, auth: Vec<SorobanAuthorizationEntry>, seq: i64) -> Transaction {
    Transaction {
        source_account: MuxedAccount::Ed25519(Uint256(source.public())),
        fee: BASE_FEE as u32,
        seq_num: SequenceNumber(seq),
        cond: Preconditions::None,
        memo: Memo::None,
        operations: vec![Operation {
            source_account: None,
            body: OperationBody::InvokeHostFunction(InvokeHostFunctionOp { host_function: host_fn, auth: auth.try_into().unwrap() }),
        }]
        .try_into()
        .unwrap(),
        ext: TransactionExt::V0,
    }
}

pub fn envelope(node: &Node, tx: Transaction, signers: &[&Keypair]) -> TransactionEnvelope {
    let hash = tx_hash(&node.settings.network_id, &tx);
    TransactionEnvelope::Tx(TransactionV1Envelope {
        tx,
        signatures: signers.iter().map(|k| k.sign_decorated(&hash)).collect::<Vec<_>>().try_into().unwrap(),
    })
}

/// Simulation's answer: transaction data, auth entries to sign, the return value.
pub struct Prepared {
    pub data: SorobanTransactionData,
    pub auth: Vec<SorobanAuthorizationEntry>,
    pub result: ScVal,
    pub cpu_insns: u64,
}

pub fn prepare(node: &Node, source: &Keypair, host_fn: &HostFunction) -> Result<Prepared, String> {
    let seq = node.entries.account(&source.account_id()).ok_or("no such account")?.seq_num.0 + 1;
    let tx = build(source, host_fn.clone(), vec![], seq);
    let sim = node.simulate(&envelope(node, tx, &[]));
    if let Some(e) = sim["error"].as_str() {
        return Err(e.to_string());
    }
    let decode = |k: &str| sim[k].as_str().map(str::to_string).ok_or(format!("simulation has no {k}"));
    Ok(Prepared {
        data: SorobanTransactionData::from_xdr_base64(decode("transactionData")?, Limits::none()).map_err(|e| e.to_string())?,
        auth: sim["results"][0]["auth"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| SorobanAuthorizationEntry::from_xdr_base64(a.as_str().unwrap(), Limits::none()).unwrap())
            .collect(),
        result: crate::simulate::return_value(&sim).ok_or("simulation has no result")?,
        cpu_insns: sim["cost"]["cpuInsns"].as_str().and_then(|c| c.parse().ok()).unwrap_or(0),
    })
}

/// Signs every address credential in `auth` with the matching key of `keys`.
pub fn sign_auth(node: &Node, auth: Vec<SorobanAuthorizationEntry>, keys: &[&Keypair]) -> Result<Vec<SorobanAuthorizationEntry>, String> {
    let expiration = node.ledger + 100;
    auth.into_iter()
        .map(|e| match &e.credentials {
            SorobanCredentials::SourceAccount => Ok(e),
            SorobanCredentials::Address(c) => {
                let key = keys
                    .iter()
                    .find(|k| matches!(&c.address, soroban_env_host::xdr::ScAddress::Account(id) if account_public(id) == k.public()))
                    .ok_or(format!("no key for the authorization of {}", crate::keys::address_strkey(&c.address)))?;
                Ok(sign_entry(&node.settings.network_id, key, e.clone(), expiration))
            }
        })
        .collect()
}

/// The signed transaction for `host_fn` from `source`, ready to send.
pub fn signed(node: &Node, source: &Keypair, host_fn: HostFunction, auth_keys: &[&Keypair]) -> Result<TransactionEnvelope, String> {
    let p = prepare(node, source, &host_fn)?;
    let auth = sign_auth(node, p.auth, auth_keys)?;
    let seq = node.entries.account(&source.account_id()).unwrap().seq_num.0 + 1;
    let mut tx = build(source, host_fn, auth, seq);
    tx.fee = (BASE_FEE + p.data.resource_fee) as u32;
    tx.ext = TransactionExt::V1(p.data);
    Ok(envelope(node, tx, &[source]))
}

/// Sends, closes the ledger and returns what happened.
pub fn send_and_close(node: &mut Node, env: TransactionEnvelope) -> Result<TxRecord, String> {
    let hash = match node.send(env) {
        Sent::Pending(h) => h,
        Sent::Duplicate(h) => return Err(format!("duplicate {h}")),
        Sent::Error { reason, result, .. } => return Err(format!("{:?}: {reason}", result.result)),
    };
    node.close();
    Ok(node.txs.get(&hash).cloned().expect("applied in the ledger just closed"))
}

/// `host_fn` from `source` through the whole path; the return value on success.
pub fn invoke(node: &mut Node, source: &Keypair, host_fn: HostFunction, auth_keys: &[&Keypair]) -> Result<ScVal, String> {
    let env = signed(node, source, host_fn, auth_keys)?;
    let rec = send_and_close(node, env)?;
    if !rec.successful {
        return Err(rec.error.unwrap_or_else(|| "failed".into()));
    }
    return_value(&rec).ok_or_else(|| "no return value".into())
}

pub fn return_value(rec: &TxRecord) -> Option<ScVal> {
    match TransactionMeta::from_xdr_base64(&rec.meta, Limits::none()).ok()? {
        TransactionMeta::V4(m) => m.soroban_meta?.return_value,
        _ => None,
    }
}
