//! Admin multisig: M-of-N proposals with expiry that gate every admin action of the other
//! contracts (parameters, pauses, role grants, upgrades, migrations).
//!
//! The other contracts name this contract as their OpenZeppelin access-control admin. When an
//! approved `Invoke` proposal is executed, this contract calls the target directly, so the
//! target's `admin.require_auth()` is satisfied by the direct-invoker rule — no signature of a
//! single person ever is.
//!
//! Changes to the multisig itself (`AddSigner`, `RemoveSigner`, `SetThreshold`, `UpgradeSelf`)
//! are proposals too, applied internally: Soroban forbids a contract to call itself.
//!
//! Invariants: `2 ≤ threshold ≤ signers ≤ MAX_SIGNERS` and `threshold > signers / 2` (so two
//! disjoint groups can never both pass proposals); a proposal executes at most once, before its
//! stored `expires_at`, and only with `threshold` approvals from *current* signers.
#![no_std]

use soroban_sdk::{
    contract, contracterror, contractevent, contractimpl, contracttype, panic_with_error, Address,
    BytesN, Env, IntoVal, Symbol, Val, Vec,
};
use stellar_contract_utils::upgradeable;
use traqora_common::ttl;

pub const STORAGE_VERSION: u32 = 1;
pub const MAX_SIGNERS: u32 = 10;

#[contracterror]
#[derive(Copy, Clone, Debug, Eq, PartialEq, PartialOrd, Ord)]
#[repr(u32)]
pub enum MultisigError {
    NotSigner = 1,
    ProposalNotFound = 2,
    AlreadyApproved = 3,
    ProposalExpired = 4,
    AlreadyExecuted = 5,
    ThresholdNotMet = 6,
    InvalidThreshold = 7,
    SignerExists = 8,
    SignerMissing = 9,
    TooManySigners = 10,
    InvalidLifetime = 11,
    AlreadyMigrated = 12,
}

/// A call this contract makes as the admin of `contract`.
#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct InvokeCall {
    pub contract: Address,
    pub function: Symbol,
    pub args: Vec<Val>,
}

#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub enum AdminAction {
    Invoke(InvokeCall),
    AddSigner(Address),
    RemoveSigner(Address),
    SetThreshold(u32),
    UpgradeSelf(BytesN<32>),
}

#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct Proposal {
    pub id: u64,
    pub proposer: Address,
    pub action: AdminAction,
    /// Signers who approved (bounded by `MAX_SIGNERS`).
    pub approvals: Vec<Address>,
    pub created_at: u64,
    pub expires_at: u64,
    pub executed: bool,
}

#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct MultisigConfig {
    pub signers: Vec<Address>,
    pub threshold: u32,
    /// Seconds a proposal stays open for approval and execution.
    pub proposal_lifetime: u64,
}

#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub enum DataKey {
    Config,
    NextId,
    Proposal(u64),
}

#[contractevent(topics = ["multisig", "proposed"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct ActionProposed {
    #[topic]
    pub proposal_id: u64,
    #[topic]
    pub proposer: Address,
    pub action: AdminAction,
    pub expires_at: u64,
}

#[contractevent(topics = ["multisig", "approved"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct ActionApproved {
    #[topic]
    pub proposal_id: u64,
    #[topic]
    pub signer: Address,
    pub approvals: u32,
}

#[contractevent(topics = ["multisig", "executed"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct ActionExecuted {
    #[topic]
    pub proposal_id: u64,
    #[topic]
    pub executor: Address,
}

#[contractevent(topics = ["multisig", "signers_changed"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct SignersChanged {
    pub signers: Vec<Address>,
    pub threshold: u32,
}

#[contract]
pub struct AdminMultisig;

fn fail(e: &Env, err: MultisigError) -> ! {
    panic_with_error!(e, err)
}

fn config(e: &Env) -> MultisigConfig {
    e.storage().instance().get(&DataKey::Config).expect("constructed")
}

