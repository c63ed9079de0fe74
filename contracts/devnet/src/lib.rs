//! traqora-devnet: a local Soroban network on the real host.
//!
//! One validator in one process: ledger entries in memory (optionally persisted to a file),
//! a ledger closed every second or on demand, transactions checked as a validator checks them
//! ([`validate`]) and applied by soroban-env-host in enforcing mode ([`apply`]), preflight by
//! soroban-simulation ([`simulate`]), and the JSON-RPC subset of Stellar RPC that
//! @stellar/stellar-sdk's `rpc.Server` speaks ([`rpc`], [`server`]). [`genesis`] deploys the
//! Traqora contracts from their wasm. See contracts/README.md, *Local devnet*.

pub mod apply;
pub mod auth;
pub mod events;
pub mod faults;
pub mod genesis;
pub mod keys;
pub mod ledger;
pub mod metering;
pub mod modules;
pub mod node;
pub mod rpc;
pub mod scval;
pub mod server;
pub mod settings;
pub mod simulate;
pub mod store;
pub mod submit;
pub mod validate;
