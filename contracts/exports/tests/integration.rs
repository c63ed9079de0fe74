//! Cross-contract behaviour: escrow ↔ receipts ↔ airline registry ↔ admin multisig.

use soroban_sdk::testutils::{Address as _, Ledger as _, MockAuth, MockAuthInvoke};
use soroban_sdk::xdr::ScErrorType;
use soroban_sdk::{vec, Address, BytesN, IntoVal, Symbol};
use traqora_common::{BookingState, ReceiptStatus, QUOTED_FLIGHT_BIT};
use traqora_exports::world::*;
use traqora_multisig::{AdminAction, InvokeCall};

const PRICE: i128 = 450_0000000;

#[test]
fn payment_mints_a_soulbound_receipt_that_follows_the_booking() {
    let w = World::new();
    let f = w.flight(PRICE);
    let alice = w.passenger(10 * PRICE);
    w.pay(&alice, 1, f);
    w.pay(&alice, 2, f);
    let b1 = w.escrow.get_booking(&1);
    let rid = b1.receipt_id.expect("receipt minted");
    assert_eq!(w.receipts.owner_of(&rid), alice);
    assert_eq!(w.receipts.receipt_of_booking(&1), Some(rid));
    let r = w.receipts.get_receipt(&rid);
    assert_eq!((r.booking_id, r.flight_id, r.status), (1, f, ReceiptStatus::Active));
    assert_eq!(w.receipts.get_passenger_receipts(&alice, &0, &10).len(), 2);

    w.escrow.release_payment_to_airline(&w.settler, &1);
    assert_eq!(w.receipts.get_receipt(&rid).status, ReceiptStatus::Flown);
    assert!(w.receipts.verify_receipt(&alice, &rid));

    w.escrow.refund_passenger(&w.airline, &2);
    let rid2 = w.escrow.get_booking(&2).receipt_id.unwrap();
    assert_eq!(w.receipts.get_receipt(&rid2).status, ReceiptStatus::Voided);
    assert!(!w.receipts.verify_receipt(&alice, &rid2));

    // soulbound even for its owner
    let bob = Address::generate(&w.env);
    assert!(w.receipts.try_transfer(&alice, &bob, &rid).is_err());
}

#[test]
fn quoted_booking_mints_a_receipt_per_segment_and_settles_each_segment() {
    let w = World::new();
    let key = w.enable_quotes(); // through a multisig proposal, as deployed
    let alice = w.passenger(1_000 * PRICE);
    let partner = Address::generate(&w.env); // an airline with nothing listed on chain
    let out = T0 + 7 * DAY;
    let back = T0 + 14 * DAY;
    w.pay_quoted(&key, &alice, &[w.quote_item(21, &w.airline, PRICE, out), w.quote_item(22, &partner, 300_0000000, back)]);
    for (id, departure) in [(21u64, out), (22, back)] {
        let rid = w.escrow.get_booking(&id).receipt_id.expect("receipt minted");
        let r = w.receipts.get_receipt(&rid);
        assert_eq!((r.booking_id, r.flight_id, r.departure, r.status), (id, QUOTED_FLIGHT_BIT | (10_000 + id), departure, ReceiptStatus::Active));
        assert_eq!(r.flight_number, soroban_sdk::String::from_str(&w.env, "BA117"));
        assert_eq!(r.seat, soroban_sdk::String::from_str(&w.env, "—"));
        assert_eq!(w.receipts.owner_of(&rid), alice);
    }

    // the passenger cancels the return segment on a Standard fare: 100 USDC penalty
    w.escrow.settle_cancellation(&w.settler, &22, &200_0000000);
    let fee = 100_0000000 * FEE_BPS as i128 / 10_000;
    assert_eq!(w.usdc.balance(&partner), 100_0000000 - fee);
    assert_eq!(w.receipts.get_receipt(&w.escrow.get_booking(&22).receipt_id.unwrap()).status, ReceiptStatus::Voided);
    // the outbound segment is flown and released
    w.escrow.release_payment_to_airline(&w.settler, &21);
    assert_eq!(w.receipts.get_receipt(&w.escrow.get_booking(&21).receipt_id.unwrap()).status, ReceiptStatus::Flown);
    assert_eq!(w.usdc.balance(&w.escrow.address), 0);
    assert_eq!(w.usdc.balance(&alice), 1_000 * PRICE - PRICE - 100_0000000);
}

