//! Property tests of the escrow's money invariants over random sequences of calls by random
//! callers (most of which the contract must refuse):
//!
//! * the escrow's token balance == `total_held()` == the sum of the amounts of open bookings;
//! * every unit paid in is either still held, or went out exactly once: to the airline and the
//!   treasury (released), back to the passenger (refunded / expired), or split between them by a
//!   cancellation's partial refund — so nothing pays out more than was paid in, and no booking
//!   pays out twice;
//! * the oracle's stake-token holdings equal the providers' stakes (checked in oracle tests).
//!
//! Payments come both from the registry (`pay_for_booking`) and from platform-signed quotes over
//! two airlines (`pay_quoted`, some of them forged, expired, departed or naming another escrow,
//! all of which must be refused), and one booking id space
//! is shared by both. Quoted app flights reuse the registry flights' ids in the quoted flight id
//! space (`QUOTED_FLIGHT_BIT | registry id`), the collision the bit defuses; some quotes carry the
//! bare registry id and must be refused. The oracle finalises registry flights and anyone calls
//! `settle_booking`, which must never settle a quoted booking.
//!
//! Each case runs with and without the receipts contract wired in, because the receipts' own
//! forward-only status machine would otherwise mask an escrow bug (checked by mutation: removing
//! the escrow's state check on refunds makes this test fail only in the no-receipts variant).
//!
//! Case count is modest on purpose (CI time): `PROPTEST_CASES=1000 cargo test --test invariants`
//! runs more.

use ed25519_dalek::SigningKey;
use proptest::prelude::*;
use soroban_sdk::testutils::Address as _;
use soroban_sdk::{Address, String};
use std::cell::RefCell;
use std::collections::BTreeMap;
use traqora_common::{is_quoted_flight, split_fee, BookingState, QUOTED_FLIGHT_BIT};
use traqora_escrow::QuoteItem;
use traqora_oracle::SettlementStatus;
use traqora_exports::world::*;

const PASSENGERS: usize = 3;
const BOOKINGS: u64 = 8;
const FUNDS: i128 = 1_000_000_0000000;
/// Cheap, mid and large (above the delayed-refund threshold) fares.
const FARES: [i128; 3] = [99_0000000, 450_0000000, 2 * LARGE_REFUND];
/// Callers: 0 settler, 1 arbiter, 2 airline, 3 multisig (admin), 4 stranger, 5 second airline.
const ACTORS: usize = 6;

#[derive(Clone, Debug)]
enum Op {
    Pay { passenger: usize, booking: u64, flight: usize },
    /// Segments `(booking, airline, fare, flight)`, on the app flight sharing registry flight
    /// `flight`'s id; departing in `hours` (0 = now: not bookable); signed by the platform or a
    /// forger; paid now or after the quote expired; `bare`: flight ids without the quoted bit
    /// (must be refused); `foreign`: the quote names another escrow (must be refused).
    PayQuoted { passenger: usize, segments: Vec<(u64, usize, usize, usize)>, hours: u64, forged: bool, expired: bool, bare: bool, foreign: bool },
    /// Two providers report registry flight `flight`'s status (a completion only counts after
    /// arrival), the oracle's dispute window passes and anyone finalises the proposal.
    Report { flight: usize, cancelled: bool },
    /// Anyone asks the oracle to settle the booking.
    OracleSettle { booking: u64 },
    /// Refund `percent` of the amount (above 100 must fail).
    SettleCancellation { by: usize, booking: u64, percent: i128 },
    Release { by: usize, booking: u64 },
    BatchRelease { by: usize, bookings: Vec<u64> },
    Refund { by: usize, booking: u64 },
    RequestDelayed { by: usize, booking: u64 },
    CancelRequest { by: usize, booking: u64 },
    ProcessDelayed { booking: u64 },
    Emergency { booking: u64 },
    Freeze { by: usize, booking: u64 },
    Expire { booking: u64 },
    Advance { hours: u64 },
}

