#![cfg(test)]
extern crate std;

use super::*;
use soroban_sdk::testutils::{Address as _, EnvTestConfig, Events as _, Ledger as _, MockAuth, MockAuthInvoke};
use soroban_sdk::{vec, BytesN, Env, Event as _, IntoVal, Val};

const NOW: u64 = 100_000;
const DEP: u64 = NOW + 86_400;
const COOLDOWN: u64 = 3_600;

struct T {
    env: Env,
    admin: Address,
    airline: Address,
    other: Address,
    c: AirlineRegistryClient<'static>,
}

fn setup() -> T {
    let env = Env::new_with_config(EnvTestConfig { capture_snapshot_at_drop: false });
    env.mock_all_auths();
    env.ledger().set_timestamp(NOW);
    let admin = Address::generate(&env);
    let id = env.register(AirlineRegistry, (&admin, COOLDOWN));
    let c = AirlineRegistryClient::new(&env, &id);
    let airline = Address::generate(&env);
    let other = Address::generate(&env);
    c.grant_role(&airline, &AIRLINE_ROLE, &admin);
    c.grant_role(&other, &AIRLINE_ROLE, &admin);
    T { env, admin, airline, other, c }
}

impl T {
    fn nf(&self, number: &str, from: &str, to: &str, dep: u64, arr: u64, price: i128) -> NewFlight {
        NewFlight {
            flight_number: String::from_str(&self.env, number),
            origin: String::from_str(&self.env, from),
            destination: String::from_str(&self.env, to),
            departure: dep,
            arrival: arr,
            price,
        }
    }
    fn good(&self) -> NewFlight {
        self.nf("TQ101", "LIS", "JFK", DEP, DEP + 28_800, 1_000)
    }
    fn create(&self) -> u64 {
        self.c.batch_create_flights(&self.airline, &vec![&self.env, self.good()]).get(0).unwrap().id
    }
    fn status(&self, flight_id: u64, status: FlightStatus) -> u32 {
        self.c
            .batch_update_flight_status(&self.airline, &vec![&self.env, StatusUpdate { flight_id, status }])
            .get(0)
            .unwrap()
            .error
    }
    fn only_auth(&self, who: &Address, fn_name: &str, args: soroban_sdk::Vec<Val>) {
        self.env.mock_auths(&[MockAuth {
            address: who,
            invoke: &MockAuthInvoke { contract: &self.c.address, fn_name, args, sub_invokes: &[] },
        }]);
    }
}

fn err<T: core::fmt::Debug, C: core::fmt::Debug>(
    r: Result<Result<T, C>, Result<soroban_sdk::Error, soroban_sdk::InvokeError>>,
) -> AirlineError {
    match r {
        Err(Ok(e)) => AirlineError::try_from(e).unwrap_or_else(|_| panic!("not an airline error: {:?}", e)),
        other => panic!("expected contract error, got {:?}", other),
    }
}

#[test]
fn batch_create_assigns_ids_and_records_the_first_price() {
    let t = setup();
    let res = t.c.batch_create_flights(&t.airline, &vec![&t.env, t.good(), t.nf("TQ102", "JFK", "LIS", DEP, DEP + 1, 7)]);
    let auths = t.env.auths();
    assert_eq!(auths.len(), 1);
    assert_eq!(auths[0].0, t.airline);
    assert_eq!(res, vec![&t.env, BatchItemResult { id: 1, error: 0 }, BatchItemResult { id: 2, error: 0 }]);
    let f = t.c.get_flight(&1);
    assert_eq!(f.airline, t.airline);
    assert_eq!(f.status, FlightStatus::Scheduled);
    assert_eq!(f.price, 1_000);
    assert_eq!(f.price_points, 1);
    assert_eq!(t.c.get_current_price(&2), 7);
    assert_eq!(t.c.get_price_history(&1, &0, &10), vec![&t.env, PricePoint { price: 1_000, at: NOW }]);
}

