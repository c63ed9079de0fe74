//! The ledger state: every live entry with its TTL, in memory, keyed by its `LedgerKey` XDR.

use std::collections::BTreeMap;
use std::rc::Rc;

use soroban_env_host::storage::{EntryWithLiveUntil, SnapshotSource};
use soroban_env_host::xdr::{
    AccountEntry, AccountEntryExt, AccountId, LedgerEntry, LedgerEntryData, LedgerEntryExt, LedgerKey,
    LedgerKeyAccount, Limits, ReadXdr, SequenceNumber, String32, Thresholds, WriteXdr,
};
use soroban_env_host::HostError;

#[derive(Clone)]
pub struct Stored {
    pub entry: Rc<LedgerEntry>,
    /// Contract data and code only.
    pub live_until: Option<u32>,
}

#[derive(Clone, Default)]
pub struct Entries(pub BTreeMap<Vec<u8>, Stored>);

pub fn key_bytes(key: &LedgerKey) -> Vec<u8> {
    key.to_xdr(Limits::none()).expect("a ledger key encodes")
}

impl Entries {
    pub fn get(&self, key: &LedgerKey) -> Option<&Stored> {
        self.0.get(&key_bytes(key))
    }

    pub fn put(&mut self, key: &LedgerKey, entry: LedgerEntry, live_until: Option<u32>) {
        self.0.insert(key_bytes(key), Stored { entry: Rc::new(entry), live_until });
    }

    pub fn remove(&mut self, key: &LedgerKey) {
        self.0.remove(&key_bytes(key));
    }

    pub fn account(&self, id: &AccountId) -> Option<AccountEntry> {
        match &self.get(&account_key(id))?.entry.data {
            LedgerEntryData::Account(a) => Some(a.clone()),
            _ => None,
        }
    }

    pub fn put_account(&mut self, account: AccountEntry, ledger: u32) {
        let key = account_key(&account.account_id);
        self.put(&key, entry(LedgerEntryData::Account(account), ledger), None);
    }

    /// The state as the host reads it: a snapshot it cannot change.
    pub fn snapshot(&self) -> Rc<dyn SnapshotSource> {
        Rc::new(Snapshot(self.0.clone()))
    }
}

struct Snapshot(BTreeMap<Vec<u8>, Stored>);

impl SnapshotSource for Snapshot {
    fn get(&self, key: &Rc<LedgerKey>) -> Result<Option<EntryWithLiveUntil>, HostError> {
        Ok(self.0.get(&key_bytes(key)).map(|s| (s.entry.clone(), s.live_until)))
    }
}

pub fn account_key(id: &AccountId) -> LedgerKey {
    LedgerKey::Account(LedgerKeyAccount { account_id: id.clone() })
}

pub fn entry(data: LedgerEntryData, ledger: u32) -> LedgerEntry {
    LedgerEntry { last_modified_ledger_seq: ledger, data, ext: LedgerEntryExt::V0 }
}

/// A new account as CreateAccount makes it: sequence number `ledger << 32`, master key weight 1.
pub fn new_account(id: AccountId, balance: i64, ledger: u32) -> AccountEntry {
    AccountEntry {
        account_id: id,
        balance,
        seq_num: SequenceNumber((ledger as i64) << 32),
        num_sub_entries: 0,
        inflation_dest: None,
        flags: 0,
        home_domain: String32::default(),
        thresholds: Thresholds([1, 0, 0, 0]),
        signers: Default::default(),
        ext: AccountEntryExt::V0,
    }
}

pub fn decode_key(b64: &str) -> Option<LedgerKey> {
    LedgerKey::from_xdr_base64(b64, Limits::len(1 << 16)).ok()
}

/// The key an entry is stored under.
pub fn key_of(e: &LedgerEntry) -> Option<LedgerKey> {
    use soroban_env_host::xdr::{LedgerKeyContractCode, LedgerKeyContractData, LedgerKeyTrustLine};
    Some(match &e.data {
        LedgerEntryData::Account(a) => account_key(&a.account_id),
        LedgerEntryData::Trustline(t) => LedgerKey::Trustline(LedgerKeyTrustLine { account_id: t.account_id.clone(), asset: t.asset.clone() }),
        LedgerEntryData::ContractData(d) => LedgerKey::ContractData(LedgerKeyContractData { contract: d.contract.clone(), key: d.key.clone(), durability: d.durability }),
        LedgerEntryData::ContractCode(c) => LedgerKey::ContractCode(LedgerKeyContractCode { hash: c.hash.clone() }),
        _ => return None,
    })
}
