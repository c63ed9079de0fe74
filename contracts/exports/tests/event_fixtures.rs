//! Runs a booking's life through the real contracts and records every Traqora event into
//! `fixtures/events/<contract>.json` (RPC `getEvents` shape). Fails when the committed fixtures
//! differ from this run (`UPDATE_EXPORTS=1` rewrites).

use soroban_sdk::testutils::{Address as _, EnvTestConfig, Ledger as _};
use soroban_sdk::{token, vec, Address, Env, String};
use traqora_airline::{AirlineRegistry, AirlineRegistryClient, NewFlight, StatusUpdate, AIRLINE_ROLE};
use traqora_common::FlightStatus;
use traqora_escrow::{Escrow, EscrowClient, EscrowConfig, ARBITER_ROLE, SETTLER_ROLE};
use traqora_exports::EventRecorder;

/// 2027-01-01T00:00:00Z
const T0: u64 = 1_798_761_600;

#[test]
fn booking_lifecycle_events() {
    let env = Env::new_with_config(EnvTestConfig { capture_snapshot_at_drop: false });
    env.mock_all_auths();
    env.ledger().set_timestamp(T0);
    let mut rec = EventRecorder::new();

    let admin = Address::generate(&env);
    let airline = Address::generate(&env);
    let passenger = Address::generate(&env);
    let treasury = Address::generate(&env);
    let oracle = Address::generate(&env);
    let disputes = Address::generate(&env);
    let sac = env.register_stellar_asset_contract_v2(Address::generate(&env));
    token::StellarAssetClient::new(&env, &sac.address()).mint(&passenger, &10_000_0000000);

    let flights_id = env.register(AirlineRegistry, (&admin, 3_600u64));
    let flights = AirlineRegistryClient::new(&env, &flights_id);
    rec.watch(&flights_id, "airline");
    let escrow_id = env.register(
        Escrow,
        (
            &admin,
            EscrowConfig {
                token: sac.address(),
                treasury: treasury.clone(),
                flights: flights_id.clone(),
                receipts: None,
                fee_bps: 250,
                large_refund_threshold: 1_000_0000000,
                refund_delay: 86_400,
                settlement_window: 3 * 86_400,
            },
        ),
    );
    let escrow = EscrowClient::new(&env, &escrow_id);
    rec.watch(&escrow_id, "escrow");

    flights.grant_role(&airline, &AIRLINE_ROLE, &admin);
    rec.record(&env, "grant_role");
    escrow.grant_role(&oracle, &SETTLER_ROLE, &admin);
    rec.record(&env, "grant_role");
    escrow.grant_role(&disputes, &ARBITER_ROLE, &admin);
    rec.record(&env, "grant_role");

    let departure = T0 + 7 * 86_400;
    let new_flight = |number: &str, price: i128| NewFlight {
        flight_number: String::from_str(&env, number),
        origin: String::from_str(&env, "LIS"),
        destination: String::from_str(&env, "JFK"),
        departure,
        arrival: departure + 8 * 3_600,
        price,
    };
    let created = flights.batch_create_flights(
        &airline,
        &vec![&env, new_flight("TQ101", 450_0000000), new_flight("TQ103", 2_000_0000000)],
    );
    rec.record(&env, "batch_create_flights");
    let (f1, f2) = (created.get(0).unwrap().id, created.get(1).unwrap().id);

    env.ledger().set_timestamp(T0 + 3_600);
    flights.update_flight_price(&airline, &f1, &500_0000000);
    rec.record(&env, "update_flight_price");
    flights.set_price_cooldown(&1_800);
    rec.record(&env, "set_price_cooldown");

    let seat = String::from_str(&env, "14C");
    escrow.pay_for_booking(&passenger, &1, &f1, &500_0000000, &seat);
    rec.record(&env, "pay_for_booking");
    escrow.pay_for_booking(&passenger, &2, &f1, &500_0000000, &seat);
    escrow.pay_for_booking(&passenger, &3, &f2, &2_000_0000000, &seat);
    escrow.pay_for_booking(&passenger, &4, &f1, &500_0000000, &seat);
    escrow.pay_for_booking(&passenger, &5, &f1, &500_0000000, &seat);

    escrow.refund_passenger(&airline, &2);
    rec.record(&env, "refund_passenger");
    escrow.request_delayed_refund(&airline, &3);
    rec.record(&env, "request_delayed_refund");
    escrow.cancel_refund_request(&airline, &3);
    rec.record(&env, "cancel_refund_request");
    escrow.request_delayed_refund(&airline, &3);
    env.ledger().set_timestamp(T0 + 3_600 + 86_400);
    escrow.process_delayed_refund(&3);
    rec.record(&env, "process_delayed_refund");
    escrow.freeze_for_dispute(&disputes, &4);
    rec.record(&env, "freeze_for_dispute");
    escrow.refund_passenger(&disputes, &4);
    rec.record(&env, "refund_passenger");
    escrow.set_fee_bps(&300);
    rec.record(&env, "set_fee_bps");
    escrow.pause(&admin);
    rec.record(&env, "pause");
    escrow.unpause(&admin);
    rec.record(&env, "unpause");

    env.ledger().set_timestamp(departure + 9 * 3_600);
    flights.batch_update_flight_status(
        &airline,
        &vec![&env, StatusUpdate { flight_id: f1, status: FlightStatus::Departed }],
    );
    rec.record(&env, "batch_update_flight_status");
    escrow.release_payment_to_airline(&oracle, &1);
    rec.record(&env, "release_payment_to_airline");
    env.ledger().set_timestamp(departure + 8 * 3_600 + 3 * 86_400 + 1);
    escrow.expire(&5);
    rec.record(&env, "expire");

    rec.check();
}
