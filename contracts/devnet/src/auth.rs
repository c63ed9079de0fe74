//! Signing a Soroban authorization entry with an account's key, as a wallet does: ed25519 over
//! the hash of the network id, nonce, expiration ledger and invocation tree.

use soroban_env_host::xdr::{
    Hash, HashIdPreimage, HashIdPreimageSorobanAuthorization, Limits, ScVal, SorobanAuthorizationEntry,
    SorobanCredentials, WriteXdr,
};

use crate::keys::{sha256, Keypair};
use crate::scval;

pub fn auth_payload_hash(network_id: &[u8; 32], entry: &SorobanAuthorizationEntry, expiration: u32) -> Option<[u8; 32]> {
    let SorobanCredentials::Address(c) = &entry.credentials else { return None };
    let preimage = HashIdPreimage::SorobanAuthorization(HashIdPreimageSorobanAuthorization {
        network_id: Hash(*network_id),
        nonce: c.nonce,
        signature_expiration_ledger: expiration,
        invocation: entry.root_invocation.clone(),
    });
    Some(sha256(&preimage.to_xdr(Limits::none()).unwrap()))
}

/// `entry` signed by `key`, valid until `expiration` (a ledger sequence number).
pub fn sign_entry(network_id: &[u8; 32], key: &Keypair, mut entry: SorobanAuthorizationEntry, expiration: u32) -> SorobanAuthorizationEntry {
    let Some(hash) = auth_payload_hash(network_id, &entry, expiration) else { return entry };
    if let SorobanCredentials::Address(c) = &mut entry.credentials {
        c.signature_expiration_ledger = expiration;
        c.signature = scval::vec(vec![scval::record(vec![
            ("public_key", scval::bytes(&key.public())),
            ("signature", scval::bytes(&key.sign(&hash))),
        ])]);
    }
    entry
}

pub fn is_source_credential(entry: &SorobanAuthorizationEntry) -> bool {
    matches!(entry.credentials, SorobanCredentials::SourceAccount)
}

pub fn unsigned(v: &ScVal) -> bool {
    matches!(v, ScVal::Void)
}
