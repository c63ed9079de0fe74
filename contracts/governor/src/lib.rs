//! Traqora governor: TRQ holders propose, vote for/against/abstain and execute on-chain actions
//! after a timelock — OpenZeppelin's `Governor` (proposal threshold, voting delay and period,
//! absolute quorum, simple counting) with OpenZeppelin's timelock bookkeeping for the delay.
//!
//! Lifecycle (all times in **ledgers**, as OZ counts them):
//! `propose` → Pending (voting delay) → Active (voting period, `cast_vote` with the voter's TRQ
//! votes at the proposal's snapshot ledger) → Succeeded (for > against and for + abstain ≥
//! quorum) or Defeated → `queue` schedules a timelock operation (≥ `timelock_delay` ledgers) →
//! `execute` once the operation is ready → Executed. The proposer may `cancel` until executed.
//!
//! The timelock lives in this contract (OZ `timelock` storage functions): the operation recorded
//! for a proposal is "execute proposal X", marked done when `execute` runs, so Soroban's
//! no-re-entry rule is never hit. The governor cannot upgrade itself (that would be re-entry): its
//! `upgrade` is gated by the admin multisig.
#![no_std]

use soroban_sdk::{
    contract, contracterror, contractimpl, panic_with_error, Address, BytesN, Env, IntoVal,
    String, Symbol, Val, Vec,
};
use stellar_access::access_control::{self as access, AccessControl};
use stellar_contract_utils::upgradeable;
use stellar_governance::governor::{self as governor, Governor, ProposalState};
use stellar_governance::timelock::{self as timelock, Operation};
use stellar_macros::only_admin;
use traqora_common::ttl;

pub const STORAGE_VERSION: u32 = 1;

#[contracterror]
#[derive(Copy, Clone, Debug, Eq, PartialEq, PartialOrd, Ord)]
#[repr(u32)]
pub enum GovernanceError {
    NotProposer = 1,
    AlreadyMigrated = 2,
}

#[contract]
pub struct TraqoraGovernor;

/// The timelock operation standing for "execute proposal `proposal_id`".
fn operation(e: &Env, proposal_id: &BytesN<32>) -> Operation {
    let mut args: Vec<Val> = Vec::new(e);
    args.push_back(proposal_id.into_val(e));
    Operation {
        target: e.current_contract_address(),
        function: Symbol::new(e, "execute"),
        args,
        predecessor: BytesN::from_array(e, &[0u8; 32]),
        salt: proposal_id.clone(),
    }
}

#[contractimpl]
impl TraqoraGovernor {
    /// `admin` (the admin multisig) may only upgrade/migrate the governor. Delays and periods are
    /// in ledgers (~5 s each); `quorum` and `proposal_threshold` in TRQ base units of votes.
    #[allow(clippy::too_many_arguments)]
    pub fn __constructor(
        e: &Env,
        admin: Address,
        token: Address,
        voting_delay: u32,
        voting_period: u32,
        proposal_threshold: u128,
        quorum: u128,
        timelock_delay: u32,
    ) {
        access::set_admin(e, &admin);
        governor::set_name(e, String::from_str(e, "Traqora Governor"));
        governor::set_version(e, String::from_str(e, "1"));
        governor::set_token_contract(e, &token);
        governor::set_voting_delay(e, voting_delay);
        governor::set_voting_period(e, voting_period);
        governor::set_proposal_threshold(e, proposal_threshold);
        governor::set_quorum(e, quorum);
        timelock::set_min_delay(e, timelock_delay);
        upgradeable::set_schema_version(e, STORAGE_VERSION);
        ttl::bump_instance(e);
    }

    pub fn timelock_delay(e: &Env) -> u32 {
        timelock::get_min_delay(e)
    }

    /// Ledger from which a queued proposal can be executed (0 if not queued, 1 once executed).
    pub fn proposal_eta(e: &Env, proposal_id: BytesN<32>) -> u32 {
        let op = operation(e, &proposal_id);
        timelock::get_operation_ledger(e, &timelock::hash_operation(e, &op))
    }

    pub fn storage_version(e: &Env) -> u32 {
        upgradeable::get_schema_version(e)
    }

