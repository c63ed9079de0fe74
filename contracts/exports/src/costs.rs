//! The cost scenarios: each main entry point called in a wired deployment, measured with the
//! host's metering (`env.cost_estimate()`) right after the call. `tests/cost_report.rs` prints
//! them natively; `wasm-tests/tests/costs.rs` runs them on the wasm and natively side by side.
//!
//! Figures are for the last top-level call. Native runs do not meter the wasm VM (no VM
//! instantiation, no wasm instructions), so native CPU and memory are lower bounds; the wasm run
//! is what the network charges. The fee is `cost_estimate().fee()`: the resource fee from the
//! SDK's mainnet fee snapshot, without the inclusion fee and the transaction-size (bandwidth) fee.

use soroban_sdk::testutils::Ledger as _;
use soroban_sdk::{vec, Env, IntoVal, String, Symbol, Vec as SVec};
use traqora_airline::StatusUpdate;
use traqora_common::FlightStatus;
use traqora_disputes::{REFUND, RELEASE};
use traqora_loyalty::{MemberSync, Tier};
use traqora_oracle::SettlementStatus;

use crate::world::*;

/// One measured call (or, for "N × …" rows, the sum of N calls).
#[derive(Clone, Debug)]
pub struct Row {
    pub name: std::string::String,
    pub instructions: i64,
    pub mem: i64,
    pub reads: u32,
    pub writes: u32,
    pub write_bytes: u32,
    pub event_bytes: u32,
    /// Resource fee in stroops.
    pub fee: i64,
}

impl Row {
    fn zero(name: &str) -> Row {
        Row { name: name.into(), instructions: 0, mem: 0, reads: 0, writes: 0, write_bytes: 0, event_bytes: 0, fee: 0 }
    }

    fn add(&mut self, r: &Row) {
        self.instructions += r.instructions;
        self.mem += r.mem;
        self.reads += r.reads;
        self.writes += r.writes;
        self.write_bytes += r.write_bytes;
        self.event_bytes += r.event_bytes;
        self.fee += r.fee;
    }
}

pub struct Section {
    pub title: &'static str,
    pub rows: std::vec::Vec<Row>,
}

fn measure(env: &Env, name: &str) -> Row {
    let c = env.cost_estimate();
    let r = c.resources();
    Row {
        name: name.to_string(),
        instructions: r.instructions,
        mem: r.mem_bytes,
        reads: r.disk_read_entries + r.memory_read_entries,
        writes: r.write_entries,
        write_bytes: r.write_bytes,
        event_bytes: r.contract_events_size_bytes,
        fee: c.fee().total,
    }
}

/// Prints sections as the markdown tables of contracts/README.md.
pub fn print(sections: &[Section]) {
    for s in sections {
        println!("\n**{}**\n", s.title);
        println!("| call | CPU instructions | memory bytes | entries read | entries written | bytes written | event bytes | fee (stroops) |");
        println!("|---|---:|---:|---:|---:|---:|---:|---:|");
        for r in &s.rows {
            println!(
                "| {} | {} | {} | {} | {} | {} | {} | {} |",
                r.name, group(r.instructions), group(r.mem), r.reads, r.writes, group(r.write_bytes as i64), group(r.event_bytes as i64), group(r.fee)
            );
        }
    }
}

