//! Runs bookings through the real, wired contracts and records every Traqora event into
//! `fixtures/events/<contract>.json` (RPC `getEvents` shape). Fails when the committed fixtures
//! differ from this run (`UPDATE_EXPORTS=1` rewrites).

use soroban_sdk::testutils::{Address as _, Ledger as _};
use soroban_sdk::{vec, Address, IntoVal, String};
use traqora_airline::StatusUpdate;
use traqora_common::FlightStatus;
use traqora_exports::world::*;
use traqora_exports::EventRecorder;
use traqora_multisig::AdminAction;
use traqora_disputes::{REFUND, RELEASE};
use traqora_oracle::SettlementStatus;

#[test]
fn booking_lifecycle_events() {
    let w = World::new();
    let env = &w.env;
    let mut rec = EventRecorder::new();
    rec.watch(&w.flights.address, "airline");
    rec.watch(&w.escrow.address, "escrow");
    rec.watch(&w.receipts.address, "receipts");
    rec.watch(&w.multisig.address, "multisig");
    rec.watch(&w.oracle.address, "oracle");
    rec.watch(&w.disputes.address, "disputes");
    rec.watch(&w.trq.address, "trq");
    rec.watch(&w.governor.address, "governor");
    rec.watch(&w.loyalty.address, "loyalty");

    // admin multisig: a parameter change through a proposal, and a signer added
    let fee_args = vec![env, 300u32.into_val(env)];
    let action = traqora_multisig::AdminAction::Invoke(traqora_multisig::InvokeCall {
        contract: w.escrow.address.clone(),
        function: soroban_sdk::Symbol::new(env, "set_fee_bps"),
        args: fee_args,
    });
    let id = w.multisig.propose_admin_action(&w.signers[0], &action);
    rec.record(env, "propose_admin_action");
    w.multisig.approve_admin_action(&w.signers[1], &id);
    rec.record(env, "approve_admin_action");
    w.multisig.execute_admin_action(&w.signers[2], &id);
    rec.record(env, "execute_admin_action");
    // OZ pausable events, emitted through multisig proposals
    let ms = w.multisig.address.clone();
    w.admin_call(&w.escrow.address, "pause", vec![env, ms.into_val(env)]);
    rec.record(env, "execute_admin_action");
    w.admin_call(&w.escrow.address, "unpause", vec![env, ms.into_val(env)]);
    rec.record(env, "execute_admin_action");
    let id = w.multisig.propose_admin_action(&w.signers[0], &AdminAction::SetThreshold(3));
    w.multisig.approve_admin_action(&w.signers[1], &id);
    w.multisig.execute_admin_action(&w.signers[1], &id);
    rec.record(env, "execute_admin_action");
    let newcomer = Address::generate(env);
    w.multisig.add_signer(&w.signers[0], &newcomer);
    rec.record(env, "add_signer");

    // airline: flights, a price change, a status change
    let departure = T0 + 7 * DAY;
    let created = w.flights.batch_create_flights(
        &w.airline,
        &vec![env, w.new_flight("TQ101", departure, 450_0000000), w.new_flight("TQ103", departure, 2_000_0000000)],
    );
    rec.record(env, "batch_create_flights");
    let (f1, f2) = (created.get(0).unwrap().id, created.get(1).unwrap().id);
    env.ledger().set_timestamp(T0 + 3_600);
    w.flights.update_flight_price(&w.airline, &f1, &500_0000000);
    rec.record(env, "update_flight_price");

    // escrow: every transition
    let alice = w.passenger(10_000_0000000);
    let seat = String::from_str(env, "14C");
    w.escrow.pay_for_booking(&alice, &1, &f1, &500_0000000, &seat);
    rec.record(env, "pay_for_booking");
    for id in 2..=8u64 {
        let (f, p) = if id == 3 || id >= 6 { (f2, 2_000_0000000) } else { (f1, 500_0000000) };
        w.escrow.pay_for_booking(&alice, &id, &f, &p, &seat);
    }
    w.escrow.refund_passenger(&w.airline, &2);
    rec.record(env, "refund_passenger");
    w.escrow.request_delayed_refund(&w.airline, &3);
    rec.record(env, "request_delayed_refund");
    w.escrow.cancel_refund_request(&w.airline, &3);
    rec.record(env, "cancel_refund_request");
    w.escrow.request_delayed_refund(&w.airline, &3);
    env.ledger().set_timestamp(T0 + 3_600 + REFUND_DELAY);
    w.escrow.process_delayed_refund(&3);
    rec.record(env, "process_delayed_refund");
    w.escrow.freeze_for_dispute(&w.arbiter, &4);
    rec.record(env, "freeze_for_dispute");
    w.escrow.refund_passenger(&w.arbiter, &4);
    rec.record(env, "refund_passenger");

    env.ledger().set_timestamp(departure + 9 * 3_600);
    w.flights.batch_update_flight_status(
        &w.airline,
        &vec![env, StatusUpdate { flight_id: f1, status: FlightStatus::Departed }],
    );
    rec.record(env, "batch_update_flight_status");
    w.escrow.release_payment_to_airline(&w.settler, &1);
    rec.record(env, "release_payment_to_airline");

    // oracle: a dissenting report, quorum, finalisation with slashing, settlement
    let arrival = departure + 8 * 3_600;
    w.oracle.submit_flight_status(&w.providers[2], &f2, &SettlementStatus::Completed);
    rec.record(env, "submit_flight_status");
    w.oracle.submit_flight_status(&w.providers[0], &f2, &SettlementStatus::Cancelled);
    w.oracle.submit_flight_status(&w.providers[1], &f2, &SettlementStatus::Cancelled);
    rec.record(env, "submit_flight_status");
    env.ledger().set_timestamp(arrival + 3_600 + ORACLE_WINDOW);
    w.oracle.finalize_flight_status(&f2);
    rec.record(env, "finalize_flight_status");
    w.oracle.settle_booking(&6);
    rec.record(env, "settle_booking");
    w.oracle.settle_bookings(&vec![env, 7u64]);
    rec.record(env, "settle_bookings");
    let challenger = w.passenger(DISPUTE_BOND);
    w.oracle.submit_flight_status(&w.providers[0], &f1, &SettlementStatus::Completed);
    w.oracle.submit_flight_status(&w.providers[1], &f1, &SettlementStatus::Completed);
    w.oracle.dispute_flight_status(&challenger, &f1);
    rec.record(env, "dispute_flight_status");
    let provider = Address::generate(env);
    w.usdc_admin.mint(&provider, &PROVIDER_STAKE);
    w.oracle.register_provider(&provider, &PROVIDER_STAKE);
    rec.record(env, "register_provider");
    w.oracle.exit_provider(&provider);
    rec.record(env, "exit_provider");
    env.ledger().set_timestamp(departure + 8 * 3_600 + SETTLEMENT_WINDOW + 1);
    w.escrow.expire(&5);
    rec.record(env, "expire");


    // disputes: filing, evidence, a jury round, an appeal round, verdict, rewards
    w.usdc_admin.mint(&alice, &FILING_STAKE);
    w.usdc_admin.mint(&w.airline, &(2 * FILING_STAKE));
    let id = w.disputes.file_dispute(&alice, &8, &w.salt(0xA1));
    rec.record(env, "file_dispute");
    w.disputes.submit_evidence(&w.airline, &id, &w.salt(0xB2));
    rec.record(env, "submit_evidence");
    let c = w.disputes.compute_commitment(&w.jurors[3], &1, &REFUND, &w.salt(3));
    w.disputes.commit_vote(&w.jurors[3], &id, &c);
    rec.record(env, "commit_vote");
    w.advance(JURY_COMMIT);
    w.disputes.reveal_vote(&w.jurors[3], &id, &REFUND, &w.salt(3));
    rec.record(env, "reveal_vote");
    w.advance(JURY_REVEAL);
    w.disputes.tally_votes(&id);
    rec.record(env, "tally_votes");
    w.disputes.appeal(&w.airline, &id);
    rec.record(env, "appeal");
    w.jury_round(id, &[(0, RELEASE), (3, REFUND)]);
    w.disputes.execute_verdict(&id);
    rec.record(env, "execute_verdict");
    w.disputes.claim_reward(&w.jurors[0], &id, &2);
    rec.record(env, "claim_reward");

    // TRQ and governance: delegation, a proposal through vote, queue and execution
    let holder = Address::generate(env);
    w.trq.transfer(&w.trq_treasury, &holder, &5_000_0000000);
    rec.record(env, "transfer");
    w.trq.delegate(&holder, &holder);
    rec.record(env, "delegate");
    let targets = vec![env, w.trq.address.clone()];
    let functions = vec![env, soroban_sdk::Symbol::new(env, "delegate")];
    let args = vec![env, vec![env, w.governor.address.into_val(env), w.governor.address.into_val(env)]];
    let description = String::from_str(env, "Governor self-delegates");
    let pid = w.governor.propose(&targets, &functions, &args, &description, &w.jurors[0]);
    rec.record(env, "propose");
    env.ledger().set_sequence_number(env.ledger().sequence() + VOTING_DELAY + 1);
    w.governor.cast_vote(&pid, &1, &String::from_str(env, "for members"), &w.jurors[0]);
    rec.record(env, "cast_vote");
    w.governor.cast_vote(&pid, &0, &String::from_str(env, "not now"), &w.jurors[3]);
    w.governor.cast_vote(&pid, &2, &String::from_str(env, ""), &w.jurors[1]);
    env.ledger().set_sequence_number(env.ledger().sequence() + VOTING_PERIOD);
    let hash = env.crypto().keccak256(&description.to_bytes()).to_bytes();
    w.governor.queue(&targets, &functions, &args, &hash, &0, &w.jurors[0]);
    rec.record(env, "queue");
    env.ledger().set_sequence_number(env.ledger().sequence() + TIMELOCK_LEDGERS);
    w.governor.execute(&targets, &functions, &args, &hash, &w.jurors[0]);
    rec.record(env, "execute");

    // loyalty: the engine's state mirrored on chain
    use traqora_loyalty::{MemberSync, Tier};
    w.loyalty.sync_member(&w.syncer, &MemberSync { member: alice.clone(), points: 1_250, tier: Tier::Silver, sync_seq: 1 });
    rec.record(env, "sync_member");
    w.loyalty.batch_sync_members(
        &w.syncer,
        &vec![env, MemberSync { member: alice.clone(), points: 250, tier: Tier::Silver, sync_seq: 2 }],
    );
    rec.record(env, "batch_sync_members");

    // escrow, quoted payments (recorded last, so the events above keep their ledgers): the
    // multisig sets the platform's quote key (threshold 3 by now), an app booking of two segments
    // on two airlines is paid with one signature, and the passenger cancels the return segment
    // on its fare's conditions (80 of 380 USDC kept).
    let key = platform_key();
    let set_key = AdminAction::Invoke(traqora_multisig::InvokeCall {
        contract: w.escrow.address.clone(),
        function: soroban_sdk::Symbol::new(env, "set_quote_signer"),
        args: vec![env, soroban_sdk::BytesN::from_array(env, &key.verifying_key().to_bytes()).into_val(env)],
    });
    let id = w.multisig.propose_admin_action(&w.signers[0], &set_key);
    w.multisig.approve_admin_action(&w.signers[1], &id);
    w.multisig.approve_admin_action(&w.signers[2], &id);
    w.multisig.execute_admin_action(&w.signers[2], &id);
    rec.record(env, "execute_admin_action");
    let now = env.ledger().timestamp();
    let partner = Address::generate(env);
    w.pay_quoted(&key, &alice, &[w.quote_item(9, &w.airline, 450_0000000, now + 7 * DAY), w.quote_item(10, &partner, 380_0000000, now + 14 * DAY)]);
    rec.record(env, "pay_quoted");
    w.escrow.settle_cancellation(&w.settler, &10, &300_0000000);
    rec.record(env, "settle_cancellation");

    // points at checkout: the loyalty-liability account pays 50 of a 450 USDC segment (its own
    // transfer, its own authorisation), and the cancellation returns its share of the refund
    let liability = w.passenger(50_0000000);
    let quote = traqora_escrow::PaymentQuote {
        sponsor: Some(liability.clone()),
        ..w.quote(&alice, &[traqora_escrow::QuoteItem { sponsored: 50_0000000, ..w.quote_item(11, &w.airline, 450_0000000, now + 7 * DAY) }])
    };
    w.escrow.pay_quoted(&quote, &sign_quote(env, &key, &quote));
    rec.record(env, "pay_quoted (sponsored)");
    w.escrow.settle_cancellation(&w.settler, &11, &360_0000000);
    rec.record(env, "settle_cancellation (sponsored)");

    rec.check();
}