#[test]
fn flight_ids_never_enter_the_quoted_flight_id_space() {
    let t = setup();
    assert_eq!(t.create(), 1);
    // the last id below 2^63 is still allocated…
    t.env.as_contract(&t.c.address, || t.env.storage().instance().set(&DataKey::NextFlightId, &(QUOTED_FLIGHT_BIT - 1)));
    assert_eq!(t.create(), QUOTED_FLIGHT_BIT - 1);
    // …but never one with the bit: those are the app's quoted flights (escrow `pay_quoted`)
    assert!(t.c.try_batch_create_flights(&t.airline, &vec![&t.env, t.good()]).is_err());
    assert!(t.c.try_get_flight(&QUOTED_FLIGHT_BIT).is_err());
}

#[test]
fn batch_create_reports_each_invalid_item() {
    let t = setup();
    let items = vec![
        &t.env,
        t.nf("TQ1", "LIS", "LIS", DEP, DEP + 1, 5),       // same airports
        t.nf("TQ1", "LISB", "JFK", DEP, DEP + 1, 5),      // not IATA
        t.nf("TQ1", "LIS", "JFK", NOW, NOW + 1, 5),       // departs now
        t.nf("TQ1", "LIS", "JFK", DEP, DEP, 5),           // arrival not after departure
        t.nf("T", "LIS", "JFK", DEP, DEP + 1, 5),         // flight number too short
        t.nf("TQ1", "LIS", "JFK", DEP, DEP + 1, 0),       // price
        t.good(),
    ];
    let res = t.c.batch_create_flights(&t.airline, &items);
    let codes: std::vec::Vec<u32> = res.iter().map(|r| r.error).collect();
    let inv = AirlineError::InvalidFlight as u32;
    assert_eq!(codes, std::vec![inv, inv, inv, inv, inv, AirlineError::InvalidPrice as u32, 0]);
    assert_eq!(res.get(6).unwrap().id, 1);
    assert_eq!(err(t.c.try_get_flight(&2)), AirlineError::FlightNotFound);
}

#[test]
fn batch_create_events() {
    let t = setup();
    t.create();
    let evs = t.env.events().all().filter_by_contract(&t.c.address);
    let ev = FlightCreated {
        flight_id: 1,
        airline: t.airline.clone(),
        flight_number: String::from_str(&t.env, "TQ101"),
        departure: DEP,
        price: 1_000,
    };
    assert_eq!(evs.events(), std::vec![ev.to_xdr(&t.env, &t.c.address)].as_slice());
}

#[test]
fn batch_bounds() {
    let t = setup();
    assert_eq!(err(t.c.try_batch_create_flights(&t.airline, &vec![&t.env])), AirlineError::EmptyBatch);
    let mut many = soroban_sdk::Vec::new(&t.env);
    for _ in 0..=MAX_BATCH {
        many.push_back(t.good());
    }
    assert_eq!(err(t.c.try_batch_create_flights(&t.airline, &many)), AirlineError::BatchTooLarge);
    assert_eq!(err(t.c.try_batch_update_flight_status(&t.airline, &vec![&t.env])), AirlineError::EmptyBatch);
    let mut ups = soroban_sdk::Vec::new(&t.env);
    for i in 0..=MAX_BATCH as u64 {
        ups.push_back(StatusUpdate { flight_id: i, status: FlightStatus::Delayed });
    }
    assert_eq!(err(t.c.try_batch_update_flight_status(&t.airline, &ups)), AirlineError::BatchTooLarge);
    // a full batch works
    many.pop_back();
    assert_eq!(t.c.batch_create_flights(&t.airline, &many).len(), MAX_BATCH);
}

#[test]
fn only_airlines_with_a_signature_create_flights() {
    let t = setup();
    let stranger = Address::generate(&t.env);
    assert_eq!(err(t.c.try_batch_create_flights(&stranger, &vec![&t.env, t.good()])), AirlineError::NotAirline);
    t.c.revoke_role(&t.other, &AIRLINE_ROLE, &t.admin);
    assert_eq!(err(t.c.try_batch_create_flights(&t.other, &vec![&t.env, t.good()])), AirlineError::NotAirline);
    t.env.set_auths(&[]);
    assert!(t.c.try_batch_create_flights(&t.airline, &vec![&t.env, t.good()]).is_err());
    assert!(t.c.try_batch_update_flight_status(&t.airline, &vec![&t.env, StatusUpdate { flight_id: 1, status: FlightStatus::Delayed }]).is_err());
    assert!(t.c.try_update_flight_price(&t.airline, &1, &1).is_err());
}