#[test]
fn a_full_quote_with_receipts_fits_one_transaction() {
    // The test host enforces mainnet's per-transaction limits, so the call succeeding is the
    // check; the figures below show the margin (native runs do not meter the VM, so CPU would be
    // higher on chain, but entries and event bytes are the same).
    let w = World::new();
    let key = w.enable_quotes();
    let alice = w.passenger(1_000 * PRICE);
    let n = traqora_common::MAX_QUOTE_ITEMS as u64;
    let items: std::vec::Vec<_> = (1..=n).map(|id| w.quote_item(id, &w.airline, PRICE, T0 + 7 * DAY)).collect();
    w.pay_quoted(&key, &alice, &items);
    let r = w.env.cost_estimate().resources();
    // 5 per booking + 6 (see MAX_QUOTE_ITEMS), well within the 50 a transaction may write
    assert_eq!(r.write_entries, 5 * n as u32 + 6);
    assert!(r.write_entries < 50);
    assert!(r.contract_events_size_bytes <= 16_384, "{} event bytes", r.contract_events_size_bytes);
    assert_eq!(w.escrow.total_held(), n as i128 * PRICE);
}

#[test]
fn receipts_only_accept_the_escrow_as_minter() {
    let w = World::new();
    // the passenger's own signature cannot mint a receipt: the minter is the escrow contract
    let alice = Address::generate(&w.env);
    let args = (alice.clone(), 9u64, 1u64, soroban_sdk::String::from_str(&w.env, "TQ1"),
        soroban_sdk::String::from_str(&w.env, "1A"), 1u64).into_val(&w.env);
    w.env.mock_auths(&[MockAuth {
        address: &alice,
        invoke: &MockAuthInvoke { contract: &w.receipts.address, fn_name: "mint_receipt", args, sub_invokes: &[] },
    }]);
    assert!(w
        .receipts
        .try_mint_receipt(&alice, &9, &1, &soroban_sdk::String::from_str(&w.env, "TQ1"),
            &soroban_sdk::String::from_str(&w.env, "1A"), &1)
        .is_err());
}

#[test]
fn multisig_gates_escrow_parameters_with_real_signatures_only() {
    let w = World::new();
    // From here on, no blanket mocking: only the signatures listed are available.
    let action = AdminAction::Invoke(InvokeCall {
        contract: w.escrow.address.clone(),
        function: Symbol::new(&w.env, "set_fee_bps"),
        args: vec![&w.env, 400u32.into_val(&w.env)],
    });
    // one signer calling the escrow directly is refused
    w.env.mock_auths(&[MockAuth {
        address: &w.signers[0],
        invoke: &MockAuthInvoke {
            contract: &w.escrow.address,
            fn_name: "set_fee_bps",
            args: (400u32,).into_val(&w.env),
            sub_invokes: &[],
        },
    }]);
    assert!(w.escrow.try_set_fee_bps(&400).is_err());

    w.env.mock_auths(&[MockAuth {
        address: &w.signers[0],
        invoke: &MockAuthInvoke {
            contract: &w.multisig.address,
            fn_name: "propose_admin_action",
            args: (w.signers[0].clone(), action.clone()).into_val(&w.env),
            sub_invokes: &[],
        },
    }]);
    let id = w.multisig.propose_admin_action(&w.signers[0], &action);
    w.env.mock_auths(&[MockAuth {
        address: &w.signers[1],
        invoke: &MockAuthInvoke {
            contract: &w.multisig.address,
            fn_name: "approve_admin_action",
            args: (w.signers[1].clone(), id).into_val(&w.env),
            sub_invokes: &[],
        },
    }]);
    w.multisig.approve_admin_action(&w.signers[1], &id);
    w.env.mock_auths(&[MockAuth {
        address: &w.signers[2],
        invoke: &MockAuthInvoke {
            contract: &w.multisig.address,
            fn_name: "execute_admin_action",
            args: (w.signers[2].clone(), id).into_val(&w.env),
            sub_invokes: &[],
        },
    }]);
    w.multisig.execute_admin_action(&w.signers[2], &id);
    assert_eq!(w.escrow.get_config().fee_bps, 400);
}

