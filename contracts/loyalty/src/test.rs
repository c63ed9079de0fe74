#![cfg(test)]
extern crate std;

use super::*;
use soroban_sdk::testutils::{Address as _, EnvTestConfig, Events as _, Ledger as _, MockAuth, MockAuthInvoke};
use soroban_sdk::{vec, BytesN, Env, Event as _, IntoVal};

struct T {
    env: Env,
    admin: Address,
    syncer: Address,
    alice: Address,
    bob: Address,
    l: LoyaltyClient<'static>,
}

fn setup() -> T {
    let env = Env::new_with_config(EnvTestConfig { capture_snapshot_at_drop: false });
    env.mock_all_auths();
    env.ledger().set_timestamp(7_000);
    let admin = Address::generate(&env);
    let syncer = Address::generate(&env);
    let id = env.register(Loyalty, (&admin,));
    let l = LoyaltyClient::new(&env, &id);
    l.grant_role(&syncer, &SYNCER_ROLE, &admin);
    T { alice: Address::generate(&env), bob: Address::generate(&env), env, admin, syncer, l }
}

fn up(m: &Address, points: i128, tier: Tier, seq: u64) -> MemberSync {
    MemberSync { member: m.clone(), points, tier, sync_seq: seq }
}

fn err<T: core::fmt::Debug, C: core::fmt::Debug>(
    r: Result<Result<T, C>, Result<soroban_sdk::Error, soroban_sdk::InvokeError>>,
) -> LoyaltyError {
    match r {
        Err(Ok(e)) => LoyaltyError::try_from(e).unwrap_or_else(|_| panic!("not a loyalty error: {:?}", e)),
        other => panic!("expected contract error, got {:?}", other),
    }
}

#[test]
fn syncer_sets_points_and_tier() {
    let t = setup();
    t.l.sync_member(&t.syncer, &up(&t.alice, 1_200, Tier::Silver, 1));
    let auths = t.env.auths();
    assert_eq!(auths.len(), 1);
    assert_eq!(auths[0].0, t.syncer);
    let evs = t.env.events().all().filter_by_contract(&t.l.address);
    let ev = MemberSynced { member: t.alice.clone(), points: 1_200, tier: Tier::Silver, sync_seq: 1 };
    assert!(evs.events().contains(&ev.to_xdr(&t.env, &t.l.address)));
    assert_eq!(t.l.balance(&t.alice), 1_200);
    assert_eq!(t.l.tier_of(&t.alice), Tier::Silver);
    assert_eq!(
        t.l.get_member(&t.alice),
        Some(MemberRecord { points: 1_200, tier: Tier::Silver, sync_seq: 1, updated_at: 7_000 })
    );
    // points can go down (redemption, refund rollback) as well as up
    t.l.sync_member(&t.syncer, &up(&t.alice, 300, Tier::Silver, 2));
    assert_eq!(t.l.balance(&t.alice), 300);
    assert_eq!(t.l.total_supply(), 300);
    assert_eq!(t.l.tier_of(&t.bob), Tier::Member);
    assert_eq!(t.l.get_member(&t.bob), None);
    assert_eq!(t.l.symbol(), String::from_str(&t.env, "TQP"));
}

#[test]
fn only_the_syncer_writes() {
    let t = setup();
    assert_eq!(err(t.l.try_sync_member(&t.alice, &up(&t.alice, 9_999, Tier::Platinum, 1))), LoyaltyError::NotSyncer);
    t.l.revoke_role(&t.syncer, &SYNCER_ROLE, &t.admin);
    assert_eq!(err(t.l.try_sync_member(&t.syncer, &up(&t.alice, 1, Tier::Member, 1))), LoyaltyError::NotSyncer);
    t.l.grant_role(&t.syncer, &SYNCER_ROLE, &t.admin);
    t.env.set_auths(&[]);
    assert!(t.l.try_sync_member(&t.syncer, &up(&t.alice, 1, Tier::Member, 1)).is_err());
    assert_eq!(t.l.balance(&t.alice), 0);
}