#[test]
fn status_transitions() {
    let t = setup();
    let f = t.create();
    assert_eq!(t.status(f, FlightStatus::Scheduled), AirlineError::FinalStatus as u32); // no-op
    assert_eq!(t.status(f, FlightStatus::Delayed), 0);
    assert_eq!(t.status(f, FlightStatus::Boarding), 0);
    assert_eq!(t.status(f, FlightStatus::Scheduled), AirlineError::FinalStatus as u32);
    assert_eq!(t.status(f, FlightStatus::Departed), 0);
    assert_eq!(t.status(f, FlightStatus::Cancelled), AirlineError::FinalStatus as u32);
    assert_eq!(t.status(f, FlightStatus::Diverted), 0);
    assert_eq!(t.status(f, FlightStatus::Landed), 0);
    assert_eq!(t.status(f, FlightStatus::Delayed), AirlineError::FinalStatus as u32);
    assert_eq!(t.c.get_flight(&f).status, FlightStatus::Landed);
    let g = t.create();
    assert_eq!(t.status(g, FlightStatus::Cancelled), 0);
    assert_eq!(t.status(g, FlightStatus::Scheduled), AirlineError::FinalStatus as u32);
}

#[test]
fn status_updates_report_per_item() {
    let t = setup();
    let mine = t.create();
    let theirs = t.c.batch_create_flights(&t.other, &vec![&t.env, t.good()]).get(0).unwrap().id;
    let res = t.c.batch_update_flight_status(
        &t.airline,
        &vec![
            &t.env,
            StatusUpdate { flight_id: mine, status: FlightStatus::Delayed },
            StatusUpdate { flight_id: theirs, status: FlightStatus::Cancelled },
            StatusUpdate { flight_id: 99, status: FlightStatus::Delayed },
        ],
    );
    let evs = t.env.events().all().filter_by_contract(&t.c.address);
    let ev = FlightStatusUpdated { flight_id: mine, status: FlightStatus::Delayed };
    assert_eq!(evs.events(), std::vec![ev.to_xdr(&t.env, &t.c.address)].as_slice());
    let codes: std::vec::Vec<(u64, u32)> = res.iter().map(|r| (r.id, r.error)).collect();
    assert_eq!(
        codes,
        std::vec![(mine, 0), (theirs, AirlineError::NotFlightOwner as u32), (99, AirlineError::FlightNotFound as u32)]
    );
    assert_eq!(t.c.get_flight(&theirs).status, FlightStatus::Scheduled);
}

#[test]
fn price_moves_at_most_twenty_percent() {
    let t = setup();
    let f = t.create();
    t.env.ledger().set_timestamp(NOW + COOLDOWN);
    assert_eq!(err(t.c.try_update_flight_price(&t.airline, &f, &1_201)), AirlineError::PriceChangeTooLarge);
    assert_eq!(err(t.c.try_update_flight_price(&t.airline, &f, &799)), AirlineError::PriceChangeTooLarge);
    t.c.update_flight_price(&t.airline, &f, &1_200);
    let evs = t.env.events().all().filter_by_contract(&t.c.address);
    let ev = FlightPriceUpdated { flight_id: f, old_price: 1_000, new_price: 1_200 };
    assert_eq!(evs.events(), std::vec![ev.to_xdr(&t.env, &t.c.address)].as_slice());
    t.env.ledger().set_timestamp(NOW + 2 * COOLDOWN);
    t.c.update_flight_price(&t.airline, &f, &960); // -20% of 1200
    assert_eq!(t.c.get_current_price(&f), 960);
    let hist = t.c.get_price_history(&f, &0, &10);
    assert_eq!(
        hist,
        vec![
            &t.env,
            PricePoint { price: 1_000, at: NOW },
            PricePoint { price: 1_200, at: NOW + COOLDOWN },
            PricePoint { price: 960, at: NOW + 2 * COOLDOWN },
        ]
    );
    assert_eq!(t.c.get_price_history(&f, &1, &1), vec![&t.env, PricePoint { price: 1_200, at: NOW + COOLDOWN }]);
    assert_eq!(t.c.get_price_history(&f, &5, &1).len(), 0);
}