#[test]
fn multisig_pauses_and_unpauses_the_escrow() {
    let w = World::new();
    let f = w.flight(PRICE);
    let alice = w.passenger(10 * PRICE);
    let ms = w.multisig.address.clone();
    w.admin_call(&w.escrow.address, "pause", vec![&w.env, ms.into_val(&w.env)]);
    assert!(w.escrow.paused());
    let seat = soroban_sdk::String::from_str(&w.env, "1A");
    assert!(w.escrow.try_pay_for_booking(&alice, &1, &f, &PRICE, &seat).is_err());
    w.admin_call(&w.escrow.address, "unpause", vec![&w.env, ms.into_val(&w.env)]);
    w.pay(&alice, 1, f);
}

#[test]
fn multisig_emergency_refund_overrides_a_delayed_refund() {
    let w = World::new();
    let f = w.flight(PRICE);
    let alice = w.passenger(PRICE);
    w.pay(&alice, 1, f);
    w.escrow.request_delayed_refund(&w.airline, &1);
    w.admin_call(&w.escrow.address, "emergency_refund", vec![&w.env, 1u64.into_val(&w.env)]);
    assert_eq!(w.escrow.get_booking(&1).state, BookingState::Refunded);
    assert_eq!(w.usdc.balance(&alice), PRICE);
    // the multisig (admin) may also cancel a pending delayed refund
    w.pay(&alice, 2, f);
    w.escrow.request_delayed_refund(&w.airline, &2);
    w.escrow.cancel_refund_request(&w.multisig.address, &2);
    assert_eq!(w.escrow.get_booking(&2).state, BookingState::Paid);
}

#[test]
fn multisig_upgrade_call_passes_the_admin_gate() {
    let w = World::new();
    let hash = BytesN::from_array(&w.env, &[9; 32]);
    let ms = w.multisig.address.clone();
    let action = AdminAction::Invoke(InvokeCall {
        contract: w.escrow.address.clone(),
        function: Symbol::new(&w.env, "upgrade"),
        args: vec![&w.env, hash.into_val(&w.env), ms.into_val(&w.env)],
    });
    let id = w.multisig.propose_admin_action(&w.signers[0], &action);
    w.multisig.approve_admin_action(&w.signers[1], &id);
    // No wasm on a native run: the host rejects the unknown hash. What matters is that the
    // failure is not an authorisation failure, i.e. the multisig passed the admin check.
    match w.multisig.try_execute_admin_action(&w.signers[2], &id) {
        Err(Ok(e)) => assert!(!e.is_type(ScErrorType::Auth), "unexpected auth failure {e:?}"),
        Err(Err(e)) => panic!("unexpected invoke error {e:?}"),
        Ok(_) => panic!("upgrade to a missing wasm cannot succeed natively"),
    }
}

#[test]
fn expired_multisig_proposal_cannot_change_the_escrow() {
    let w = World::new();
    let action = AdminAction::Invoke(InvokeCall {
        contract: w.escrow.address.clone(),
        function: Symbol::new(&w.env, "set_fee_bps"),
        args: vec![&w.env, 900u32.into_val(&w.env)],
    });
    let id = w.multisig.propose_admin_action(&w.signers[0], &action);
    w.multisig.approve_admin_action(&w.signers[1], &id);
    w.env.ledger().set_timestamp(T0 + PROPOSAL_LIFETIME);
    assert!(w.multisig.try_execute_admin_action(&w.signers[2], &id).is_err());
    assert_eq!(w.escrow.get_config().fee_bps, FEE_BPS);
}