#[test]
fn stale_and_invalid_updates_are_rejected() {
    let t = setup();
    t.l.sync_member(&t.syncer, &up(&t.alice, 100, Tier::Member, 5));
    assert_eq!(err(t.l.try_sync_member(&t.syncer, &up(&t.alice, 999, Tier::Gold, 5))), LoyaltyError::StaleSync);
    assert_eq!(err(t.l.try_sync_member(&t.syncer, &up(&t.alice, 999, Tier::Gold, 4))), LoyaltyError::StaleSync);
    assert_eq!(err(t.l.try_sync_member(&t.syncer, &up(&t.alice, -1, Tier::Gold, 6))), LoyaltyError::NegativePoints);
    assert_eq!(t.l.balance(&t.alice), 100);
}

#[test]
fn batch_sync_reports_per_item() {
    let t = setup();
    let res = t.l.batch_sync_members(
        &t.syncer,
        &vec![&t.env, up(&t.alice, 10, Tier::Member, 1), up(&t.bob, -3, Tier::Member, 1), up(&t.alice, 20, Tier::Silver, 1), up(&t.bob, 7, Tier::Gold, 2)],
    );
    let codes: std::vec::Vec<u32> = res.iter().map(|r| r.error).collect();
    assert_eq!(codes, std::vec![0, LoyaltyError::NegativePoints as u32, LoyaltyError::StaleSync as u32, 0]);
    assert_eq!(t.l.total_supply(), 17);
    assert_eq!(err(t.l.try_batch_sync_members(&t.syncer, &vec![&t.env])), LoyaltyError::EmptyBatch);
    let mut many = Vec::new(&t.env);
    for i in 0..=MAX_BATCH as u64 {
        many.push_back(up(&t.alice, 1, Tier::Member, 10 + i));
    }
    assert_eq!(err(t.l.try_batch_sync_members(&t.syncer, &many)), LoyaltyError::BatchTooLarge);
}

#[test]
fn points_do_not_move() {
    let t = setup();
    t.l.sync_member(&t.syncer, &up(&t.alice, 50, Tier::Member, 1));
    assert_eq!(err(t.l.try_transfer(&t.alice, MuxedAddress::from(t.bob.clone()), &10)), LoyaltyError::NonTransferable);
    assert_eq!(err(t.l.try_transfer_from(&t.bob, &t.alice, &t.bob, &10)), LoyaltyError::NonTransferable);
    assert_eq!(err(t.l.try_approve(&t.alice, &t.bob, &10, &100)), LoyaltyError::NonTransferable);
    assert_eq!(t.l.balance(&t.alice), 50);
    assert_eq!(t.l.allowance(&t.alice, &t.bob), 0);
}

#[test]
fn admin_gates() {
    let t = setup();
    t.l.pause(&t.admin);
    assert!(t.l.try_sync_member(&t.syncer, &up(&t.alice, 1, Tier::Member, 1)).is_err());
    t.l.unpause(&t.admin);
    assert_eq!(t.l.storage_version(), STORAGE_VERSION);
    assert_eq!(err(t.l.try_migrate()), LoyaltyError::AlreadyMigrated);
    let hash = BytesN::from_array(&t.env, &[5; 32]);
    t.env.mock_auths(&[MockAuth {
        address: &t.syncer,
        invoke: &MockAuthInvoke {
            contract: &t.l.address,
            fn_name: "upgrade",
            args: (hash.clone(), t.syncer.clone()).into_val(&t.env),
            sub_invokes: &[],
        },
    }]);
    assert!(t.l.try_upgrade(&hash, &t.syncer).is_err());
    t.env.mock_auths(&[MockAuth {
        address: &t.syncer,
        invoke: &MockAuthInvoke {
            contract: &t.l.address,
            fn_name: "grant_role",
            args: (t.alice.clone(), SYNCER_ROLE, t.syncer.clone()).into_val(&t.env),
            sub_invokes: &[],
        },
    }]);
    assert!(t.l.try_grant_role(&t.alice, &SYNCER_ROLE, &t.syncer).is_err());
}
