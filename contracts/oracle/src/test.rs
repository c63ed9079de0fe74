#![cfg(test)]
extern crate std;

use super::*;
use soroban_sdk::{token, Address, BytesN};
use traqora_common::MAX_ORACLE_SETTLEMENT_BATCH;
use soroban_sdk::testutils::{Address as _, EnvTestConfig, Events as _, Ledger as _, MockAuth, MockAuthInvoke};
use soroban_sdk::{vec, Env, Event as _, IntoVal, String};
use traqora_airline::{AirlineRegistry, AirlineRegistryClient, NewFlight, AIRLINE_ROLE};
use ed25519_dalek::{Signer as _, SigningKey};
use soroban_sdk::xdr::ToXdr;
use traqora_common::{BookingState, QUOTED_FLIGHT_BIT};
use traqora_escrow::{Escrow, EscrowClient, EscrowConfig, EscrowError, PaymentQuote, QuoteItem, SETTLER_ROLE};

const NOW: u64 = 1_000_000;
const DEP: u64 = NOW + 86_400;
const ARR: u64 = DEP + 3_600;
const PRICE: i128 = 100_0000000;
const STAKE: i128 = 1_000_0000000;
const BOND: i128 = 200_0000000;
const WINDOW: u64 = 6 * 3_600;

struct T {
    env: Env,
    admin: Address,
    airline: Address,
    treasury: Address,
    passenger: Address,
    providers: std::vec::Vec<Address>,
    token: token::Client<'static>,
    sac: token::StellarAssetClient<'static>,
    flights: AirlineRegistryClient<'static>,
    escrow: EscrowClient<'static>,
    o: FlightOracleClient<'static>,
    flight: u64,
}

fn setup() -> T {
    let env = Env::new_with_config(EnvTestConfig { capture_snapshot_at_drop: false });
    env.mock_all_auths();
    env.ledger().set_timestamp(NOW);
    let admin = Address::generate(&env);
    let airline = Address::generate(&env);
    let treasury = Address::generate(&env);
    let passenger = Address::generate(&env);
    let sac_id = env.register_stellar_asset_contract_v2(Address::generate(&env)).address();
    let token = token::Client::new(&env, &sac_id);
    let sac = token::StellarAssetClient::new(&env, &sac_id);
    sac.mint(&passenger, &(100 * PRICE));

    let flights_id = env.register(AirlineRegistry, (&admin, 0u64));
    let flights = AirlineRegistryClient::new(&env, &flights_id);
    flights.grant_role(&airline, &AIRLINE_ROLE, &admin);
    let nf = NewFlight {
        flight_number: String::from_str(&env, "TQ7"),
        origin: String::from_str(&env, "OPO"),
        destination: String::from_str(&env, "LHR"),
        departure: DEP,
        arrival: ARR,
        price: PRICE,
    };
    let flight = flights.batch_create_flights(&airline, &vec![&env, nf]).get(0).unwrap().id;

    let escrow_id = env.register(
        Escrow,
        (
            &admin,
            EscrowConfig {
                token: sac_id.clone(),
                treasury: treasury.clone(),
                flights: flights_id.clone(),
                receipts: None,
                fee_bps: 100,
                large_refund_threshold: 1_000 * PRICE,
                refund_delay: 0,
                settlement_window: 30 * 86_400,
            },
        ),
    );
    let escrow = EscrowClient::new(&env, &escrow_id);
    let cfg = OracleConfig {
        stake_token: sac_id.clone(),
        escrow: escrow_id.clone(),
        flights: flights_id,
        treasury: treasury.clone(),
        min_stake: STAKE,
        quorum: 2,
        dispute_window: WINDOW,
        dispute_bond: BOND,
        slash_bps: 5_000,
    };
    let oracle_id = env.register(FlightOracle, (&admin, cfg));
    escrow.grant_role(&oracle_id, &SETTLER_ROLE, &admin);
    let o = FlightOracleClient::new(&env, &oracle_id);
    let providers: std::vec::Vec<Address> = (0..4).map(|_| Address::generate(&env)).collect();
    for p in &providers {
        sac.mint(p, &(10 * STAKE));
        o.register_provider(p, &STAKE);
    }
    T { env, admin, airline, treasury, passenger, providers, token, sac, flights, escrow, o, flight }
}