#[test]
fn oracle_consensus_settles_escrow_and_receipts() {
    use traqora_oracle::SettlementStatus;
    let w = World::new();
    let flown = w.flight(PRICE);
    let cancelled = w.flight(PRICE);
    let alice = w.passenger(10 * PRICE);
    w.pay(&alice, 1, flown);
    w.pay(&alice, 2, flown);
    w.pay(&alice, 3, cancelled);
    w.finalize_status(flown, SettlementStatus::Completed);
    w.finalize_status(cancelled, SettlementStatus::Cancelled);
    let res = w.oracle.settle_bookings(&vec![&w.env, 1u64, 2, 3]);
    assert!(res.iter().all(|r| r.error == 0));
    assert_eq!(w.escrow.get_booking(&1).state, BookingState::Released);
    assert_eq!(w.escrow.get_booking(&3).state, BookingState::Refunded);
    let fee = PRICE * FEE_BPS as i128 / 10_000;
    assert_eq!(w.usdc.balance(&w.airline), 2 * (PRICE - fee));
    assert_eq!(w.usdc.balance(&w.treasury), 2 * fee);
    assert_eq!(w.usdc.balance(&alice), 8 * PRICE);
    assert_eq!(w.escrow.total_held(), 0);
    let r1 = w.escrow.get_booking(&1).receipt_id.unwrap();
    let r3 = w.escrow.get_booking(&3).receipt_id.unwrap();
    assert_eq!(w.receipts.get_receipt(&r1).status, ReceiptStatus::Flown);
    assert_eq!(w.receipts.get_receipt(&r3).status, ReceiptStatus::Voided);
}

/// The flight id collision, end to end: an app booking on app flight `f`, where `f` is also the id
/// of a registry flight the oracle finalises. Before quoted flights had their own id space,
/// anyone could release (or refund) the app booking by `f`'s outcome through
/// `oracle.settle_booking`, before its own flight even departed.
#[test]
fn quoted_booking_cannot_be_settled_by_a_registry_flight_sharing_its_app_flight_id() {
    use traqora_escrow::{EscrowError, QuoteItem};
    use traqora_oracle::{OracleError, SettlementStatus};
    let w = World::new();
    let key = w.enable_quotes();
    let f = w.flight(PRICE); // registry flight 1, departing T0 + 7 days
    let alice = w.passenger(10 * PRICE);
    let bob = w.passenger(PRICE);
    w.pay(&bob, 1, f);
    // the app quotes its own flight whose id is also `f`, departing a month later
    let later = T0 + 30 * DAY;
    let app_flight = |id: u64| QuoteItem { flight_id: f, ..w.quote_item(id, &w.airline, PRICE, later) };
    // as the previous encoding sent it (the bare app id): refused, so the collision cannot arise
    let bare = w.quote(&alice, &[app_flight(2)]);
    let r = w.escrow.try_pay_quoted(&bare, &sign_quote(&w.env, &key, &bare));
    assert_eq!(r.err().unwrap().unwrap(), EscrowError::FlightNotBookable.into());
    // as the app sends it now: in the quoted id space
    let quoted = QuoteItem { flight_id: QUOTED_FLIGHT_BIT | f, ..app_flight(2) };
    w.pay_quoted(&key, &alice, &[quoted]);
    assert_eq!(w.escrow.get_booking(&2).flight_id, QUOTED_FLIGHT_BIT | f);

    // the registry flight is flown and its status finalised; anyone settles through the oracle
    w.finalize_status(f, SettlementStatus::Completed);
    assert_eq!(w.oracle.settle_booking(&1), SettlementStatus::Completed);
    assert_eq!(w.oracle.try_settle_booking(&2).err().unwrap().unwrap(), OracleError::QuotedFlight.into());
    let res = w.oracle.settle_bookings(&vec![&w.env, 2u64]);
    assert_eq!(res.get(0).unwrap().error, OracleError::QuotedFlight as u32);
    let b = w.escrow.get_booking(&2);
    assert_eq!(b.state, BookingState::Paid);
    assert_eq!(w.receipts.get_receipt(&b.receipt_id.unwrap()).status, ReceiptStatus::Active);
    assert_eq!(w.escrow.total_held(), PRICE);

    // the app booking settles on its own flight's outcome, by the Traqora server (settler)
    w.env.ledger().set_timestamp(later + 8 * 3_600);
    w.escrow.release_payment_to_airline(&w.settler, &2);
    assert_eq!(w.escrow.get_booking(&2).state, BookingState::Released);
    assert_eq!(w.escrow.total_held(), 0);
}