    #[only_admin]
    pub fn migrate(e: &Env) {
        if upgradeable::get_schema_version(e) >= STORAGE_VERSION {
            panic_with_error!(e, GovernanceError::AlreadyMigrated);
        }
        upgradeable::set_schema_version(e, STORAGE_VERSION);
        ttl::bump_instance(e);
    }
}

#[contractimpl(contracttrait)]
impl Governor for TraqoraGovernor {
    fn proposals_need_queuing(_e: &Env) -> bool {
        true
    }

    /// OZ's `propose`, plus the instance-TTL bump OZ leaves to the contract.
    fn propose(
        e: &Env,
        targets: Vec<Address>,
        functions: Vec<Symbol>,
        args: Vec<Vec<Val>>,
        description: String,
        proposer: Address,
    ) -> BytesN<32> {
        proposer.require_auth();
        ttl::bump_instance(e);
        governor::propose(e, targets, functions, args, description, &proposer)
    }

    /// OZ's `cast_vote` (weight = the voter's TRQ votes at the proposal snapshot), plus the
    /// instance-TTL bump.
    fn cast_vote(e: &Env, proposal_id: BytesN<32>, vote_type: u32, reason: String, voter: Address) -> u128 {
        voter.require_auth();
        ttl::bump_instance(e);
        let quorum = Self::quorum(e, governor::get_proposal_snapshot(e, &proposal_id));
        governor::cast_vote(e, &proposal_id, vote_type, &reason, &voter, quorum)
    }

    /// Anyone may queue a succeeded proposal. The delay is `max(eta - now, timelock_delay)`.
    fn queue(
        e: &Env,
        targets: Vec<Address>,
        functions: Vec<Symbol>,
        args: Vec<Vec<Val>>,
        description_hash: BytesN<32>,
        eta: u32,
        _operator: Address,
    ) -> BytesN<32> {
        ttl::bump_instance(e);
        let now = e.ledger().sequence();
        let delay = eta.saturating_sub(now).max(timelock::get_min_delay(e));
        let proposal_id = governor::hash_proposal(e, &targets, &functions, &args, &description_hash);
        let quorum = Self::quorum(e, governor::get_proposal_snapshot(e, &proposal_id));
        governor::queue(e, targets, functions, args, &description_hash, now + delay, quorum);
        timelock::schedule_operation(e, &operation(e, &proposal_id), delay);
        proposal_id
    }

    /// Anyone (with their signature) may execute a queued proposal once its timelock is ready.
    fn execute(
        e: &Env,
        targets: Vec<Address>,
        functions: Vec<Symbol>,
        args: Vec<Vec<Val>>,
        description_hash: BytesN<32>,
        executor: Address,
    ) -> BytesN<32> {
        executor.require_auth();
        ttl::bump_instance(e);
        let proposal_id = governor::hash_proposal(e, &targets, &functions, &args, &description_hash);
        // Fails with the timelock's error unless the delay has passed.
        timelock::set_execute_operation(e, &operation(e, &proposal_id));
        let quorum = Self::quorum(e, governor::get_proposal_snapshot(e, &proposal_id));
        governor::execute(e, targets, functions, args, &description_hash, true, quorum)
    }

    /// Only the proposer cancels, any time before execution (a queued operation is cancelled too).
    fn cancel(
        e: &Env,
        targets: Vec<Address>,
        functions: Vec<Symbol>,
        args: Vec<Vec<Val>>,
        description_hash: BytesN<32>,
        operator: Address,
    ) -> BytesN<32> {
        operator.require_auth();
        ttl::bump_instance(e);
        let proposal_id = governor::hash_proposal(e, &targets, &functions, &args, &description_hash);
        if governor::get_proposal_proposer(e, &proposal_id) != operator {
            panic_with_error!(e, GovernanceError::NotProposer);
        }
        let op_id = timelock::hash_operation(e, &operation(e, &proposal_id));
        if timelock::is_operation_pending(e, &op_id) {
            timelock::cancel_operation(e, &op_id);
        }
        governor::cancel(e, targets, functions, args, &description_hash)
    }
}

#[contractimpl(contracttrait)]
impl AccessControl for TraqoraGovernor {}

traqora_common::admin_upgradeable!(TraqoraGovernor);

#[cfg(test)]
mod test;
