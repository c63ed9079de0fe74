//! The module cache a validator keeps: every contract's wasm parsed once, when the ledger it was
//! uploaded in has closed, so a call pays for a cached instantiation and not for parsing (the
//! host's simulation assumes exactly that, charging the parse to its shadow budget). A wasm
//! uploaded and run in the same ledger is parsed at full cost, as on the network.

use soroban_env_host::storage::Storage;
use soroban_env_host::xdr::LedgerEntryData;
use soroban_env_host::{Host, ModuleCache};

use crate::ledger::Entries;
use crate::settings::Settings;

/// Parsing is the validator's own work, not a transaction's: a budget far above any module.
fn compiler(settings: &Settings) -> Host {
    Host::with_storage_and_budget(Storage::default(), settings.budget(100_000_000_000, 100_000_000_000))
}

pub struct Modules(pub ModuleCache);

impl Modules {
    pub fn new(settings: &Settings) -> Modules {
        Modules(ModuleCache::new(&compiler(settings)).expect("a module cache"))
    }

    /// Adds every contract code entry of `entries` not cached yet.
    pub fn add_new(&self, settings: &Settings, entries: &Entries) {
        for s in entries.0.values() {
            if let LedgerEntryData::ContractCode(c) = &s.entry.data {
                if !self.0.contains_module(&c.hash).unwrap_or(false) {
                    let host = compiler(settings);
                    if let Err(e) = self.0.parse_and_cache_module_simple(&host, settings.protocol_version, c.code.as_slice()) {
                        eprintln!("traqora-devnet: cannot cache module {}: {e:?}", crate::node::hex(&c.hash.0));
                    }
                }
            }
        }
    }
}
