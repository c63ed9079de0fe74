//! The main flows end to end on the wasm: every contract of the deployment is registered from its
//! built wasm (`World::on_wasm`), wired through the admin multisig, and driven through the
//! clients an app or the server would use. What is deployed is what is tested here.

use soroban_sdk::testutils::{Address as _, Ledger as _};
use soroban_sdk::{vec, Address, Bytes, BytesN, Executable, IntoVal, String, Symbol, Val, Vec};
use traqora_common::{BookingState, ReceiptStatus};
use traqora_exports::world::*;
use traqora_loyalty::{MemberSync, Tier};
use traqora_oracle::SettlementStatus;

const PRICE: i128 = 450_0000000;

fn receipt_status(w: &World, booking_id: u64) -> ReceiptStatus {
    w.receipts.get_receipt(&w.escrow.get_booking(&booking_id).receipt_id.expect("receipt")).status
}

#[test]
fn the_deployment_runs_on_wasm() {
    let w = World::on_wasm();
    assert_eq!(w.code, Code::Wasm);
    // Each address runs exactly the bytes build-wasm.sh wrote (native registrations have a
    // placeholder executable instead).
    for (name, contract) in [
        ("traqora_multisig", &w.multisig.address),
        ("traqora_airline", &w.flights.address),
        ("traqora_escrow", &w.escrow.address),
        ("traqora_receipts", &w.receipts.address),
        ("traqora_oracle", &w.oracle.address),
        ("traqora_trq", &w.trq.address),
        ("traqora_governor", &w.governor.address),
        ("traqora_disputes", &w.disputes.address),
        ("traqora_loyalty", &w.loyalty.address),
    ] {
        let bytes = Bytes::from_slice(&w.env, wasm(name));
        let hash: BytesN<32> = w.env.crypto().sha256(&bytes).into();
        assert_eq!(contract.executable(), Some(Executable::Wasm(hash)), "{name}");
    }
}

#[test]
fn registry_payment_with_receipt_settled_by_oracle_consensus() {
    let w = World::on_wasm();
    let flown = w.flight(PRICE);
    let cancelled = w.flight(PRICE);
    let alice = w.passenger(10 * PRICE);
    w.pay(&alice, 1, flown);
    w.pay(&alice, 2, cancelled);
    assert_eq!(w.escrow.total_held(), 2 * PRICE);
    let rid = w.escrow.get_booking(&1).receipt_id.expect("receipt minted");
    assert_eq!(w.receipts.owner_of(&rid), alice);
    assert_eq!(w.receipts.get_passenger_receipts(&alice, &0, &10).len(), 2);
    // soulbound
    assert!(w.receipts.try_transfer(&alice, &w.airline, &rid).is_err());

    w.finalize_status(flown, SettlementStatus::Completed);
    w.finalize_status(cancelled, SettlementStatus::Cancelled);
    let res = w.oracle.settle_bookings(&vec![&w.env, 1u64, 2]);
    assert!(res.iter().all(|r| r.error == 0), "{res:?}");
    let fee = PRICE * FEE_BPS as i128 / 10_000;
    assert_eq!(w.escrow.get_booking(&1).state, BookingState::Released);
    assert_eq!(w.escrow.get_booking(&2).state, BookingState::Refunded);
    assert_eq!(w.usdc.balance(&w.airline), PRICE - fee);
    assert_eq!(w.usdc.balance(&w.treasury), fee);
    assert_eq!(w.usdc.balance(&alice), 9 * PRICE);
    assert_eq!(receipt_status(&w, 1), ReceiptStatus::Flown);
    assert!(w.receipts.verify_receipt(&alice, &rid));
    assert_eq!(receipt_status(&w, 2), ReceiptStatus::Voided);
    assert_eq!(w.escrow.total_held(), 0);
}

#[test]
fn quoted_payment_release_and_cancellation_settlement() {
    let w = World::on_wasm();
    let key = w.enable_quotes();
    let alice = w.passenger(1_000 * PRICE);
    let partner = Address::generate(&w.env);
    let out = T0 + 7 * DAY;
    let back = T0 + 14 * DAY;
    // the platform's ed25519 signature is verified by the wasm over the quote's XDR
    let paid = w.pay_quoted(&key, &alice, &[w.quote_item(21, &w.airline, PRICE, out), w.quote_item(22, &partner, 300_0000000, back)]);
    assert_eq!(paid.len(), 2);
    assert_eq!(w.escrow.total_held(), PRICE + 300_0000000);
    // a forged signature is refused by the host's ed25519 check
    let quote = w.quote(&alice, &[w.quote_item(23, &w.airline, PRICE, out)]);
    let forged = soroban_sdk::BytesN::from_array(&w.env, &[7; 64]);
    assert!(w.escrow.try_pay_quoted(&quote, &forged).is_err());

    // the passenger cancels the return on a fare with a 100 USDC penalty
    w.escrow.settle_cancellation(&w.settler, &22, &200_0000000);
    let fee = 100_0000000 * FEE_BPS as i128 / 10_000;
    assert_eq!(w.usdc.balance(&partner), 100_0000000 - fee);
    assert_eq!(receipt_status(&w, 22), ReceiptStatus::Voided);
    w.escrow.release_payment_to_airline(&w.settler, &21);
    assert_eq!(receipt_status(&w, 21), ReceiptStatus::Flown);
    assert_eq!(w.usdc.balance(&w.escrow.address), 0);
    assert_eq!(w.usdc.balance(&alice), 1_000 * PRICE - PRICE - 100_0000000);
}

