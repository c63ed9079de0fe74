//! Ed25519 keys and the strkey forms (G…, S…, C…) the RPC and the SDK speak.

use ed25519_dalek::{Signer as _, SigningKey, Verifier as _, VerifyingKey};
use sha2::{Digest, Sha256};
use soroban_env_host::xdr::{
    AccountId, ContractId, DecoratedSignature, Hash, MuxedAccount, PublicKey, ScAddress, Signature, SignatureHint,
    Uint256,
};

pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// A key pair the devnet holds (genesis accounts, the friendbot).
#[derive(Clone)]
pub struct Keypair(SigningKey);

impl Keypair {
    /// The same name gives the same key on every start, so a restarted devnet and the tests agree.
    pub fn from_name(name: &str) -> Keypair {
        Keypair(SigningKey::from_bytes(&sha256(format!("traqora-devnet:{name}").as_bytes())))
    }

    pub fn public(&self) -> [u8; 32] {
        self.0.verifying_key().to_bytes()
    }

    pub fn account_id(&self) -> AccountId {
        account_id(self.public())
    }

    pub fn address(&self) -> String {
        format!("{}", stellar_strkey::ed25519::PublicKey(self.public()))
    }

    pub fn secret(&self) -> String {
        format!("{}", stellar_strkey::ed25519::PrivateKey(self.0.to_bytes()))
    }

    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.0.sign(message).to_bytes()
    }

    /// A transaction signature: the last four bytes of the public key as the hint.
    pub fn sign_decorated(&self, tx_hash: &[u8; 32]) -> DecoratedSignature {
        let public = self.public();
        DecoratedSignature {
            hint: SignatureHint(public[28..].try_into().unwrap()),
            signature: Signature(self.sign(tx_hash).to_vec().try_into().unwrap()),
        }
    }
}

pub fn account_id(public: [u8; 32]) -> AccountId {
    AccountId(PublicKey::PublicKeyTypeEd25519(Uint256(public)))
}

pub fn account_public(id: &AccountId) -> [u8; 32] {
    let AccountId(PublicKey::PublicKeyTypeEd25519(Uint256(k))) = id;
    *k
}

pub fn account_strkey(id: &AccountId) -> String {
    format!("{}", stellar_strkey::ed25519::PublicKey(account_public(id)))
}

pub fn parse_account(g: &str) -> Option<AccountId> {
    stellar_strkey::ed25519::PublicKey::from_string(g).ok().map(|k| account_id(k.0))
}

pub fn muxed_account_id(m: &MuxedAccount) -> AccountId {
    match m {
        MuxedAccount::Ed25519(k) => account_id(k.0),
        MuxedAccount::MuxedEd25519(mx) => account_id(mx.ed25519.0),
    }
}

pub fn contract_strkey(id: &ContractId) -> String {
    format!("{}", stellar_strkey::Contract(id.0 .0))
}

pub fn contract_address(id: [u8; 32]) -> ScAddress {
    ScAddress::Contract(ContractId(Hash(id)))
}

pub fn address_strkey(a: &ScAddress) -> String {
    match a {
        ScAddress::Account(id) => account_strkey(id),
        ScAddress::Contract(c) => contract_strkey(c),
        other => format!("{other:?}"),
    }
}

/// True when one of `signatures` is `public`'s ed25519 signature of `tx_hash` (hint first, as
/// stellar-core matches them).
pub fn signed_by(public: [u8; 32], tx_hash: &[u8; 32], signatures: &[DecoratedSignature]) -> bool {
    let Ok(key) = VerifyingKey::from_bytes(&public) else { return false };
    signatures.iter().any(|s| {
        s.hint.0 == public[28..]
            && <[u8; 64]>::try_from(s.signature.0.as_slice())
                .map(|sig| key.verify(tx_hash, &ed25519_dalek::Signature::from_bytes(&sig)).is_ok())
                .unwrap_or(false)
    })
}
