#![cfg(test)]
extern crate std;

use super::*;
use soroban_sdk::testutils::{Address as _, EnvTestConfig, Events as _, Ledger as _, MockAuth, MockAuthInvoke};
use soroban_sdk::{contract, contractimpl, symbol_short, vec, Env, IntoVal, TryFromVal};

/// Stand-in for a Traqora contract whose admin is the multisig.
#[contract]
pub struct Target;

#[contractimpl]
impl Target {
    pub fn __constructor(e: &Env, admin: Address) {
        e.storage().instance().set(&symbol_short!("admin"), &admin);
    }
    pub fn set_fee(e: &Env, fee: u32) -> u32 {
        let admin: Address = e.storage().instance().get(&symbol_short!("admin")).unwrap();
        admin.require_auth();
        e.storage().instance().set(&symbol_short!("fee"), &fee);
        fee * 2
    }
    pub fn fee(e: &Env) -> u32 {
        e.storage().instance().get(&symbol_short!("fee")).unwrap_or(0)
    }
}

struct T {
    env: Env,
    s: std::vec::Vec<Address>,
    ms: AdminMultisigClient<'static>,
    target: TargetClient<'static>,
}

const LIFE: u64 = 3 * 86_400;

fn setup_n(n: usize, threshold: u32) -> T {
    let env = Env::new_with_config(EnvTestConfig { capture_snapshot_at_drop: false });
    env.mock_all_auths();
    env.ledger().set_timestamp(1_000);
    let s: std::vec::Vec<Address> = (0..n).map(|_| Address::generate(&env)).collect();
    let mut signers = Vec::new(&env);
    for a in &s {
        signers.push_back(a.clone());
    }
    let ms_id = env.register(AdminMultisig, (signers, threshold, LIFE));
    let target_id = env.register(Target, (&ms_id,));
    T { ms: AdminMultisigClient::new(&env, &ms_id), target: TargetClient::new(&env, &target_id), env, s }
}

fn setup() -> T {
    setup_n(3, 2)
}

impl T {
    fn set_fee_action(&self, fee: u32) -> AdminAction {
        AdminAction::Invoke(InvokeCall {
            contract: self.target.address.clone(),
            function: symbol_short!("set_fee"),
            args: vec![&self.env, fee.into_val(&self.env)],
        })
    }
}

fn err<T: core::fmt::Debug, C: core::fmt::Debug>(
    r: Result<Result<T, C>, Result<soroban_sdk::Error, soroban_sdk::InvokeError>>,
) -> MultisigError {
    match r {
        Err(Ok(e)) => MultisigError::try_from(e).unwrap_or_else(|_| panic!("not a multisig error: {:?}", e)),
        other => panic!("expected contract error, got {:?}", other),
    }
}

fn try_register(n: usize, threshold: u32, lifetime: u64, dup: bool) -> bool {
    let env = Env::new_with_config(EnvTestConfig { capture_snapshot_at_drop: false });
    let mut signers = Vec::new(&env);
    for _ in 0..n {
        signers.push_back(Address::generate(&env));
    }
    if dup {
        signers.push_back(signers.get(0).unwrap());
    }
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        env.register(AdminMultisig, (signers, threshold, lifetime));
    }))
    .is_ok()
}

#[test]
fn constructor_accepts_majority_thresholds_only() {
    assert!(try_register(3, 2, LIFE, false));
    assert!(try_register(5, 3, LIFE, false));
    assert!(try_register(10, 6, LIFE, false));
    assert!(!try_register(3, 1, LIFE, false)); // single signer could act alone
    assert!(!try_register(4, 2, LIFE, false)); // two disjoint pairs could both act
    assert!(!try_register(3, 4, LIFE, false));
    assert!(!try_register(11, 6, LIFE, false));
    assert!(!try_register(2, 2, LIFE, true)); // duplicate signer
    assert!(!try_register(3, 2, 0, false)); // InvalidLifetime
}

#[test]
fn two_of_three_executes_a_gated_call() {
    let t = setup();
    let id = t.ms.propose_admin_action(&t.s[0], &t.set_fee_action(250));
    assert_eq!(t.env.auths()[0].0, t.s[0]);
    assert!(!t.ms.is_executable(&id));
    assert_eq!(err(t.ms.try_execute_admin_action(&t.s[0], &id)), MultisigError::ThresholdNotMet);
    assert_eq!(t.ms.approve_admin_action(&t.s[1], &id), 2);
    assert!(t.ms.is_executable(&id));
    let ret = t.ms.execute_admin_action(&t.s[2], &id);
    assert_eq!(u32::try_from_val(&t.env, &ret).unwrap(), 500);
    assert_eq!(t.target.fee(), 250);
    assert!(t.ms.get_proposal(&id).executed);
    assert_eq!(err(t.ms.try_execute_admin_action(&t.s[0], &id)), MultisigError::AlreadyExecuted);
    assert_eq!(err(t.ms.try_approve_admin_action(&t.s[2], &id)), MultisigError::AlreadyExecuted);
}