#[test]
fn disputed_booking_is_out_of_the_oracles_reach() {
    use traqora_oracle::SettlementStatus;
    let w = World::new();
    let f = w.flight(PRICE);
    let alice = w.passenger(PRICE);
    w.pay(&alice, 1, f);
    w.escrow.freeze_for_dispute(&w.arbiter, &1);
    w.finalize_status(f, SettlementStatus::Completed);
    assert!(w.oracle.try_settle_booking(&1).is_err());
    let res = w.oracle.settle_bookings(&vec![&w.env, 1u64]);
    assert_eq!(res.get(0).unwrap().error, traqora_escrow::EscrowError::NotAuthorized as u32);
    assert_eq!(w.escrow.get_booking(&1).state, BookingState::Disputed);
}

#[test]
fn multisig_resolves_an_oracle_dispute() {
    use traqora_oracle::SettlementStatus;
    let w = World::new();
    let f = w.flight(PRICE);
    let alice = w.passenger(PRICE);
    w.pay(&alice, 1, f);
    w.env.ledger().set_timestamp(w.flights.get_flight(&f).arrival);
    w.oracle.submit_flight_status(&w.providers[0], &f, &SettlementStatus::Completed);
    w.oracle.submit_flight_status(&w.providers[1], &f, &SettlementStatus::Completed);
    let challenger = w.passenger(DISPUTE_BOND);
    w.oracle.dispute_flight_status(&challenger, &f);
    let args = vec![&w.env, f.into_val(&w.env), SettlementStatus::Cancelled.into_val(&w.env)];
    w.admin_call(&w.oracle.address, "resolve_status_dispute", args);
    w.oracle.settle_booking(&1);
    assert_eq!(w.usdc.balance(&alice), PRICE);
    assert_eq!(w.usdc.balance(&challenger), DISPUTE_BOND);
    assert_eq!(w.oracle.get_provider(&w.providers[0]).unwrap().stake, PROVIDER_STAKE / 2);
}

#[test]
fn jury_verdict_refunds_through_escrow_and_voids_the_receipt() {
    use traqora_disputes::{REFUND, RELEASE};
    let w = World::new();
    let f = w.flight(PRICE);
    let alice = w.passenger(PRICE + FILING_STAKE);
    w.pay(&alice, 1, f);
    let id = w.disputes.file_dispute(&alice, &1, &w.salt(0xAA));
    assert_eq!(w.escrow.get_booking(&1).state, BookingState::Disputed);
    w.disputes.submit_evidence(&w.airline, &id, &w.salt(0xBB));
    assert_eq!(w.jury_round(id, &[(0, REFUND), (1, RELEASE), (3, REFUND)]), REFUND);
    w.advance(APPEAL_WINDOW);
    w.disputes.execute_verdict(&id);
    assert_eq!(w.escrow.get_booking(&1).state, BookingState::Refunded);
    let rid = w.escrow.get_booking(&1).receipt_id.unwrap();
    assert_eq!(w.receipts.get_receipt(&rid).status, ReceiptStatus::Voided);
    let fee = FILING_STAKE / 10;
    assert_eq!(w.usdc.balance(&alice), PRICE + FILING_STAKE - fee);
    assert_eq!(w.disputes.claim_reward(&w.jurors[0], &id, &1), fee * 4 / 5);
    assert_eq!(w.escrow.total_held(), 0);
}

#[test]
fn appeal_to_a_release_pays_the_airline() {
    use traqora_disputes::{REFUND, RELEASE};
    let w = World::new();
    let f = w.flight(PRICE);
    let alice = w.passenger(PRICE + FILING_STAKE);
    w.usdc_admin.mint(&w.airline, &(2 * FILING_STAKE));
    w.pay(&alice, 1, f);
    let id = w.disputes.file_dispute(&alice, &1, &w.salt(1));
    assert_eq!(w.jury_round(id, &[(3, REFUND)]), REFUND);
    w.disputes.appeal(&w.airline, &id);
    assert_eq!(w.jury_round(id, &[(0, RELEASE), (1, RELEASE), (3, REFUND)]), RELEASE);
    w.disputes.execute_verdict(&id);
    assert_eq!(w.escrow.get_booking(&1).state, BookingState::Released);
}

