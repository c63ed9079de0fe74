#![cfg(test)]
extern crate std;

use super::*;
use soroban_sdk::testutils::{Address as _, EnvTestConfig, Events as _, Ledger as _, MockAuth, MockAuthInvoke};
use soroban_sdk::{BytesN, Env, IntoVal, Val};

struct T {
    env: Env,
    admin: Address,
    minter: Address,
    alice: Address,
    bob: Address,
    r: BookingReceiptsClient<'static>,
}

fn setup() -> T {
    let env = Env::new_with_config(EnvTestConfig { capture_snapshot_at_drop: false });
    env.mock_all_auths();
    env.ledger().set_timestamp(5_000);
    let admin = Address::generate(&env);
    let minter = Address::generate(&env);
    let id = env.register(
        BookingReceipts,
        (&admin, &minter, String::from_str(&env, "https://traqora.example/receipts/")),
    );
    let r = BookingReceiptsClient::new(&env, &id);
    T { alice: Address::generate(&env), bob: Address::generate(&env), env, admin, minter, r }
}

impl T {
    fn mint(&self, to: &Address, booking: u64) -> u32 {
        self.r.mint_receipt(
            to,
            &booking,
            &42,
            &String::from_str(&self.env, "TQ101"),
            &String::from_str(&self.env, "12A"),
            &9_000,
        )
    }
    fn only_auth(&self, who: &Address, fn_name: &str, args: soroban_sdk::Vec<Val>) {
        self.env.mock_auths(&[MockAuth {
            address: who,
            invoke: &MockAuthInvoke { contract: &self.r.address, fn_name, args, sub_invokes: &[] },
        }]);
    }
}

fn err<T: core::fmt::Debug, C: core::fmt::Debug>(
    r: Result<Result<T, C>, Result<soroban_sdk::Error, soroban_sdk::InvokeError>>,
) -> ReceiptError {
    match r {
        Err(Ok(e)) => ReceiptError::try_from(e).unwrap_or_else(|_| panic!("not a receipt error: {:?}", e)),
        other => panic!("expected contract error, got {:?}", other),
    }
}

#[test]
fn minter_mints_a_receipt_with_metadata() {
    let t = setup();
    let id = t.mint(&t.alice, 7);
    let auths = t.env.auths();
    assert_eq!(auths.len(), 1);
    assert_eq!(auths[0].0, t.minter);
    assert_eq!(t.r.owner_of(&id), t.alice);
    assert_eq!(t.r.balance(&t.alice), 1);
    assert_eq!(t.r.total_receipts(), 1);
    let rec = t.r.get_receipt(&id);
    assert_eq!(rec.booking_id, 7);
    assert_eq!(rec.flight_id, 42);
    assert_eq!(rec.flight_number, String::from_str(&t.env, "TQ101"));
    assert_eq!(rec.seat, String::from_str(&t.env, "12A"));
    assert_eq!(rec.departure, 9_000);
    assert_eq!(rec.minted_at, 5_000);
    assert_eq!(rec.status, ReceiptStatus::Active);
    assert_eq!(t.r.receipt_of_booking(&7), Some(id));
    assert_eq!(t.r.receipt_of_booking(&8), None);
    assert_eq!(t.r.name(), String::from_str(&t.env, "Traqora Booking Receipt"));
    assert_eq!(t.r.symbol(), String::from_str(&t.env, "TRQR"));
}

#[test]
fn mint_emits_minted_event() {
    let t = setup();
    let id = t.mint(&t.alice, 7);
    let evs = t.env.events().all().filter_by_contract(&t.r.address);
    let ours = ReceiptMinted { token_id: id, passenger: t.alice.clone(), booking_id: 7, flight_id: 42 };
    assert!(evs.events().contains(&soroban_sdk::Event::to_xdr(&ours, &t.env, &t.r.address)));
}

#[test]
fn only_the_minter_mints() {
    let t = setup();
    let args: soroban_sdk::Vec<Val> = (
        t.alice.clone(),
        1u64,
        42u64,
        String::from_str(&t.env, "TQ101"),
        String::from_str(&t.env, "12A"),
        9_000u64,
    )
        .into_val(&t.env);
    t.only_auth(&t.alice, "mint_receipt", args.clone());
    assert!(t
        .r
        .try_mint_receipt(&t.alice, &1, &42, &String::from_str(&t.env, "TQ101"), &String::from_str(&t.env, "12A"), &9_000)
        .is_err());
    t.only_auth(&t.minter, "mint_receipt", args);
    t.r.mint_receipt(&t.alice, &1, &42, &String::from_str(&t.env, "TQ101"), &String::from_str(&t.env, "12A"), &9_000);
}

#[test]
fn one_receipt_per_booking() {
    let t = setup();
    t.mint(&t.alice, 7);
    let r = t.r.try_mint_receipt(&t.bob, &7, &42, &String::from_str(&t.env, "TQ101"), &String::from_str(&t.env, "1A"), &9_000);
    assert_eq!(err(r), ReceiptError::DuplicateReceipt);
}

