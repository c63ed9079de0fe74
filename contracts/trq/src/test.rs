#![cfg(test)]
extern crate std;

use super::*;
use soroban_sdk::testutils::{Address as _, EnvTestConfig, Ledger as _, MockAuth, MockAuthInvoke};
use soroban_sdk::{BytesN, Env, IntoVal};

const SUPPLY: i128 = 1_000_000_0000000;
const CAP: i128 = 10_000_000_0000000;

struct T {
    env: Env,
    admin: Address,
    treasury: Address,
    t: TrqTokenClient<'static>,
}

fn setup() -> T {
    let env = Env::new_with_config(EnvTestConfig { capture_snapshot_at_drop: false });
    env.mock_all_auths();
    env.ledger().set_sequence_number(100);
    let admin = Address::generate(&env);
    let treasury = Address::generate(&env);
    let id = env.register(TrqToken, (&admin, &treasury, SUPPLY, CAP));
    T { t: TrqTokenClient::new(&env, &id), env, admin, treasury }
}

impl T {
    fn advance(&self, ledgers: u32) {
        let s = self.env.ledger().sequence();
        self.env.ledger().set_sequence_number(s + ledgers);
    }
}

#[test]
fn metadata_supply_and_cap() {
    let t = setup();
    assert_eq!(t.t.name(), String::from_str(&t.env, "Traqora"));
    assert_eq!(t.t.symbol(), String::from_str(&t.env, "TRQ"));
    assert_eq!(t.t.decimals(), DECIMALS);
    assert_eq!(t.t.total_supply(), SUPPLY);
    assert_eq!(t.t.balance(&t.treasury), SUPPLY);
    assert_eq!(t.t.cap(), CAP);
}

#[test]
fn admin_mints_up_to_the_cap() {
    let t = setup();
    let alice = Address::generate(&t.env);
    t.t.mint(&alice, &500);
    assert_eq!(t.t.balance(&alice), 500);
    assert!(t.t.try_mint(&alice, &(CAP - SUPPLY - 500 + 1)).is_err());
    t.t.mint(&alice, &(CAP - SUPPLY - 500));
    assert_eq!(t.t.total_supply(), CAP);
    t.env.mock_auths(&[MockAuth {
        address: &alice,
        invoke: &MockAuthInvoke {
            contract: &t.t.address,
            fn_name: "mint",
            args: (alice.clone(), 1i128).into_val(&t.env),
            sub_invokes: &[],
        },
    }]);
    assert!(t.t.try_mint(&alice, &1).is_err());
}

#[test]
fn votes_need_delegation_and_follow_transfers() {
    let t = setup();
    let alice = Address::generate(&t.env);
    let bob = Address::generate(&t.env);
    t.t.transfer(&t.treasury, &alice, &1_000);
    assert_eq!(t.t.get_votes(&alice), 0u128); // undelegated balance does not vote
    t.t.delegate(&alice, &alice);
    assert_eq!(t.env.auths()[0].0, alice);
    assert_eq!(t.t.get_votes(&alice), 1_000);
    assert_eq!(t.t.get_delegate(&alice), Some(alice.clone()));
    t.advance(10);
    t.t.delegate(&bob, &bob);
    t.t.transfer(&alice, &bob, &400);
    assert_eq!(t.t.get_votes(&alice), 600);
    assert_eq!(t.t.get_votes(&bob), 400);
    // delegating to someone else moves the votes
    let carol = Address::generate(&t.env);
    t.t.delegate(&alice, &carol);
    assert_eq!(t.t.get_votes(&alice), 0);
    assert_eq!(t.t.get_votes(&carol), 600);
}

#[test]
fn checkpoints_fix_voting_power_in_the_past() {
    let t = setup();
    let alice = Address::generate(&t.env);
    t.t.delegate(&alice, &alice);
    t.t.transfer(&t.treasury, &alice, &1_000);
    let snapshot = t.env.ledger().sequence();
    t.advance(5);
    t.t.transfer(&t.treasury, &alice, &9_000);
    t.advance(5);
    assert_eq!(t.t.get_votes_at_checkpoint(&alice, &snapshot), 1_000);
    assert_eq!(t.t.get_votes(&alice), 10_000);
    assert_eq!(t.t.get_total_supply_at_checkpoint(&snapshot), SUPPLY as u128);
}

#[test]
fn delegation_needs_the_holders_signature() {
    let t = setup();
    let alice = Address::generate(&t.env);
    t.env.set_auths(&[]);
    assert!(t.t.try_delegate(&alice, &alice).is_err());
    assert!(t.t.try_transfer(&t.treasury, &alice, &1).is_err());
}

#[test]
fn upgrade_and_migrate_are_admin_only() {
    let t = setup();
    assert_eq!(t.t.storage_version(), STORAGE_VERSION);
    assert_eq!(t.t.try_migrate(), Err(Ok(TrqError::AlreadyMigrated.into())));
    let stranger = Address::generate(&t.env);
    let hash = BytesN::from_array(&t.env, &[2; 32]);
    t.env.mock_auths(&[MockAuth {
        address: &stranger,
        invoke: &MockAuthInvoke {
            contract: &t.t.address,
            fn_name: "upgrade",
            args: (hash.clone(), stranger.clone()).into_val(&t.env),
            sub_invokes: &[],
        },
    }]);
    assert!(t.t.try_upgrade(&hash, &stranger).is_err());
    let _ = &t.admin;
}