impl T {
    fn pay(&self, id: u64) {
        self.escrow.pay_for_booking(&self.passenger, &id, &self.flight, &PRICE, &String::from_str(&self.env, "1A"));
    }
    fn submit(&self, i: usize, status: SettlementStatus) {
        self.o.submit_flight_status(&self.providers[i], &self.flight, &status);
    }
    fn stakes_and_bonds(&self) -> i128 {
        let mut sum = 0;
        for p in &self.providers {
            if let Some(pr) = self.o.get_provider(p) {
                sum += pr.stake;
            }
        }
        if let Some(r) = self.o.get_flight_report(&self.flight) {
            if r.phase == ReportPhase::Disputed {
                sum += BOND;
            }
        }
        sum
    }
    fn assert_balance_invariant(&self) {
        assert_eq!(self.token.balance(&self.o.address), self.stakes_and_bonds());
    }
}

fn err<T: core::fmt::Debug, C: core::fmt::Debug>(
    r: Result<Result<T, C>, Result<soroban_sdk::Error, soroban_sdk::InvokeError>>,
) -> OracleError {
    match r {
        Err(Ok(e)) => OracleError::try_from(e).unwrap_or_else(|_| panic!("not an oracle error: {:?}", e)),
        other => panic!("expected contract error, got {:?}", other),
    }
}

#[test]
fn providers_register_with_a_stake() {
    let t = setup();
    assert_eq!(t.o.get_provider(&t.providers[0]), Some(Provider { stake: STAKE, active: true, pending: 0 }));
    assert_eq!(t.token.balance(&t.o.address), 4 * STAKE);
    assert_eq!(err(t.o.try_register_provider(&t.providers[0], &STAKE)), OracleError::AlreadyRegistered);
    let newcomer = Address::generate(&t.env);
    t.sac.mint(&newcomer, &STAKE);
    assert_eq!(err(t.o.try_register_provider(&newcomer, &(STAKE - 1))), OracleError::StakeTooLow);
    t.env.set_auths(&[]);
    assert!(t.o.try_register_provider(&newcomer, &STAKE).is_err());
    t.env.mock_all_auths();
    t.o.pause(&t.admin);
    assert!(t.o.try_register_provider(&newcomer, &STAKE).is_err());
    t.o.unpause(&t.admin);
    t.o.register_provider(&newcomer, &STAKE);
    let evs = t.env.events().all().filter_by_contract(&t.o.address);
    let ev = ProviderRegistered { provider: newcomer.clone(), stake: STAKE };
    assert_eq!(evs.events(), std::vec![ev.to_xdr(&t.env, &t.o.address)].as_slice());
}

#[test]
fn submission_guards() {
    let t = setup();
    let stranger = Address::generate(&t.env);
    assert_eq!(err(t.o.try_submit_flight_status(&stranger, &t.flight, &SettlementStatus::Cancelled)), OracleError::NotProvider);
    assert_eq!(err(t.o.try_submit_flight_status(&t.providers[0], &99, &SettlementStatus::Cancelled)), OracleError::FlightNotFound);
    // completion cannot be reported before the scheduled arrival; a cancellation can
    assert_eq!(err(t.o.try_submit_flight_status(&t.providers[0], &t.flight, &SettlementStatus::Completed)), OracleError::FlightNotDeparted);
    t.submit(0, SettlementStatus::Cancelled);
    let auths = t.env.auths();
    assert_eq!(auths.len(), 1);
    assert_eq!(auths[0].0, t.providers[0]);
    assert_eq!(err(t.o.try_submit_flight_status(&t.providers[0], &t.flight, &SettlementStatus::Cancelled)), OracleError::AlreadySubmitted);
    assert_eq!(t.o.get_provider(&t.providers[0]).unwrap().pending, 1);
    t.env.set_auths(&[]);
    assert!(t.o.try_submit_flight_status(&t.providers[1], &t.flight, &SettlementStatus::Cancelled).is_err());
}