#[test]
fn price_cooldown_and_guards() {
    let t = setup();
    let f = t.create();
    assert_eq!(err(t.c.try_update_flight_price(&t.airline, &f, &1_100)), AirlineError::PriceCooldown);
    t.env.ledger().set_timestamp(NOW + COOLDOWN - 1);
    assert_eq!(err(t.c.try_update_flight_price(&t.airline, &f, &1_100)), AirlineError::PriceCooldown);
    t.env.ledger().set_timestamp(NOW + COOLDOWN);
    assert_eq!(err(t.c.try_update_flight_price(&t.airline, &f, &0)), AirlineError::InvalidPrice);
    assert_eq!(err(t.c.try_update_flight_price(&t.other, &f, &1_100)), AirlineError::NotFlightOwner);
    assert_eq!(err(t.c.try_update_flight_price(&t.airline, &42, &1_100)), AirlineError::FlightNotFound);
    let stranger = Address::generate(&t.env);
    assert_eq!(err(t.c.try_update_flight_price(&stranger, &f, &1_100)), AirlineError::NotAirline);
    assert_eq!(t.status(f, FlightStatus::Cancelled), 0);
    assert_eq!(err(t.c.try_update_flight_price(&t.airline, &f, &1_100)), AirlineError::FinalStatus);
}

#[test]
fn admin_sets_the_cooldown() {
    let t = setup();
    t.c.set_price_cooldown(&60);
    assert_eq!(t.c.price_cooldown(), 60);
    let f = t.create();
    t.env.ledger().set_timestamp(NOW + 60);
    t.c.update_flight_price(&t.airline, &f, &1_100);
    t.only_auth(&t.airline, "set_price_cooldown", (0u64,).into_val(&t.env));
    assert!(t.c.try_set_price_cooldown(&0).is_err());
    assert_eq!(t.c.price_cooldown(), 60);
}

#[test]
fn pause_blocks_writes() {
    let t = setup();
    t.c.pause(&t.admin);
    assert!(t.c.try_batch_create_flights(&t.airline, &vec![&t.env, t.good()]).is_err());
    t.c.unpause(&t.admin);
    let f = t.create();
    t.c.pause(&t.admin);
    assert!(t.c.try_batch_update_flight_status(&t.airline, &vec![&t.env, StatusUpdate { flight_id: f, status: FlightStatus::Delayed }]).is_err());
    t.env.ledger().set_timestamp(NOW + COOLDOWN);
    assert!(t.c.try_update_flight_price(&t.airline, &f, &1_100).is_err());
    assert_eq!(t.c.get_flight(&f).price, 1_000); // reads still work
    t.only_auth(&t.airline, "unpause", (t.airline.clone(),).into_val(&t.env));
    assert!(t.c.try_unpause(&t.airline).is_err());
}

#[test]
fn upgrade_and_migrate_are_admin_only() {
    let t = setup();
    assert_eq!(t.c.storage_version(), STORAGE_VERSION);
    assert_eq!(err(t.c.try_migrate()), AirlineError::AlreadyMigrated);
    let hash = BytesN::from_array(&t.env, &[1; 32]);
    t.only_auth(&t.airline, "upgrade", (hash.clone(), t.airline.clone()).into_val(&t.env));
    assert!(t.c.try_upgrade(&hash, &t.airline).is_err());
    t.only_auth(&t.airline, "migrate", ().into_val(&t.env));
    assert!(t.c.try_migrate().is_err());
    t.only_auth(&t.airline, "grant_role", (t.airline.clone(), AIRLINE_ROLE, t.airline.clone()).into_val(&t.env));
    let newcomer = Address::generate(&t.env);
    assert!(t.c.try_grant_role(&newcomer, &AIRLINE_ROLE, &t.airline).is_err());
}