fn validate(e: &Env, signers: &Vec<Address>, threshold: u32) {
    let n = signers.len();
    if n > MAX_SIGNERS {
        fail(e, MultisigError::TooManySigners);
    }
    if threshold < 2 || threshold > n || threshold * 2 <= n {
        fail(e, MultisigError::InvalidThreshold);
    }
    for (i, s) in signers.iter().enumerate() {
        if signers.first_index_of(&s) != Some(i as u32) {
            fail(e, MultisigError::SignerExists);
        }
    }
}

fn save_config(e: &Env, cfg: &MultisigConfig) {
    validate(e, &cfg.signers, cfg.threshold);
    e.storage().instance().set(&DataKey::Config, cfg);
    ttl::bump_instance(e);
}

fn require_signer(e: &Env, who: &Address) -> MultisigConfig {
    who.require_auth();
    ttl::bump_instance(e);
    let cfg = config(e);
    if !cfg.signers.contains(who) {
        fail(e, MultisigError::NotSigner);
    }
    cfg
}

fn load(e: &Env, id: u64) -> Proposal {
    let key = DataKey::Proposal(id);
    let p = e.storage().persistent().get(&key).unwrap_or_else(|| fail(e, MultisigError::ProposalNotFound));
    ttl::bump_persistent(e, &key);
    p
}

fn save(e: &Env, p: &Proposal) {
    let key = DataKey::Proposal(p.id);
    e.storage().persistent().set(&key, p);
    ttl::bump_persistent(e, &key);
}

fn ensure_open(e: &Env, p: &Proposal) {
    if p.executed {
        fail(e, MultisigError::AlreadyExecuted);
    }
    if e.ledger().timestamp() >= p.expires_at {
        fail(e, MultisigError::ProposalExpired);
    }
}

/// Approvals that still count: from addresses that are signers now.
fn live_approvals(cfg: &MultisigConfig, p: &Proposal) -> u32 {
    p.approvals.iter().filter(|a| cfg.signers.contains(a)).count() as u32
}

/// Checks that a self-administration action would leave a valid configuration.
fn check_action(e: &Env, cfg: &MultisigConfig, action: &AdminAction) {
    match action {
        AdminAction::AddSigner(s) => {
            if cfg.signers.contains(s) {
                fail(e, MultisigError::SignerExists);
            }
            let n = cfg.signers.len() + 1;
            if n > MAX_SIGNERS {
                fail(e, MultisigError::TooManySigners);
            }
            if cfg.threshold * 2 <= n {
                fail(e, MultisigError::InvalidThreshold);
            }
        }
        AdminAction::RemoveSigner(s) => {
            if !cfg.signers.contains(s) {
                fail(e, MultisigError::SignerMissing);
            }
            let remaining = cfg.signers.len() - 1;
            if cfg.threshold > remaining || cfg.threshold * 2 <= remaining {
                fail(e, MultisigError::InvalidThreshold);
            }
        }
        AdminAction::SetThreshold(t) => {
            let n = cfg.signers.len();
            if *t < 2 || *t > n || *t * 2 <= n {
                fail(e, MultisigError::InvalidThreshold);
            }
        }
        AdminAction::Invoke(_) | AdminAction::UpgradeSelf(_) => {}
    }
}

#[contractimpl]
impl AdminMultisig {
    /// E.g. 3 signers with threshold 2, or 5 with threshold 3. `proposal_lifetime` in seconds.
    pub fn __constructor(e: &Env, signers: Vec<Address>, threshold: u32, proposal_lifetime: u64) {
        if proposal_lifetime == 0 {
            fail(e, MultisigError::InvalidLifetime);
        }
        save_config(e, &MultisigConfig { signers, threshold, proposal_lifetime });
        upgradeable::set_schema_version(e, STORAGE_VERSION);
    }

    /// A signer proposes an action; the proposer's approval is counted. Returns the proposal id.
    pub fn propose_admin_action(e: &Env, proposer: Address, action: AdminAction) -> u64 {
        let cfg = require_signer(e, &proposer);
        check_action(e, &cfg, &action);
        let id: u64 = e.storage().instance().get(&DataKey::NextId).unwrap_or(1);
        e.storage().instance().set(&DataKey::NextId, &(id + 1));
        let now = e.ledger().timestamp();
        let expires_at = now.saturating_add(cfg.proposal_lifetime);
        let mut approvals = Vec::new(e);
        approvals.push_back(proposer.clone());
        save(
            e,
            &Proposal {
                id,
                proposer: proposer.clone(),
                action: action.clone(),
                approvals,
                created_at: now,
                expires_at,
                executed: false,
            },
        );
        ActionProposed { proposal_id: id, proposer: proposer.clone(), action, expires_at }.publish(e);
        ActionApproved { proposal_id: id, signer: proposer, approvals: 1 }.publish(e);
        id
    }