#[test]
fn quorum_proposes_and_closes_reporting() {
    let t = setup();
    t.env.ledger().set_timestamp(ARR + 60);
    t.submit(0, SettlementStatus::Completed);
    t.submit(1, SettlementStatus::Cancelled);
    assert_eq!(t.o.get_flight_report(&t.flight).unwrap().phase, ReportPhase::Open);
    t.submit(2, SettlementStatus::Completed);
    let evs = t.env.events().all().filter_by_contract(&t.o.address);
    let ev = StatusProposed { flight_id: t.flight, status: SettlementStatus::Completed, dispute_until: ARR + 60 + WINDOW };
    assert_eq!(evs.events().last().unwrap(), &ev.to_xdr(&t.env, &t.o.address));
    let r = t.o.get_flight_report(&t.flight).unwrap();
    assert_eq!((r.phase, r.proposed, r.proposed_at), (ReportPhase::Proposed, SettlementStatus::Completed, ARR + 60));
    assert_eq!(r.final_status(), None);
    assert_eq!(err(t.o.try_submit_flight_status(&t.providers[3], &t.flight, &SettlementStatus::Completed)), OracleError::ReportingClosed);
}

#[test]
fn finalisation_after_the_window_slashes_dissenters() {
    let t = setup();
    t.env.ledger().set_timestamp(ARR + 60);
    assert_eq!(err(t.o.try_finalize_flight_status(&t.flight)), OracleError::NoProposal);
    t.submit(0, SettlementStatus::Completed);
    t.submit(1, SettlementStatus::Cancelled);
    t.submit(2, SettlementStatus::Completed);
    assert_eq!(err(t.o.try_finalize_flight_status(&t.flight)), OracleError::DisputeWindowOpen);
    t.env.ledger().set_timestamp(ARR + 60 + WINDOW);
    assert_eq!(t.o.finalize_flight_status(&t.flight), SettlementStatus::Completed);
    let evs = t.env.events().all().filter_by_contract(&t.o.address);
    let slashed = ProviderSlashed { provider: t.providers[1].clone(), flight_id: t.flight, amount: STAKE / 2, remaining_stake: STAKE / 2 };
    assert!(evs.events().contains(&slashed.to_xdr(&t.env, &t.o.address)));
    assert_eq!(t.o.get_final_status(&t.flight), Some(SettlementStatus::Completed));
    assert_eq!(t.token.balance(&t.treasury), STAKE / 2);
    let p1 = t.o.get_provider(&t.providers[1]).unwrap();
    assert_eq!(p1, Provider { stake: STAKE / 2, active: false, pending: 0 });
    assert_eq!(t.o.get_provider(&t.providers[0]).unwrap(), Provider { stake: STAKE, active: true, pending: 0 });
    assert_eq!(err(t.o.try_finalize_flight_status(&t.flight)), OracleError::NoProposal);
    t.assert_balance_invariant();
    // a slashed-below-minimum provider cannot report again
    let nf = NewFlight {
        flight_number: String::from_str(&t.env, "TQ8"),
        origin: String::from_str(&t.env, "OPO"),
        destination: String::from_str(&t.env, "LHR"),
        departure: ARR + 60 + WINDOW + 10,
        arrival: ARR + 60 + WINDOW + 20,
        price: PRICE,
    };
    let f2 = t.flights.batch_create_flights(&t.airline, &vec![&t.env, nf]).get(0).unwrap().id;
    assert_eq!(err(t.o.try_submit_flight_status(&t.providers[1], &f2, &SettlementStatus::Cancelled)), OracleError::StakeTooLow);
}