#[test]
fn delayed_refund_and_multisig_emergency_refund() {
    let big = LARGE_REFUND + 1;
    let w = World::on_wasm();
    let f = w.flight(big);
    let alice = w.passenger(3 * big);
    w.pay(&alice, 1, f);
    w.pay(&alice, 2, f);
    // above the threshold the airline cannot refund at once
    assert!(w.escrow.try_refund_passenger(&w.airline, &1).is_err());
    let unlock_at = w.escrow.request_delayed_refund(&w.airline, &1);
    assert_eq!(unlock_at, w.env.ledger().timestamp() + REFUND_DELAY);
    assert!(w.escrow.try_process_delayed_refund(&1).is_err());
    w.advance(REFUND_DELAY);
    w.escrow.process_delayed_refund(&1); // anyone
    assert_eq!(w.escrow.get_booking(&1).state, BookingState::Refunded);

    w.escrow.request_delayed_refund(&w.airline, &2);
    w.admin_call(&w.escrow.address, "emergency_refund", vec![&w.env, 2u64.into_val(&w.env)]);
    assert_eq!(w.escrow.get_booking(&2).state, BookingState::Refunded);
    assert_eq!(w.usdc.balance(&alice), 3 * big);
    assert_eq!(w.escrow.total_held(), 0);
}

#[test]
fn dispute_from_commit_to_verdict() {
    use traqora_disputes::{REFUND, RELEASE};
    let w = World::on_wasm();
    let f = w.flight(PRICE);
    let alice = w.passenger(PRICE + FILING_STAKE);
    w.pay(&alice, 1, f);
    let id = w.disputes.file_dispute(&alice, &1, &w.salt(0xAA));
    assert_eq!(w.escrow.get_booking(&1).state, BookingState::Disputed);
    w.disputes.submit_evidence(&w.airline, &id, &w.salt(0xBB));
    // commit (sha256 in the wasm must match the view's), reveal, tally
    assert_eq!(w.jury_round(id, &[(0, REFUND), (1, RELEASE), (3, REFUND)]), REFUND);
    w.advance(APPEAL_WINDOW);
    w.disputes.execute_verdict(&id);
    assert_eq!(w.escrow.get_booking(&1).state, BookingState::Refunded);
    assert_eq!(receipt_status(&w, 1), ReceiptStatus::Voided);
    let jury_fee = FILING_STAKE / 10;
    assert_eq!(w.usdc.balance(&alice), PRICE + FILING_STAKE - jury_fee);
    assert_eq!(w.disputes.claim_reward(&w.jurors[0], &id, &1), jury_fee * 4 / 5);
}

#[test]
fn governor_proposal_from_creation_to_execution() {
    let w = World::on_wasm();
    let targets = vec![&w.env, w.trq.address.clone()];
    let functions = vec![&w.env, Symbol::new(&w.env, "delegate")];
    let args: Vec<Vec<Val>> = vec![
        &w.env,
        vec![&w.env, w.governor.address.into_val(&w.env), w.governor.address.into_val(&w.env)],
    ];
    let description = String::from_str(&w.env, "Governor self-delegates");
    let id = w.governor.propose(&targets, &functions, &args, &description, &w.jurors[0]);
    w.env.ledger().set_sequence_number(w.env.ledger().sequence() + VOTING_DELAY + 1);
    for j in 0..3 {
        w.governor.cast_vote(&id, &1, &String::from_str(&w.env, "yes"), &w.jurors[j]);
    }
    w.env.ledger().set_sequence_number(w.env.ledger().sequence() + VOTING_PERIOD);
    let hash = w.env.crypto().keccak256(&description.to_bytes()).to_bytes();
    w.governor.queue(&targets, &functions, &args, &hash, &0, &w.jurors[0]);
    assert!(w.governor.try_execute(&targets, &functions, &args, &hash, &w.jurors[1]).is_err());
    w.env.ledger().set_sequence_number(w.env.ledger().sequence() + TIMELOCK_LEDGERS);
    w.governor.execute(&targets, &functions, &args, &hash, &w.jurors[1]);
    assert_eq!(w.trq.get_delegate(&w.governor.address), Some(w.governor.address.clone()));
}

#[test]
fn loyalty_sync_sets_points_and_tier_and_refuses_replays() {
    let w = World::on_wasm();
    let alice = w.passenger(0);
    w.loyalty.sync_member(&w.syncer, &MemberSync { member: alice.clone(), points: 1_200, tier: Tier::Silver, sync_seq: 1 });
    assert_eq!(w.loyalty.balance(&alice), 1_200);
    assert_eq!(w.loyalty.tier_of(&alice), Tier::Silver);
    w.loyalty.sync_member(&w.syncer, &MemberSync { member: alice.clone(), points: 300, tier: Tier::Member, sync_seq: 2 });
    assert_eq!(w.loyalty.balance(&alice), 300);
    let stale = MemberSync { member: alice.clone(), points: 9_999, tier: Tier::Gold, sync_seq: 2 };
    assert!(w.loyalty.try_sync_member(&w.syncer, &stale).is_err());
    assert!(w.loyalty.try_transfer(&alice, &w.syncer, &1).is_err()); // points are not transferable
}

#[test]
fn multisig_pauses_the_escrow() {
    let w = World::on_wasm();
    let f = w.flight(PRICE);
    let alice = w.passenger(PRICE);
    let ms = w.multisig.address.clone();
    w.admin_call(&w.escrow.address, "pause", vec![&w.env, ms.into_val(&w.env)]);
    let seat = String::from_str(&w.env, "1A");
    assert!(w.escrow.try_pay_for_booking(&alice, &1, &f, &PRICE, &seat).is_err());
    w.admin_call(&w.escrow.address, "unpause", vec![&w.env, ms.into_val(&w.env)]);
    w.pay(&alice, 1, f);
}