    pub fn approve_admin_action(e: &Env, signer: Address, proposal_id: u64) -> u32 {
        let cfg = require_signer(e, &signer);
        let mut p = load(e, proposal_id);
        ensure_open(e, &p);
        if p.approvals.contains(&signer) {
            fail(e, MultisigError::AlreadyApproved);
        }
        p.approvals.push_back(signer.clone());
        save(e, &p);
        let approvals = live_approvals(&cfg, &p);
        ActionApproved { proposal_id, signer, approvals }.publish(e);
        approvals
    }

    /// A signer executes a proposal that has `threshold` approvals from current signers and has
    /// not expired. `Invoke` returns the target's return value.
    pub fn execute_admin_action(e: &Env, executor: Address, proposal_id: u64) -> Val {
        let mut cfg = require_signer(e, &executor);
        let mut p = load(e, proposal_id);
        ensure_open(e, &p);
        if live_approvals(&cfg, &p) < cfg.threshold {
            fail(e, MultisigError::ThresholdNotMet);
        }
        // Re-check self-administration against the configuration as it is now.
        check_action(e, &cfg, &p.action);
        p.executed = true;
        save(e, &p);
        ActionExecuted { proposal_id, executor }.publish(e);
        match p.action {
            AdminAction::Invoke(call) => {
                return e.invoke_contract::<Val>(&call.contract, &call.function, call.args);
            }
            AdminAction::AddSigner(s) => {
                cfg.signers.push_back(s);
            }
            AdminAction::RemoveSigner(s) => {
                let i = cfg.signers.first_index_of(&s).unwrap();
                cfg.signers.remove(i);
            }
            AdminAction::SetThreshold(t) => {
                cfg.threshold = t;
            }
            AdminAction::UpgradeSelf(hash) => {
                upgradeable::upgrade(e, &hash);
                return ().into_val(e);
            }
        }
        save_config(e, &cfg);
        SignersChanged { signers: cfg.signers, threshold: cfg.threshold }.publish(e);
        ().into_val(e)
    }

    /// Shortcut for `propose_admin_action(proposer, AddSigner(signer))`.
    pub fn add_signer(e: &Env, proposer: Address, signer: Address) -> u64 {
        Self::propose_admin_action(e, proposer, AdminAction::AddSigner(signer))
    }

    /// Shortcut for `propose_admin_action(proposer, RemoveSigner(signer))`.
    pub fn remove_signer(e: &Env, proposer: Address, signer: Address) -> u64 {
        Self::propose_admin_action(e, proposer, AdminAction::RemoveSigner(signer))
    }

    pub fn get_proposal(e: &Env, proposal_id: u64) -> Proposal {
        load(e, proposal_id)
    }

    pub fn is_executable(e: &Env, proposal_id: u64) -> bool {
        let cfg = config(e);
        match e.storage().persistent().get::<_, Proposal>(&DataKey::Proposal(proposal_id)) {
            Some(p) => {
                !p.executed
                    && e.ledger().timestamp() < p.expires_at
                    && live_approvals(&cfg, &p) >= cfg.threshold
            }
            None => false,
        }
    }

    pub fn get_config(e: &Env) -> MultisigConfig {
        config(e)
    }

    pub fn storage_version(e: &Env) -> u32 {
        upgradeable::get_schema_version(e)
    }

    /// Migration entry point after an `UpgradeSelf`. It runs fixed code guarded by the storage
    /// version, so it needs no signer: anyone may trigger it once per version.
    pub fn migrate(e: &Env) {
        if upgradeable::get_schema_version(e) >= STORAGE_VERSION {
            fail(e, MultisigError::AlreadyMigrated);
        }
        upgradeable::set_schema_version(e, STORAGE_VERSION);
        ttl::bump_instance(e);
    }
}

#[cfg(test)]
mod test;
