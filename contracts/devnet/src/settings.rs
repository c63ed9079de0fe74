//! The network's settings: passphrase, protocol, TTLs, per-transaction limits and fee rates.
//!
//! Limits are soroban-sdk 26.1.1's `InvocationResourceLimits::mainnet()` (what the contract test
//! host enforces); fee rates are the SDK's mainnet fee snapshot that `cost_estimate().fee()` and
//! the cost report (contracts/wasm-tests/tests/costs.rs) use, so the devnet's fees and the cost
//! report's agree — except the rent rate (see `fee_per_rent_1kb`). Cost model parameters are the host's own calibrated defaults (see
//! [`default_cost_params`]).

use soroban_env_host::budget::Budget;
use soroban_env_host::fees::{FeeConfiguration, RentFeeConfiguration};
use soroban_env_host::xdr::{ContractCostParamEntry, ContractCostParams, ContractCostType, ExtensionPoint};
use soroban_env_host::LedgerInfo;
use soroban_simulation::NetworkConfig;

use crate::keys::sha256;

pub const DEFAULT_PASSPHRASE: &str = "Traqora Devnet ; December 2026";
/// Stroops per operation, the network's minimum inclusion fee.
pub const BASE_FEE: i64 = 100;
pub const BASE_RESERVE: u32 = 5_000_000;
pub const TX_MAX_INSTRUCTIONS: u64 = 600_000_000;
pub const TX_MEMORY_LIMIT: u64 = 41_943_040;
pub const TX_MAX_DISK_READ_ENTRIES: u32 = 100;
pub const TX_MAX_WRITE_ENTRIES: u32 = 50;
pub const TX_MAX_DISK_READ_BYTES: u32 = 200_000;
pub const TX_MAX_WRITE_BYTES: u32 = 132_096;
pub const TX_MAX_EVENTS_BYTES: u32 = 16_384;
pub const TX_MAX_SIZE_BYTES: u32 = 132_096;
/// Ledgers the RPC keeps transactions and events for (a day of 5-second ledgers, as stellar-rpc's
/// default; here ledgers close every second, so about five hours).
pub const RETENTION_LEDGERS: u32 = 17_280;
/// Mainnet TTL settings (the same the contract tests use): ~1 day temporary, ~120 days
/// persistent minimum, ~180 days maximum, in 5-second ledgers.
pub const MIN_TEMP_TTL: u32 = 17_280;
pub const MIN_PERSISTENT_TTL: u32 = 120 * 17_280;
pub const MAX_ENTRY_TTL: u32 = 180 * 17_280;

pub struct Settings {
    pub passphrase: String,
    pub network_id: [u8; 32],
    pub protocol_version: u32,
    pub network: NetworkConfig,
}

impl Settings {
    pub fn new(passphrase: &str) -> Settings {
        let (cpu, mem) = default_cost_params();
        let network = NetworkConfig {
            fee_configuration: FeeConfiguration {
                fee_per_instruction_increment: 25,
                fee_per_disk_read_entry: 6_250,
                fee_per_write_entry: 10_000,
                fee_per_disk_read_1kb: 1_786,
                fee_per_write_1kb: 3_500,
                fee_per_historical_1kb: 16_235,
                fee_per_contract_event_1kb: 10_000,
                fee_per_transaction_size_1kb: 1_624,
            },
            rent_fee_configuration: RentFeeConfiguration {
                fee_per_write_1kb: 3_500,
                // The SDK's snapshot uses 12,000, an overestimate by its own account; with it a
                // 40 KB contract upload costs ~300 XLM of rent (code pays on its in-memory module
                // size) and a 64 KB one exceeds what a transaction's u32 fee can bid. 1,000 keeps
                // every upload of ours bid-able; calls' rent is small either way.
                fee_per_rent_1kb: 1_000,
                fee_per_write_entry: 10_000,
                persistent_rent_rate_denominator: 2_103,
                temporary_rent_rate_denominator: 4_206,
            },
            tx_max_instructions: TX_MAX_INSTRUCTIONS as i64,
            tx_memory_limit: TX_MEMORY_LIMIT as u32,
            cpu_cost_params: cpu,
            memory_cost_params: mem,
            min_temp_entry_ttl: MIN_TEMP_TTL,
            min_persistent_entry_ttl: MIN_PERSISTENT_TTL,
            max_entry_ttl: MAX_ENTRY_TTL,
        };
        Settings {
            passphrase: passphrase.to_string(),
            network_id: sha256(passphrase.as_bytes()),
            protocol_version: soroban_env_host::meta::INTERFACE_VERSION.protocol,
            network,
        }
    }

    pub fn ledger_info(&self, sequence_number: u32, timestamp: u64) -> LedgerInfo {
        let mut info = LedgerInfo {
            protocol_version: self.protocol_version,
            sequence_number,
            timestamp,
            network_id: self.network_id,
            base_reserve: BASE_RESERVE,
            ..Default::default()
        };
        self.network.fill_config_fields_in_ledger_info(&mut info);
        info
    }

    /// A budget with the network's cost model and the given limits.
    pub fn budget(&self, cpu_limit: u64, mem_limit: u64) -> Budget {
        Budget::try_from_configs(
            cpu_limit,
            mem_limit,
            self.network.cpu_cost_params.clone(),
            self.network.memory_cost_params.clone(),
        )
        .expect("the host's own cost parameters are valid")
    }
}

/// The host's calibrated cost model (`Budget::default()`, the one the contract test host meters
/// with) as the `ContractCostParams` a network configures. The host keeps the models private and
/// prints them only in its budget report, so they are read from there: one row per cost type, in
/// `ContractCostType::variants()` order, ending in const/linear terms for CPU, then memory.
pub fn default_cost_params() -> (ContractCostParams, ContractCostParams) {
    let report = format!("{:?}", Budget::default());
    let mut cpu = Vec::new();
    let mut mem = Vec::new();
    for ct in ContractCostType::variants() {
        let name = format!("{ct:?}");
        let row = report
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name.as_str()))
            .unwrap_or_else(|| panic!("the host's budget report has no row for {name}"));
        let cols: Vec<i64> = row.split_whitespace().rev().take(4).map(|c| c.parse().expect("a cost term")).collect();
        // reversed: lin_mem, const_mem, lin_cpu, const_cpu
        cpu.push(ContractCostParamEntry { ext: ExtensionPoint::V0, const_term: cols[3], linear_term: cols[2] });
        mem.push(ContractCostParamEntry { ext: ExtensionPoint::V0, const_term: cols[1], linear_term: cols[0] });
    }
    (ContractCostParams(cpu.try_into().unwrap()), ContractCostParams(mem.try_into().unwrap()))
}