fn op() -> impl Strategy<Value = Op> {
    let b = 1..=BOOKINGS;
    prop_oneof![
        3 => (0..PASSENGERS, b.clone(), 0..3usize).prop_map(|(passenger, booking, flight)| Op::Pay { passenger, booking, flight }),
        3 => (
            0..PASSENGERS,
            proptest::collection::vec((b.clone(), 0..2usize, 0..3usize, 0..3usize), 1..4),
            0..72u64,
            proptest::bool::weighted(0.1),
            proptest::bool::weighted(0.1),
            proptest::bool::weighted(0.1),
            proptest::bool::weighted(0.1),
        )
            .prop_map(|(passenger, segments, hours, forged, expired, bare, foreign)| Op::PayQuoted { passenger, segments, hours, forged, expired, bare, foreign }),
        1 => (0..3usize, proptest::bool::weighted(0.5)).prop_map(|(flight, cancelled)| Op::Report { flight, cancelled }),
        2 => b.clone().prop_map(|booking| Op::OracleSettle { booking }),
        2 => (0..ACTORS, b.clone()).prop_map(|(by, booking)| Op::Release { by, booking }),
        1 => (0..ACTORS, proptest::collection::vec(1..=BOOKINGS + 1, 1..5)).prop_map(|(by, bookings)| Op::BatchRelease { by, bookings }),
        2 => (0..ACTORS, b.clone()).prop_map(|(by, booking)| Op::Refund { by, booking }),
        3 => (0..ACTORS, b.clone(), 0..=110i128).prop_map(|(by, booking, percent)| Op::SettleCancellation { by, booking, percent }),
        1 => (0..ACTORS, b.clone()).prop_map(|(by, booking)| Op::RequestDelayed { by, booking }),
        1 => (0..ACTORS, b.clone()).prop_map(|(by, booking)| Op::CancelRequest { by, booking }),
        1 => b.clone().prop_map(|booking| Op::ProcessDelayed { booking }),
        1 => b.clone().prop_map(|booking| Op::Emergency { booking }),
        1 => (0..ACTORS, b.clone()).prop_map(|(by, booking)| Op::Freeze { by, booking }),
        1 => b.clone().prop_map(|booking| Op::Expire { booking }),
        1 => (1..200u64).prop_map(|hours| Op::Advance { hours }),
    ]
}

struct Harness {
    w: World,
    passengers: Vec<Address>,
    flights: Vec<u64>,
    stranger: Address,
    /// The registry's airline, and one that only appears in quotes.
    airlines: [Address; 2],
    platform: SigningKey,
    forger: SigningKey,
    /// Another escrow's address, which some quotes name instead of this world's escrow.
    elsewhere: Address,
    /// The refund of every cancellation the escrow accepted: the booking itself does not record
    /// how a `Refunded` booking was split, so the check needs it to know who got what.
    cancellations: RefCell<BTreeMap<u64, i128>>,
}

impl Harness {
    fn new(with_receipts: bool) -> Harness {
        let w = if with_receipts { World::new() } else { World::without_receipts() };
        let passengers = (0..PASSENGERS).map(|_| w.passenger(FUNDS)).collect();
        let flights = FARES.iter().map(|p| w.flight(*p)).collect();
        let stranger = Address::generate(&w.env);
        let airlines = [w.airline.clone(), Address::generate(&w.env)];
        let platform = w.enable_quotes();
        let forger = SigningKey::from_bytes(&[0x66; 32]);
        let elsewhere = Address::generate(&w.env);
        Harness { w, passengers, flights, stranger, airlines, platform, forger, elsewhere, cancellations: RefCell::default() }
    }

    fn actor(&self, by: usize) -> Address {
        match by {
            0 => self.w.settler.clone(),
            1 => self.w.arbiter.clone(),
            2 => self.w.airline.clone(),
            3 => self.w.multisig.address.clone(),
            4 => self.stranger.clone(),
            _ => self.airlines[1].clone(),
        }
    }