#[test]
fn right_challenger_overturns_and_gets_the_bond_back() {
    let t = setup();
    let challenger = Address::generate(&t.env);
    t.sac.mint(&challenger, &BOND);
    t.env.ledger().set_timestamp(ARR + 60);
    assert_eq!(err(t.o.try_dispute_flight_status(&challenger, &t.flight)), OracleError::NoProposal);
    t.submit(0, SettlementStatus::Completed);
    t.submit(1, SettlementStatus::Completed);
    t.o.dispute_flight_status(&challenger, &t.flight);
    assert_eq!(t.token.balance(&challenger), 0);
    t.assert_balance_invariant();
    assert_eq!(err(t.o.try_dispute_flight_status(&challenger, &t.flight)), OracleError::AlreadyDisputed);
    t.env.ledger().set_timestamp(ARR + 60 + WINDOW);
    assert_eq!(err(t.o.try_finalize_flight_status(&t.flight)), OracleError::AlreadyDisputed);
    // only the multisig resolves
    let stranger = Address::generate(&t.env);
    t.env.mock_auths(&[MockAuth {
        address: &stranger,
        invoke: &MockAuthInvoke {
            contract: &t.o.address,
            fn_name: "resolve_status_dispute",
            args: (t.flight, SettlementStatus::Cancelled).into_val(&t.env),
            sub_invokes: &[],
        },
    }]);
    assert!(t.o.try_resolve_status_dispute(&t.flight, &SettlementStatus::Cancelled).is_err());
    t.env.mock_all_auths();
    t.o.resolve_status_dispute(&t.flight, &SettlementStatus::Cancelled);
    assert_eq!(t.o.get_final_status(&t.flight), Some(SettlementStatus::Cancelled));
    assert_eq!(t.token.balance(&challenger), BOND);
    assert_eq!(t.o.get_provider(&t.providers[0]).unwrap().stake, STAKE / 2);
    assert_eq!(t.o.get_provider(&t.providers[1]).unwrap().stake, STAKE / 2);
    assert_eq!(err(t.o.try_resolve_status_dispute(&t.flight, &SettlementStatus::Cancelled)), OracleError::NotDisputed);
    t.assert_balance_invariant();
}

#[test]
fn wrong_challenger_loses_the_bond() {
    let t = setup();
    let challenger = Address::generate(&t.env);
    t.sac.mint(&challenger, &BOND);
    t.submit(0, SettlementStatus::Cancelled);
    t.submit(1, SettlementStatus::Cancelled);
    assert_eq!(err(t.o.try_resolve_status_dispute(&t.flight, &SettlementStatus::Cancelled)), OracleError::NotDisputed);
    t.o.dispute_flight_status(&challenger, &t.flight);
    t.o.resolve_status_dispute(&t.flight, &SettlementStatus::Cancelled);
    assert_eq!(t.token.balance(&challenger), 0);
    assert_eq!(t.token.balance(&t.treasury), BOND);
    assert_eq!(t.o.get_provider(&t.providers[0]).unwrap().stake, STAKE);
    t.assert_balance_invariant();
}

#[test]
fn dispute_window_closes() {
    let t = setup();
    let challenger = Address::generate(&t.env);
    t.sac.mint(&challenger, &BOND);
    t.submit(0, SettlementStatus::Cancelled);
    t.submit(1, SettlementStatus::Cancelled);
    t.env.ledger().set_timestamp(NOW + WINDOW);
    assert_eq!(err(t.o.try_dispute_flight_status(&challenger, &t.flight)), OracleError::DisputeWindowClosed);
    t.o.finalize_flight_status(&t.flight);
    assert_eq!(err(t.o.try_dispute_flight_status(&challenger, &t.flight)), OracleError::NoProposal);
}

fn finalize(t: &T, status: SettlementStatus) {
    t.env.ledger().set_timestamp(ARR + 60);
    t.submit(0, status);
    t.submit(1, status);
    t.env.ledger().set_timestamp(ARR + 60 + WINDOW);
    t.o.finalize_flight_status(&t.flight);
}

