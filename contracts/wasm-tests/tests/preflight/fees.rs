//! A resource fee split into the components the network charges, with the network's own fee
//! function (soroban-env-host's `compute_transaction_resource_fee`, as the devnet and
//! stellar-core use it), one resource at a time so each component keeps its own rounding.

use soroban_env_host::fees::{compute_transaction_resource_fee, FeeConfiguration, TransactionResources};
use soroban_env_host::FeeEstimate;

/// Stroops per component, in the shape of soroban-env-host's `FeeEstimate` plus the
/// transaction's size (historical storage and bandwidth), which the test host does not model.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Components {
    pub instructions: i64,
    pub disk_read_entries: i64,
    pub write_entries: i64,
    pub disk_read_bytes: i64,
    pub write_bytes: i64,
    pub events: i64,
    pub rent: i64,
    pub tx_size: i64,
}

impl Components {
    /// What the network charges for `r` (declared resources, the envelope's size and the events
    /// actually emitted) and `rent` (the rent fee of the TTL extensions and size changes made).
    pub fn network(cfg: &FeeConfiguration, r: &TransactionResources, rent: i64) -> Components {
        let zero = || TransactionResources {
            instructions: 0,
            disk_read_entries: 0,
            write_entries: 0,
            disk_read_bytes: 0,
            write_bytes: 0,
            transaction_size_bytes: 0,
            contract_events_size_bytes: 0,
        };
        let fee = |r: TransactionResources| {
            let (a, b) = compute_transaction_resource_fee(&r, cfg);
            a + b
        };
        let base = fee(zero()); // the historical fee of the 300-byte result alone
        let only = |f: &dyn Fn(&mut TransactionResources)| {
            let mut one = zero();
            f(&mut one);
            fee(one) - base
        };
        Components {
            instructions: only(&|x| x.instructions = r.instructions),
            disk_read_entries: only(&|x| x.disk_read_entries = r.disk_read_entries),
            write_entries: only(&|x| x.write_entries = r.write_entries),
            disk_read_bytes: only(&|x| x.disk_read_bytes = r.disk_read_bytes),
            write_bytes: only(&|x| x.write_bytes = r.write_bytes),
            events: only(&|x| x.contract_events_size_bytes = r.contract_events_size_bytes),
            rent,
            tx_size: only(&|x| x.transaction_size_bytes = r.transaction_size_bytes) + base,
        }
    }

    /// The test host's estimate (`cost_estimate().fee()`), which has no transaction size.
    pub fn from_estimate(f: &FeeEstimate) -> Components {
        Components {
            instructions: f.instructions,
            disk_read_entries: f.disk_read_entries,
            write_entries: f.write_entries,
            disk_read_bytes: f.disk_read_bytes,
            write_bytes: f.write_bytes,
            events: f.contract_events,
            rent: f.persistent_entry_rent + f.temporary_entry_rent,
            tx_size: 0,
        }
    }

    pub fn total(&self) -> i64 {
        self.instructions + self.disk_read_entries + self.write_entries + self.disk_read_bytes + self.write_bytes + self.events + self.rent + self.tx_size
    }

    pub fn rows(&self) -> [(&'static str, i64); 9] {
        [
            ("instructions", self.instructions),
            ("disk read entries", self.disk_read_entries),
            ("write entries", self.write_entries),
            ("disk read bytes", self.disk_read_bytes),
            ("write bytes", self.write_bytes),
            ("events and return value", self.events),
            ("rent", self.rent),
            ("transaction size", self.tx_size),
            ("total", self.total()),
        ]
    }
}

/// The components side by side: one column per source.
pub fn table(columns: &[(&str, &Components)]) -> String {
    use std::fmt::Write;
    let mut out = format!("{:<26}", "fee component (stroops)");
    for (name, _) in columns {
        write!(out, " {name:>18}").unwrap();
    }
    out.push('\n');
    for i in 0..9 {
        write!(out, "{:<26}", columns[0].1.rows()[i].0).unwrap();
        for (_, c) in columns {
            write!(out, " {:>18}", c.rows()[i].1).unwrap();
        }
        out.push('\n');
    }
    out
}