#[test]
fn three_of_five_needs_three() {
    let t = setup_n(5, 3);
    let id = t.ms.propose_admin_action(&t.s[4], &t.set_fee_action(9));
    t.ms.approve_admin_action(&t.s[3], &id);
    assert_eq!(err(t.ms.try_execute_admin_action(&t.s[0], &id)), MultisigError::ThresholdNotMet);
    t.ms.approve_admin_action(&t.s[0], &id);
    t.ms.execute_admin_action(&t.s[0], &id);
    assert_eq!(t.target.fee(), 9);
}

#[test]
fn a_single_signer_cannot_act_as_admin() {
    let t = setup();
    // directly: the target wants the multisig's authorisation, a signer's is not enough
    t.env.mock_auths(&[MockAuth {
        address: &t.s[0],
        invoke: &MockAuthInvoke {
            contract: &t.target.address,
            fn_name: "set_fee",
            args: (1u32,).into_val(&t.env),
            sub_invokes: &[],
        },
    }]);
    assert!(t.target.try_set_fee(&1).is_err());
    assert_eq!(t.target.fee(), 0);
}

#[test]
fn only_signers_propose_approve_execute() {
    let t = setup();
    let outsider = Address::generate(&t.env);
    assert_eq!(err(t.ms.try_propose_admin_action(&outsider, &t.set_fee_action(1))), MultisigError::NotSigner);
    let id = t.ms.propose_admin_action(&t.s[0], &t.set_fee_action(1));
    assert_eq!(err(t.ms.try_approve_admin_action(&outsider, &id)), MultisigError::NotSigner);
    t.ms.approve_admin_action(&t.s[1], &id);
    assert_eq!(err(t.ms.try_execute_admin_action(&outsider, &id)), MultisigError::NotSigner);
    // and a signer's signature is required, not just their address
    t.env.set_auths(&[]);
    assert!(t.ms.try_execute_admin_action(&t.s[1], &id).is_err());
    assert!(t.ms.try_approve_admin_action(&t.s[2], &id).is_err());
    assert!(t.ms.try_propose_admin_action(&t.s[2], &t.set_fee_action(2)).is_err());
}

#[test]
fn approvals_are_counted_once() {
    let t = setup();
    let id = t.ms.propose_admin_action(&t.s[0], &t.set_fee_action(1));
    assert_eq!(err(t.ms.try_approve_admin_action(&t.s[0], &id)), MultisigError::AlreadyApproved);
    assert_eq!(err(t.ms.try_approve_admin_action(&t.s[0], &77)), MultisigError::ProposalNotFound);
    assert_eq!(err(t.ms.try_get_proposal(&77)), MultisigError::ProposalNotFound);
    assert!(!t.ms.is_executable(&77));
}

#[test]
fn proposals_expire_at_the_stored_time() {
    let t = setup();
    let id = t.ms.propose_admin_action(&t.s[0], &t.set_fee_action(1));
    assert_eq!(t.ms.get_proposal(&id).expires_at, 1_000 + LIFE);
    t.ms.approve_admin_action(&t.s[1], &id);
    t.env.ledger().set_timestamp(1_000 + LIFE);
    assert!(!t.ms.is_executable(&id));
    assert_eq!(err(t.ms.try_execute_admin_action(&t.s[0], &id)), MultisigError::ProposalExpired);
    assert_eq!(err(t.ms.try_approve_admin_action(&t.s[2], &id)), MultisigError::ProposalExpired);
    assert_eq!(t.target.fee(), 0);
}

fn pass(t: &T, action: AdminAction) -> u64 {
    let id = t.ms.propose_admin_action(&t.s[0], &action);
    for s in t.s.iter().skip(1).take(t.ms.get_config().threshold as usize - 1) {
        t.ms.approve_admin_action(s, &id);
    }
    t.ms.execute_admin_action(&t.s[0], &id);
    id
}

#[test]
fn grow_from_two_of_three_to_three_of_five() {
    let t = setup();
    let (d, e) = (Address::generate(&t.env), Address::generate(&t.env));
    // 2-of-4 would not be a majority: adding first is refused
    assert_eq!(err(t.ms.try_add_signer(&t.s[0], &d)), MultisigError::InvalidThreshold);
    pass(&t, AdminAction::SetThreshold(3));
    assert_eq!(t.ms.get_config().threshold, 3);
    let id = t.ms.add_signer(&t.s[0], &d);
    t.ms.approve_admin_action(&t.s[1], &id);
    t.ms.approve_admin_action(&t.s[2], &id);
    t.ms.execute_admin_action(&t.s[2], &id);
    let evs = t.env.events().all().filter_by_contract(&t.ms.address);
    let changed = SignersChanged { signers: t.ms.get_config().signers, threshold: 3 };
    assert!(evs.events().contains(&soroban_sdk::Event::to_xdr(&changed, &t.env, &t.ms.address)));
    pass(&t, AdminAction::AddSigner(e.clone()));
    let cfg = t.ms.get_config();
    assert_eq!((cfg.signers.len(), cfg.threshold), (5, 3));
    assert_eq!(err(t.ms.try_add_signer(&t.s[0], &e)), MultisigError::SignerExists);
}