#[test]
fn completed_flight_settles_to_the_airline() {
    let t = setup();
    t.pay(1);
    assert_eq!(err(t.o.try_settle_booking(&1)), OracleError::NotFinal);
    finalize(&t, SettlementStatus::Completed);
    assert_eq!(t.o.settle_booking(&1), SettlementStatus::Completed);
    assert_eq!(t.escrow.get_booking(&1).state, BookingState::Released);
    assert_eq!(t.token.balance(&t.airline), PRICE - PRICE / 100);
    // a second settlement is refused by the escrow's state machine
    let r = t.o.try_settle_booking(&1);
    match r {
        Err(Ok(e)) => assert_eq!(EscrowError::try_from(e).unwrap(), EscrowError::InvalidState),
        other => panic!("{other:?}"),
    }
}

impl T {
    /// A one-item quote for booking `id` on app flight `flight_id`, signed by the platform's key
    /// (which this sets as the escrow's quote key), as the Traqora app pays with `pay_quoted`.
    fn quote(&self, id: u64, flight_id: u64) -> (PaymentQuote, BytesN<64>) {
        let key = SigningKey::from_bytes(&[0x51; 32]);
        self.escrow.set_quote_signer(&BytesN::from_array(&self.env, &key.verifying_key().to_bytes()));
        let item = QuoteItem {
            airline: self.airline.clone(),
            amount: PRICE,
            arrival: ARR,
            booking_id: id,
            departure: DEP,
            flight_id,
            flight_number: String::from_str(&self.env, "TQ7"),
            sponsored: 0,
        };
        let quote = PaymentQuote {
            escrow: self.escrow.address.clone(),
            expires_at: self.env.ledger().timestamp() + 900,
            items: vec![&self.env, item],
            passenger: self.passenger.clone(),
            sponsor: None,
        };
        let msg: std::vec::Vec<u8> = quote.clone().to_xdr(&self.env).iter().collect();
        (quote, BytesN::from_array(&self.env, &key.sign(&msg).to_bytes()))
    }
}

/// The collision of flight id spaces: a quoted booking whose app flight id (without the quoted
/// bit) equals a registry flight's id. The oracle used to settle it by that registry flight's
/// final report; it now refuses, because app flights are not its flights.
#[test]
fn quoted_booking_is_never_settled_by_the_registry_flight_sharing_its_app_id() {
    for status in [SettlementStatus::Completed, SettlementStatus::Cancelled] {
        let t = setup();
        t.pay(1); // a registry booking on the same registry flight
        let (quote, sig) = t.quote(2, QUOTED_FLIGHT_BIT | t.flight);
        t.escrow.pay_quoted(&quote, &sig);
        assert_eq!(t.escrow.get_booking(&2).flight_id & !QUOTED_FLIGHT_BIT, t.flight);
        assert_eq!(err(t.o.try_settle_booking(&2)), OracleError::QuotedFlight);
        finalize(&t, status);
        assert_eq!(t.o.get_final_status(&t.flight), Some(status));
        // the quoted booking is refused, alone or in a batch, before and after finalisation
        assert_eq!(err(t.o.try_settle_booking(&2)), OracleError::QuotedFlight);
        let res = t.o.settle_bookings(&vec![&t.env, 2u64, 1]);
        let codes: std::vec::Vec<u32> = res.iter().map(|r| r.error).collect();
        assert_eq!(codes, std::vec![OracleError::QuotedFlight as u32, 0]);
        assert_eq!(OracleError::QuotedFlight as u32, 21);
        assert_eq!(t.escrow.get_booking(&2).state, BookingState::Paid);
        assert_eq!(t.escrow.total_held(), PRICE);
        // the registry booking did settle, and only it
        let settled = if status == SettlementStatus::Completed { BookingState::Released } else { BookingState::Refunded };
        assert_eq!(t.escrow.get_booking(&1).state, settled);
        // and there is no oracle report to be had for the app flight
        assert_eq!(err(t.o.try_submit_flight_status(&t.providers[2], &(QUOTED_FLIGHT_BIT | t.flight), &status)), OracleError::FlightNotFound);
        assert_eq!(t.o.get_flight_report(&(QUOTED_FLIGHT_BIT | t.flight)), None);
    }
}