    fn apply(&self, op: &Op) {
        let e = &self.w.escrow;
        match op {
            Op::Pay { passenger, booking, flight } => {
                let f = self.flights[*flight];
                let price = self.w.flights.get_current_price(&f);
                let _ = e.try_pay_for_booking(&self.passengers[*passenger], booking, &f, &price, &String::from_str(&self.w.env, "1A"));
            }
            Op::PayQuoted { passenger, segments, hours, forged, expired, bare, foreign } => {
                let departure = self.w.env.ledger().timestamp() + hours * 3_600;
                let items: Vec<_> = segments
                    .iter()
                    .map(|(id, airline, fare, flight)| {
                        let app_id = self.flights[*flight];
                        let flight_id = if *bare { app_id } else { QUOTED_FLIGHT_BIT | app_id };
                        QuoteItem { flight_id, ..self.w.quote_item(*id, &self.airlines[*airline], FARES[*fare], departure) }
                    })
                    .collect();
                let mut quote = self.w.quote(&self.passengers[*passenger], &items);
                if *foreign {
                    quote.escrow = self.elsewhere.clone();
                }
                let key = if *forged { &self.forger } else { &self.platform };
                let signature = sign_quote(&self.w.env, key, &quote);
                if *expired {
                    self.w.advance(QUOTE_LIFETIME + 1);
                }
                let paid = e.try_pay_quoted(&quote, &signature);
                assert!(!(*bare && paid.is_ok()), "a quote outside the quoted flight id space was paid");
                assert!(!(*foreign && paid.is_ok()), "a quote naming another escrow was paid");
            }
            Op::Report { flight, cancelled } => {
                let (o, f) = (&self.w.oracle, self.flights[*flight]);
                let status = if *cancelled { SettlementStatus::Cancelled } else { SettlementStatus::Completed };
                let _ = o.try_submit_flight_status(&self.w.providers[0], &f, &status);
                let _ = o.try_submit_flight_status(&self.w.providers[1], &f, &status);
                self.w.advance(ORACLE_WINDOW);
                let _ = o.try_finalize_flight_status(&f);
            }
            Op::OracleSettle { booking } => {
                if let Ok(Ok(_)) = self.w.oracle.try_settle_booking(booking) {
                    let b = e.get_booking(booking);
                    assert!(!is_quoted_flight(b.flight_id), "the oracle settled quoted booking {booking}");
                    assert!(self.w.oracle.get_final_status(&b.flight_id).is_some());
                }
            }
            Op::SettleCancellation { by, booking, percent } => {
                let amount = e.try_get_booking(booking).map(|b| b.unwrap().amount).unwrap_or(0);
                let refund = amount * percent / 100;
                if let Ok(Ok(())) = e.try_settle_cancellation(&self.actor(*by), booking, &refund) {
                    let before = self.cancellations.borrow_mut().insert(*booking, refund);
                    assert!(before.is_none(), "booking {booking} settled its cancellation twice");
                }
            }
            Op::Release { by, booking } => {
                let _ = e.try_release_payment_to_airline(&self.actor(*by), booking);
            }
            Op::BatchRelease { by, bookings } => {
                let mut ids = soroban_sdk::Vec::new(&self.w.env);
                for b in bookings {
                    ids.push_back(*b);
                }
                let _ = e.try_batch_release_payments(&self.actor(*by), &ids);
            }
            Op::Refund { by, booking } => {
                let _ = e.try_refund_passenger(&self.actor(*by), booking);
            }
            Op::RequestDelayed { by, booking } => {
                let _ = e.try_request_delayed_refund(&self.actor(*by), booking);
            }
            Op::CancelRequest { by, booking } => {
                let _ = e.try_cancel_refund_request(&self.actor(*by), booking);
            }
            Op::ProcessDelayed { booking } => {
                let _ = e.try_process_delayed_refund(booking);
            }
            Op::Emergency { booking } => {
                let args = soroban_sdk::vec![&self.w.env, soroban_sdk::IntoVal::into_val(booking, &self.w.env)];
                let action = traqora_multisig::AdminAction::Invoke(traqora_multisig::InvokeCall {
                    contract: e.address.clone(),
                    function: soroban_sdk::Symbol::new(&self.w.env, "emergency_refund"),
                    args,
                });
                let id = self.w.multisig.propose_admin_action(&self.w.signers[0], &action);
                self.w.multisig.approve_admin_action(&self.w.signers[1], &id);
                let _ = self.w.multisig.try_execute_admin_action(&self.w.signers[2], &id);
            }
            Op::Freeze { by, booking } => {
                let _ = e.try_freeze_for_dispute(&self.actor(*by), booking);
            }
            Op::Expire { booking } => {
                let _ = e.try_expire(booking);
            }
            Op::Advance { hours } => {
                self.w.advance(hours * 3_600);
            }
        }
    }