/// 1234567 -> "1,234,567".
pub fn group(n: i64) -> std::string::String {
    let digits = n.abs().to_string();
    let mut out = std::string::String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

const PRICE: i128 = 450_0000000;

/// Runs every scenario on `code` and returns the measurements, section by section.
pub fn scenarios(code: Code) -> std::vec::Vec<Section> {
    let mut out = std::vec::Vec::new();
    let w = World::with_code(code, true);
    let env = &w.env;
    let mut rows = std::vec::Vec::new();

    // ---- airline
    let f = {
        let items = vec![env, w.new_flight("TQ1", T0 + 7 * DAY, PRICE)];
        let id = w.flights.batch_create_flights(&w.airline, &items).get(0).unwrap().id;
        rows.push(measure(env, "airline.batch_create_flights (1)"));
        id
    };
    let mut twenty = SVec::new(env);
    for _ in 0..20 {
        twenty.push_back(w.new_flight("TQ2", T0 + 7 * DAY, PRICE));
    }
    let created = w.flights.batch_create_flights(&w.airline, &twenty);
    rows.push(measure(env, "airline.batch_create_flights (20)"));
    let mut ups = SVec::new(env);
    for r in created.iter() {
        ups.push_back(StatusUpdate { flight_id: r.id, status: FlightStatus::Delayed });
    }
    w.flights.batch_update_flight_status(&w.airline, &ups);
    rows.push(measure(env, "airline.batch_update_flight_status (20)"));
    w.advance(3_600);
    w.flights.update_flight_price(&w.airline, &created.get(0).unwrap().id, &(PRICE + 1));
    rows.push(measure(env, "airline.update_flight_price"));
    out.push(Section { title: "Airline registry", rows: std::mem::take(&mut rows) });

    // ---- escrow
    let mut rows = std::vec::Vec::new();
    let alice = w.passenger(1_000 * PRICE);
    let seat = String::from_str(env, "12A");
    w.escrow.pay_for_booking(&alice, &1, &f, &PRICE, &seat);
    rows.push(measure(env, "escrow.pay_for_booking (+ receipt mint)"));
    {
        let w2 = World::with_code(code, false);
        let f2 = w2.flight(PRICE);
        let bob = w2.passenger(PRICE);
        w2.pay(&bob, 1, f2);
        rows.push(measure(&w2.env, "escrow.pay_for_booking (no receipts contract)"));
    }
    for id in 2..=5u64 {
        w.escrow.pay_for_booking(&alice, &id, &f, &PRICE, &seat);
    }
    w.escrow.release_payment_to_airline(&w.settler, &1);
    rows.push(measure(env, "escrow.release_payment_to_airline"));
    w.escrow.refund_passenger(&w.airline, &2);
    rows.push(measure(env, "escrow.refund_passenger"));
    w.escrow.request_delayed_refund(&w.airline, &3);
    rows.push(measure(env, "escrow.request_delayed_refund"));
    w.escrow.cancel_refund_request(&w.airline, &3);
    rows.push(measure(env, "escrow.cancel_refund_request"));
    w.escrow.request_delayed_refund(&w.airline, &3);
    w.advance(REFUND_DELAY);
    w.escrow.process_delayed_refund(&3);
    rows.push(measure(env, "escrow.process_delayed_refund"));
    w.escrow.freeze_for_dispute(&w.arbiter, &4);
    rows.push(measure(env, "escrow.freeze_for_dispute"));
    out.push(Section { title: "Escrow", rows: std::mem::take(&mut rows) });

    // ---- quoted payments and cancellations (a fresh deployment); each quote is a new
    // passenger's first payment, like the pay_for_booking rows above
    let mut rows = std::vec::Vec::new();
    {
        let w = World::with_code(code, true);
        let env = &w.env;
        let key = w.enable_quotes();
        let departure = T0 + 7 * DAY;
        let mut next_id = 1u64;
        for n in [1u64, 2, traqora_common::MAX_QUOTE_ITEMS as u64] {
            let passenger = w.passenger(1_000 * PRICE);
            let items: std::vec::Vec<_> = (next_id..next_id + n).map(|id| w.quote_item(id, &w.airline, PRICE, departure)).collect();
            next_id += n;
            w.pay_quoted(&key, &passenger, &items);
            let s = if n == 1 { "" } else { "s" };
            rows.push(measure(env, &format!("escrow.pay_quoted ({n} segment{s}, + receipt mint{s})")));
        }
        let w2 = World::with_code(code, false);
        let key2 = w2.enable_quotes();
        let bob = w2.passenger(PRICE);
        w2.pay_quoted(&key2, &bob, &[w2.quote_item(1, &w2.airline, PRICE, departure)]);
        rows.push(measure(&w2.env, "escrow.pay_quoted (1 segment, no receipts contract)"));
        // warm-up: the first payout creates the airline's and treasury's token balances
        w.escrow.settle_cancellation(&w.settler, &1, &(PRICE / 2));
        w.escrow.settle_cancellation(&w.settler, &2, &(PRICE / 2));
        rows.push(measure(env, "escrow.settle_cancellation (partial refund)"));
    }
    out.push(Section { title: "Quoted payments and cancellations", rows: std::mem::take(&mut rows) });

    // ---- batch vs singles: a fresh deployment per N keeps the test ledger small
    let mut rows = std::vec::Vec::new();
    for n in [1u64, 5, 10] {
        let w = World::with_code(code, true);
        let env = &w.env;
        let f = w.flight(PRICE);
        let alice = w.passenger(1_000 * PRICE);
        for id in 1..=2 * n + 1 {
            w.pay(&alice, id, f);
        }
        // warm-up: the first release creates the airline's and treasury's token balances, whose
        // rent would otherwise dominate the first measured call
        w.escrow.release_payment_to_airline(&w.settler, &(2 * n + 1));
        let mut single = Row::zero(&format!("{n} × release_payment_to_airline"));
        for id in 1..=n {
            w.escrow.release_payment_to_airline(&w.settler, &id);
            single.add(&measure(env, ""));
        }
        rows.push(single);
        let mut ids = SVec::new(env);
        for id in n + 1..=2 * n {
            ids.push_back(id);
        }
        w.escrow.batch_release_payments(&w.settler, &ids);
        rows.push(measure(env, &format!("batch_release_payments ({n})")));
    }
    out.push(Section { title: "Batch completion vs single completions", rows: std::mem::take(&mut rows) });

    // ---- oracle
    let mut rows = std::vec::Vec::new();
    let p = w.passenger(PROVIDER_STAKE);
    w.oracle.register_provider(&p, &PROVIDER_STAKE);
    rows.push(measure(env, "oracle.register_provider"));
    env.ledger().set_timestamp(w.flights.get_flight(&f).arrival);
    w.oracle.submit_flight_status(&w.providers[0], &f, &SettlementStatus::Completed);
    rows.push(measure(env, "oracle.submit_flight_status"));
    w.oracle.submit_flight_status(&w.providers[1], &f, &SettlementStatus::Completed);
    rows.push(measure(env, "oracle.submit_flight_status (reaches quorum)"));
    w.advance(ORACLE_WINDOW);
    w.oracle.finalize_flight_status(&f);
    rows.push(measure(env, "oracle.finalize_flight_status (2 reports)"));
    w.oracle.settle_booking(&5);
    rows.push(measure(env, "oracle.settle_booking"));
    out.push(Section { title: "Oracle", rows: std::mem::take(&mut rows) });

    let mut rows = std::vec::Vec::new();
    let w = World::with_code(code, true);
    let env = &w.env;
    let f = w.flight(PRICE);
    let alice = w.passenger(1_000 * PRICE);
    let mut ids = SVec::new(env);
    for id in 1..=traqora_common::MAX_ORACLE_SETTLEMENT_BATCH as u64 {
        w.pay(&alice, id, f);
        ids.push_back(id);
    }
    w.finalize_status(f, SettlementStatus::Completed);
    w.oracle.settle_bookings(&ids);
    rows.push(measure(env, "oracle.settle_bookings (5)"));
    out.push(Section { title: "Oracle batch settlement", rows: std::mem::take(&mut rows) });

    // ---- disputes (a fresh deployment: flights above have departed)
    let w = World::with_code(code, true);
    let env = &w.env;
    let mut rows = std::vec::Vec::new();
    let f = w.flight(PRICE);
    let alice = w.passenger(PRICE + FILING_STAKE);
    w.pay(&alice, 1, f);
    let id = w.disputes.file_dispute(&alice, &1, &w.salt(1));
    rows.push(measure(env, "disputes.file_dispute"));
    w.disputes.submit_evidence(&w.airline, &id, &w.salt(2));
    rows.push(measure(env, "disputes.submit_evidence"));
    let c = w.disputes.compute_commitment(&w.jurors[0], &1, &REFUND, &w.salt(9));
    w.disputes.commit_vote(&w.jurors[0], &id, &c);
    rows.push(measure(env, "disputes.commit_vote"));
    let c = w.disputes.compute_commitment(&w.jurors[1], &1, &RELEASE, &w.salt(8));
    w.disputes.commit_vote(&w.jurors[1], &id, &c);
    w.advance(JURY_COMMIT);
    w.disputes.reveal_vote(&w.jurors[0], &id, &REFUND, &w.salt(9));
    rows.push(measure(env, "disputes.reveal_vote"));
    w.disputes.reveal_vote(&w.jurors[1], &id, &RELEASE, &w.salt(8));
    w.advance(JURY_REVEAL);
    w.disputes.tally_votes(&id);
    rows.push(measure(env, "disputes.tally_votes"));
    w.advance(APPEAL_WINDOW);
    w.disputes.execute_verdict(&id);
    rows.push(measure(env, "disputes.execute_verdict (escrow refund)"));
    w.disputes.claim_reward(&w.jurors[0], &id, &1);
    rows.push(measure(env, "disputes.claim_reward"));
    out.push(Section { title: "Disputes", rows: std::mem::take(&mut rows) });

    // ---- multisig, governor, loyalty
    let mut rows = std::vec::Vec::new();
    let action = traqora_multisig::AdminAction::Invoke(traqora_multisig::InvokeCall {
        contract: w.escrow.address.clone(),
        function: Symbol::new(env, "set_fee_bps"),
        args: vec![env, 300u32.into_val(env)],
    });
    let pid = w.multisig.propose_admin_action(&w.signers[0], &action);
    rows.push(measure(env, "multisig.propose_admin_action"));
    w.multisig.approve_admin_action(&w.signers[1], &pid);
    rows.push(measure(env, "multisig.approve_admin_action"));
    w.multisig.execute_admin_action(&w.signers[2], &pid);
    rows.push(measure(env, "multisig.execute_admin_action (escrow.set_fee_bps)"));

    let targets = vec![env, w.trq.address.clone()];
    let functions = vec![env, Symbol::new(env, "delegate")];
    let args: SVec<SVec<soroban_sdk::Val>> =
        vec![env, vec![env, w.governor.address.into_val(env), w.governor.address.into_val(env)]];
    let description = String::from_str(env, "cost report proposal");
    let gid = w.governor.propose(&targets, &functions, &args, &description, &w.jurors[0]);
    rows.push(measure(env, "governor.propose"));
    env.ledger().set_sequence_number(env.ledger().sequence() + VOTING_DELAY + 1);
    w.governor.cast_vote(&gid, &1, &String::from_str(env, "yes"), &w.jurors[0]);
    rows.push(measure(env, "governor.cast_vote"));
    w.governor.cast_vote(&gid, &1, &String::from_str(env, "yes"), &w.jurors[1]);
    env.ledger().set_sequence_number(env.ledger().sequence() + VOTING_PERIOD);
    let hash = env.crypto().keccak256(&description.to_bytes()).to_bytes();
    w.governor.queue(&targets, &functions, &args, &hash, &0, &w.jurors[0]);
    rows.push(measure(env, "governor.queue"));
    env.ledger().set_sequence_number(env.ledger().sequence() + TIMELOCK_LEDGERS);
    w.governor.execute(&targets, &functions, &args, &hash, &w.jurors[0]);
    rows.push(measure(env, "governor.execute (1 call)"));

    w.loyalty.sync_member(&w.syncer, &MemberSync { member: alice.clone(), points: 100, tier: Tier::Silver, sync_seq: 1 });
    rows.push(measure(env, "loyalty.sync_member"));
    let mut batch = SVec::new(env);
    for i in 0..20u64 {
        batch.push_back(MemberSync { member: w.passenger(0), points: 10 + i as i128, tier: Tier::Member, sync_seq: 1 });
    }
    w.loyalty.batch_sync_members(&w.syncer, &batch);
    rows.push(measure(env, "loyalty.batch_sync_members (20)"));
    out.push(Section { title: "Admin multisig, governance, loyalty", rows: std::mem::take(&mut rows) });
    out
}