#[test]
fn the_colliding_quote_item_cannot_be_paid_any_more() {
    // What the collision needed: a quote item carrying the registry flight's id as is.
    let t = setup();
    let (quote, sig) = t.quote(2, t.flight);
    match t.escrow.try_pay_quoted(&quote, &sig) {
        Err(Ok(e)) => assert_eq!(EscrowError::try_from(e).unwrap(), EscrowError::FlightNotBookable),
        other => panic!("{other:?}"),
    }
    assert!(t.escrow.try_get_booking(&2).is_err());
}

#[test]
fn airline_cancellation_refunds_the_passenger() {
    let t = setup();
    t.pay(1);
    finalize(&t, SettlementStatus::Cancelled);
    t.o.settle_booking(&1);
    assert_eq!(t.escrow.get_booking(&1).state, BookingState::Refunded);
    assert_eq!(t.token.balance(&t.passenger), 100 * PRICE);
}

#[test]
fn batch_settlement_reports_per_item() {
    let t = setup();
    for id in 1..=3u64 {
        t.pay(id);
    }
    t.escrow.refund_passenger(&t.airline, &2);
    assert_eq!(err(t.o.try_settle_bookings(&vec![&t.env])), OracleError::EmptyBatch);
    let mut many = soroban_sdk::Vec::new(&t.env);
    for i in 0..=MAX_ORACLE_SETTLEMENT_BATCH as u64 {
        many.push_back(i);
    }
    assert_eq!(err(t.o.try_settle_bookings(&many)), OracleError::BatchTooLarge);
    let res = t.o.settle_bookings(&vec![&t.env, 1u64]);
    assert_eq!(res.get(0).unwrap().error, OracleError::NotFinal as u32);
    finalize(&t, SettlementStatus::Completed);
    let res = t.o.settle_bookings(&vec![&t.env, 1u64, 2, 3, 77]);
    let codes: std::vec::Vec<u32> = res.iter().map(|r| r.error).collect();
    assert_eq!(
        codes,
        std::vec![0, EscrowError::InvalidState as u32, 0, EscrowError::BookingNotFound as u32]
    );
    assert_eq!(t.escrow.total_held(), 0);
}

#[test]
fn exit_returns_the_remaining_stake_once_nothing_is_pending() {
    let t = setup();
    t.env.ledger().set_timestamp(ARR + 60);
    t.submit(0, SettlementStatus::Completed);
    t.submit(1, SettlementStatus::Cancelled);
    assert_eq!(err(t.o.try_exit_provider(&t.providers[1])), OracleError::PendingReports);
    t.submit(2, SettlementStatus::Completed);
    t.env.ledger().set_timestamp(ARR + 60 + WINDOW);
    t.o.finalize_flight_status(&t.flight);
    let before = t.token.balance(&t.providers[1]);
    assert_eq!(t.o.exit_provider(&t.providers[1]), STAKE / 2);
    assert_eq!(t.token.balance(&t.providers[1]), before + STAKE / 2);
    assert_eq!(t.o.get_provider(&t.providers[1]), None);
    assert_eq!(err(t.o.try_exit_provider(&t.providers[1])), OracleError::NotProvider);
    t.assert_balance_invariant();
}