#[test]
fn remove_signer_keeps_a_valid_configuration() {
    let t = setup_n(5, 3);
    let gone = t.s[4].clone();
    let id = t.ms.remove_signer(&t.s[0], &gone);
    t.ms.approve_admin_action(&t.s[1], &id);
    t.ms.approve_admin_action(&t.s[2], &id);
    t.ms.execute_admin_action(&t.s[0], &id);
    assert_eq!(t.ms.get_config().signers.len(), 4); // 3-of-4
    assert_eq!(err(t.ms.try_propose_admin_action(&gone, &t.set_fee_action(1))), MultisigError::NotSigner);
    assert_eq!(err(t.ms.try_remove_signer(&t.s[0], &gone)), MultisigError::SignerMissing);
    // 3-of-3 remains valid, 3-of-2 would not be
    pass(&t, AdminAction::RemoveSigner(t.s[3].clone()));
    assert_eq!(err(t.ms.try_remove_signer(&t.s[0], &t.s[2])), MultisigError::InvalidThreshold);
    assert_eq!(err(t.ms.try_propose_admin_action(&t.s[0], &AdminAction::SetThreshold(1))), MultisigError::InvalidThreshold);
    assert_eq!(err(t.ms.try_propose_admin_action(&t.s[0], &AdminAction::SetThreshold(4))), MultisigError::InvalidThreshold);
}

#[test]
fn approvals_of_removed_signers_stop_counting() {
    let t = setup_n(5, 3);
    let pending = t.ms.propose_admin_action(&t.s[4], &t.set_fee_action(7));
    t.ms.approve_admin_action(&t.s[3], &pending);
    pass(&t, AdminAction::RemoveSigner(t.s[4].clone()));
    t.ms.approve_admin_action(&t.s[0], &pending);
    // s4's approval no longer counts: 2 live approvals of 3 needed
    assert_eq!(err(t.ms.try_execute_admin_action(&t.s[0], &pending)), MultisigError::ThresholdNotMet);
    t.ms.approve_admin_action(&t.s[1], &pending);
    t.ms.execute_admin_action(&t.s[0], &pending);
    assert_eq!(t.target.fee(), 7);
}

#[test]
fn self_actions_are_rechecked_at_execution() {
    let t = setup_n(5, 3);
    // two removals proposed while both are valid; after the first, the second would leave 3-of-3
    // which is still valid; a third would not
    let a = t.ms.remove_signer(&t.s[0], &t.s[4]);
    let b = t.ms.remove_signer(&t.s[0], &t.s[3]);
    let c = t.ms.remove_signer(&t.s[0], &t.s[2]);
    for id in [a, b, c] {
        t.ms.approve_admin_action(&t.s[1], &id);
        t.ms.approve_admin_action(&t.s[2], &id);
    }
    t.ms.execute_admin_action(&t.s[0], &a);
    t.ms.execute_admin_action(&t.s[0], &b);
    assert_eq!(err(t.ms.try_execute_admin_action(&t.s[0], &c)), MultisigError::InvalidThreshold);
}

#[test]
fn proposing_emits_events() {
    let t = setup();
    let action = t.set_fee_action(3);
    let id = t.ms.propose_admin_action(&t.s[0], &action);
    let evs = t.env.events().all().filter_by_contract(&t.ms.address);
    let proposed = ActionProposed { proposal_id: id, proposer: t.s[0].clone(), action, expires_at: 1_000 + LIFE };
    assert_eq!(evs.events()[0], soroban_sdk::Event::to_xdr(&proposed, &t.env, &t.ms.address));
    assert_eq!(evs.events().len(), 2);
}

#[test]
fn upgrade_self_goes_through_a_proposal_and_migrate_is_versioned() {
    let t = setup();
    let hash = BytesN::from_array(&t.env, &[3; 32]);
    let id = t.ms.propose_admin_action(&t.s[0], &AdminAction::UpgradeSelf(hash));
    t.ms.approve_admin_action(&t.s[1], &id);
    // no wasm exists natively: the host refuses the unknown hash and the whole call reverts
    assert!(t.ms.try_execute_admin_action(&t.s[0], &id).is_err());
    assert!(!t.ms.get_proposal(&id).executed);
    assert_eq!(t.ms.storage_version(), STORAGE_VERSION);
    assert_eq!(err(t.ms.try_migrate()), MultisigError::AlreadyMigrated);
}

#[test]
fn at_most_ten_signers() {
    let t = setup_n(10, 6);
    assert_eq!(err(t.ms.try_add_signer(&t.s[0], &Address::generate(&t.env))), MultisigError::TooManySigners);
}