#[test]
fn governance_proposal_executes_after_the_timelock() {
    use soroban_sdk::{String as SString, Vec as SVec};
    let w = World::new();
    // The governor is made admin of nothing by default; here a proposal makes the governor
    // delegate its own (zero) TRQ to itself — a harmless call that proves the whole pipeline.
    let targets = vec![&w.env, w.trq.address.clone()];
    let functions = vec![&w.env, Symbol::new(&w.env, "delegate")];
    let args: SVec<SVec<soroban_sdk::Val>> = vec![
        &w.env,
        vec![&w.env, w.governor.address.into_val(&w.env), w.governor.address.into_val(&w.env)],
    ];
    let description = SString::from_str(&w.env, "Governor self-delegates");
    let id = w.governor.propose(&targets, &functions, &args, &description, &w.jurors[0]);
    w.env.ledger().set_sequence_number(w.env.ledger().sequence() + VOTING_DELAY + 1);
    for j in 0..3 {
        w.governor.cast_vote(&id, &1, &SString::from_str(&w.env, "yes"), &w.jurors[j]);
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
fn every_contract_keeps_its_instance_alive_and_bookings_outlive_the_flight() {
    use soroban_sdk::testutils::storage::{Instance as _, Persistent as _};
    use traqora_common::ttl::{BUMP_THRESHOLD, DAY_IN_LEDGERS, EXTEND_TO};
    let w = World::new();
    let f = w.flight(PRICE);
    // 60 days later, without any call in between: below the bump threshold everywhere
    w.env.ledger().set_sequence_number(w.env.ledger().sequence() + 60 * DAY_IN_LEDGERS);
    let alice = w.passenger(PRICE + FILING_STAKE);
    w.pay(&alice, 1, f); // escrow, receipts (mint), airline (read)
    w.disputes.file_dispute(&alice, &1, &w.salt(1)); // disputes
    let p = w.passenger(PROVIDER_STAKE);
    w.oracle.register_provider(&p, &PROVIDER_STAKE); // oracle
    w.multisig.propose_admin_action(&w.signers[0], &AdminAction::SetThreshold(3)); // multisig
    w.trq.transfer(&w.trq_treasury, &alice, &1); // trq
    let targets = vec![&w.env, w.trq.address.clone()];
    let functions = vec![&w.env, Symbol::new(&w.env, "decimals")];
    let args = vec![&w.env, soroban_sdk::Vec::new(&w.env)];
    w.governor.propose(&targets, &functions, &args, &soroban_sdk::String::from_str(&w.env, "ttl"), &w.jurors[0]); // governor
    w.loyalty.sync_member(&w.syncer, &traqora_loyalty::MemberSync { member: alice.clone(), points: 1, tier: traqora_loyalty::Tier::Member, sync_seq: 1 });
    let contracts = [
        ("airline", w.flights.address.clone()),
        ("escrow", w.escrow.address.clone()),
        ("receipts", w.receipts.address.clone()),
        ("oracle", w.oracle.address.clone()),
        ("disputes", w.disputes.address.clone()),
        ("multisig", w.multisig.address.clone()),
        ("trq", w.trq.address.clone()),
        ("governor", w.governor.address.clone()),
        ("loyalty", w.loyalty.address.clone()),
    ];
    for (name, addr) in contracts {
        let ttl = w.env.as_contract(&addr, || w.env.storage().instance().get_ttl());
        assert!(ttl >= BUMP_THRESHOLD, "{name} instance TTL {ttl} not extended");
        assert!(ttl <= EXTEND_TO);
    }
    let booking_ttl = w.env.as_contract(&w.escrow.address, || {
        w.env.storage().persistent().get_ttl(&traqora_escrow::DataKey::Booking(1))
    });
    assert!(booking_ttl >= BUMP_THRESHOLD);
}