#[test]
fn admin_voids_a_report_that_never_reached_quorum() {
    let t = setup();
    t.submit(0, SettlementStatus::Cancelled);
    assert_eq!(err(t.o.try_exit_provider(&t.providers[0])), OracleError::PendingReports);
    assert_eq!(err(t.o.try_void_flight_report(&42)), OracleError::NoProposal);
    let stranger = Address::generate(&t.env);
    t.env.mock_auths(&[MockAuth {
        address: &stranger,
        invoke: &MockAuthInvoke {
            contract: &t.o.address,
            fn_name: "void_flight_report",
            args: (t.flight,).into_val(&t.env),
            sub_invokes: &[],
        },
    }]);
    assert!(t.o.try_void_flight_report(&t.flight).is_err());
    t.env.mock_all_auths();
    t.o.void_flight_report(&t.flight);
    let evs = t.env.events().all().filter_by_contract(&t.o.address);
    let ev = ReportVoided { flight_id: t.flight, reports: 1 };
    assert_eq!(evs.events(), std::vec![ev.to_xdr(&t.env, &t.o.address)].as_slice());
    assert_eq!(t.o.get_flight_report(&t.flight), None);
    assert_eq!(t.o.exit_provider(&t.providers[0]), STAKE);
    // reporting starts afresh; a proposed status cannot be voided
    t.submit(1, SettlementStatus::Cancelled);
    t.submit(2, SettlementStatus::Cancelled);
    assert_eq!(err(t.o.try_void_flight_report(&t.flight)), OracleError::NotOpen);
    t.assert_balance_invariant();
}

#[test]
fn reports_per_flight_are_bounded() {
    let t = setup();
    t.o.set_params(&MAX_REPORTS_PER_FLIGHT, &WINDOW, &BOND, &5_000, &STAKE);
    let mut ps = std::vec::Vec::new();
    for _ in 0..=MAX_REPORTS_PER_FLIGHT {
        let p = Address::generate(&t.env);
        t.sac.mint(&p, &STAKE);
        t.o.register_provider(&p, &STAKE);
        ps.push(p);
    }
    t.env.ledger().set_timestamp(ARR + 1);
    for (i, p) in ps.iter().take(MAX_REPORTS_PER_FLIGHT as usize).enumerate() {
        let s = if i % 2 == 0 { SettlementStatus::Completed } else { SettlementStatus::Cancelled };
        t.o.submit_flight_status(p, &t.flight, &s);
    }
    let last = ps.last().unwrap();
    assert_eq!(err(t.o.try_submit_flight_status(last, &t.flight, &SettlementStatus::Completed)), OracleError::TooManyReports);
}

#[test]
fn admin_parameters_and_lifecycle() {
    let t = setup();
    assert_eq!(err(t.o.try_set_params(&0, &WINDOW, &BOND, &5_000, &STAKE)), OracleError::InvalidConfig);
    assert_eq!(err(t.o.try_set_params(&2, &WINDOW, &BOND, &10_001, &STAKE)), OracleError::InvalidConfig);
    assert_eq!(err(t.o.try_set_params(&2, &WINDOW, &0, &5_000, &STAKE)), OracleError::InvalidConfig);
    t.o.set_params(&3, &60, &BOND, &1_000, &STAKE);
    assert_eq!(t.o.get_config().quorum, 3);
    let stranger = Address::generate(&t.env);
    t.env.mock_auths(&[MockAuth {
        address: &stranger,
        invoke: &MockAuthInvoke {
            contract: &t.o.address,
            fn_name: "set_params",
            args: (1u32, 60u64, BOND, 0u32, 1i128).into_val(&t.env),
            sub_invokes: &[],
        },
    }]);
    assert!(t.o.try_set_params(&1, &60, &BOND, &0, &1).is_err());
    t.env.mock_all_auths();
    assert_eq!(t.o.storage_version(), STORAGE_VERSION);
    assert_eq!(err(t.o.try_migrate()), OracleError::AlreadyMigrated);
    t.o.pause(&t.admin);
    assert!(t.o.try_submit_flight_status(&t.providers[0], &t.flight, &SettlementStatus::Cancelled).is_err());
    assert!(t.o.try_settle_booking(&1).is_err());
}