#[test]
fn receipts_are_soulbound() {
    let t = setup();
    let id = t.mint(&t.alice, 7);
    assert_eq!(err(t.r.try_transfer(&t.alice, &t.bob, &id)), ReceiptError::NonTransferable);
    assert_eq!(err(t.r.try_transfer_from(&t.bob, &t.alice, &t.bob, &id)), ReceiptError::NonTransferable);
    assert_eq!(err(t.r.try_approve(&t.alice, &t.bob, &id, &1_000)), ReceiptError::NonTransferable);
    assert_eq!(err(t.r.try_approve_for_all(&t.alice, &t.bob, &1_000)), ReceiptError::NonTransferable);
    assert_eq!(t.r.owner_of(&id), t.alice);
    assert_eq!(t.r.get_approved(&id), None);
    assert!(!t.r.is_approved_for_all(&t.alice, &t.bob));
}

#[test]
fn status_moves_forward_only() {
    let t = setup();
    let a = t.mint(&t.alice, 1);
    let b = t.mint(&t.alice, 2);
    assert_eq!(err(t.r.try_set_receipt_status(&a, &ReceiptStatus::Active)), ReceiptError::InvalidStatusChange);
    t.r.set_receipt_status(&a, &ReceiptStatus::Flown);
    assert_eq!(t.r.get_receipt(&a).status, ReceiptStatus::Flown);
    assert_eq!(err(t.r.try_set_receipt_status(&a, &ReceiptStatus::Voided)), ReceiptError::InvalidStatusChange);
    t.r.set_receipt_status(&b, &ReceiptStatus::Voided);
    assert_eq!(err(t.r.try_set_receipt_status(&b, &ReceiptStatus::Flown)), ReceiptError::InvalidStatusChange);
    assert_eq!(err(t.r.try_set_receipt_status(&99, &ReceiptStatus::Flown)), ReceiptError::ReceiptNotFound);
    assert_eq!(err(t.r.try_get_receipt(&99)), ReceiptError::ReceiptNotFound);
}

#[test]
fn only_the_minter_sets_status() {
    let t = setup();
    let a = t.mint(&t.alice, 1);
    t.only_auth(&t.alice, "set_receipt_status", (a, ReceiptStatus::Flown).into_val(&t.env));
    assert!(t.r.try_set_receipt_status(&a, &ReceiptStatus::Flown).is_err());
    t.env.mock_all_auths();
    assert_eq!(t.r.get_receipt(&a).status, ReceiptStatus::Active);
}

#[test]
fn passenger_receipts_are_paginated() {
    let t = setup();
    for b in 1..=5u64 {
        t.mint(&t.alice, b);
    }
    t.mint(&t.bob, 6);
    let page = t.r.get_passenger_receipts(&t.alice, &1, &3);
    let ids: std::vec::Vec<u64> = page.iter().map(|r| r.booking_id).collect();
    assert_eq!(ids, std::vec![2, 3, 4]);
    assert_eq!(t.r.get_passenger_receipts(&t.alice, &4, &10).len(), 1);
    assert_eq!(t.r.get_passenger_receipts(&t.alice, &9, &10).len(), 0);
    assert_eq!(t.r.get_passenger_receipts(&t.bob, &0, &10).get(0).unwrap().booking_id, 6);
    assert_eq!(t.r.get_passenger_receipts(&Address::generate(&t.env), &0, &10).len(), 0);
    for b in 7..=40u64 {
        t.mint(&t.alice, b);
    }
    assert_eq!(t.r.get_passenger_receipts(&t.alice, &0, &1_000).len(), MAX_BATCH);
}

#[test]
fn verification_for_perks() {
    let t = setup();
    let a = t.mint(&t.alice, 1);
    let b = t.mint(&t.alice, 2);
    assert!(t.r.verify_receipt(&t.alice, &a));
    assert!(!t.r.verify_receipt(&t.bob, &a));
    assert!(!t.r.verify_receipt(&t.alice, &77));
    t.r.set_receipt_status(&a, &ReceiptStatus::Flown);
    t.r.set_receipt_status(&b, &ReceiptStatus::Voided);
    assert!(t.r.verify_receipt(&t.alice, &a));
    assert!(!t.r.verify_receipt(&t.alice, &b));
}

#[test]
fn admin_sets_minter_and_pauses() {
    let t = setup();
    let stranger = Address::generate(&t.env);
    t.only_auth(&stranger, "set_minter", (stranger.clone(),).into_val(&t.env));
    assert!(t.r.try_set_minter(&stranger).is_err());
    t.only_auth(&t.admin, "set_minter", (stranger.clone(),).into_val(&t.env));
    t.r.set_minter(&stranger);
    assert_eq!(t.r.get_minter(), stranger);
    t.env.mock_all_auths();
    t.r.pause(&t.admin);
    let r = t.r.try_mint_receipt(&t.alice, &1, &1, &String::from_str(&t.env, "TQ1"), &String::from_str(&t.env, "1A"), &1);
    assert!(r.is_err());
    t.r.unpause(&t.admin);
    t.mint(&t.alice, 1);
}

#[test]
fn upgrade_and_migrate_are_admin_only() {
    let t = setup();
    assert_eq!(t.r.storage_version(), STORAGE_VERSION);
    assert_eq!(err(t.r.try_migrate()), ReceiptError::AlreadyMigrated);
    let stranger = Address::generate(&t.env);
    let hash = BytesN::from_array(&t.env, &[1; 32]);
    t.only_auth(&stranger, "upgrade", (hash.clone(), stranger.clone()).into_val(&t.env));
    assert!(t.r.try_upgrade(&hash, &stranger).is_err());
    t.only_auth(&stranger, "migrate", ().into_val(&t.env));
    assert!(t.r.try_migrate().is_err());
}