    fn check(&self) -> Result<(), TestCaseError> {
        let e = &self.w.escrow;
        let held = self.w.usdc.balance(&e.address);
        prop_assert_eq!(held, e.total_held());
        let mut open = 0i128;
        let mut to_airline = [0i128; 2];
        let mut fees = 0i128;
        let mut back = std::vec![0i128; PASSENGERS];
        let mut paid = std::vec![0i128; PASSENGERS];
        for id in 1..=BOOKINGS {
            let Ok(Ok(b)) = e.try_get_booking(&id) else { continue };
            let p = self.passengers.iter().position(|x| *x == b.passenger).unwrap();
            let a = self.airlines.iter().position(|x| *x == b.airline).unwrap();
            paid[p] += b.amount;
            let cancellation = self.cancellations.borrow().get(&id).copied();
            prop_assert!(cancellation.is_none() || b.state == BookingState::Refunded);
            // what went to the airline's side: all of it on release, the rest after a refund
            let mut pay_out = |amount: i128| {
                let (fee, rest) = split_fee(amount, b.fee_bps);
                fees += fee;
                to_airline[a] += rest;
                fee + rest == amount
            };
            match (b.state, cancellation) {
                (s, _) if s.is_open() => open += b.amount,
                (BookingState::Released, _) => prop_assert!(pay_out(b.amount)),
                (BookingState::Refunded, Some(refund)) => {
                    prop_assert!((0..=b.amount).contains(&refund));
                    back[p] += refund;
                    prop_assert!(pay_out(b.amount - refund));
                }
                (BookingState::Refunded | BookingState::Expired, None) => back[p] += b.amount,
                _ => unreachable!(),
            }
        }
        prop_assert_eq!(held, open);
        for (a, airline) in self.airlines.iter().enumerate() {
            prop_assert_eq!(self.w.usdc.balance(airline), to_airline[a]);
        }
        prop_assert_eq!(self.w.usdc.balance(&self.w.treasury), fees);
        for (i, p) in self.passengers.iter().enumerate() {
            prop_assert_eq!(self.w.usdc.balance(p), FUNDS - paid[i] + back[i]);
        }
        // out == in - held: nothing paid out beyond what came in
        let total_in: i128 = paid.iter().sum();
        let total_out = to_airline.iter().sum::<i128>() + fees + back.iter().sum::<i128>();
        prop_assert_eq!(total_out + held, total_in);
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn escrow_conserves_money(ops in proptest::collection::vec(op(), 1..40), with_receipts in any::<bool>()) {
        let h = Harness::new(with_receipts);
        for op in &ops {
            h.apply(op);
            h.check()?;
        }
    }

    #[test]
    fn fee_split_never_creates_or_loses_units(amount in 0i128..=i64::MAX as i128, bps in 0u32..=10_000) {
        let (fee, rest) = split_fee(amount, bps);
        prop_assert_eq!(fee + rest, amount);
        prop_assert!(fee >= 0 && rest >= 0);
        prop_assert!(fee * 10_000 <= amount * bps as i128);
    }
}
