//! `pay_quoted` with a sponsor part: points redeemed at checkout are paid into the escrow by the
//! platform's loyalty-liability account, under its own authorisation, and refunds give that
//! account its share back. Every test checks that nothing is created or lost.
#![cfg(test)]
extern crate std;

use super::test::{err, setup, T, ARR};
use super::*;
use ed25519_dalek::SigningKey;
use soroban_sdk::testutils::storage::Persistent as _;
use soroban_sdk::testutils::{Address as _, Ledger as _, AuthorizedFunction, AuthorizedInvocation, Events as _, MockAuth, MockAuthInvoke};
use soroban_sdk::{symbol_short, token, Address, BytesN, Event as _, IntoVal, Symbol};
use traqora_common::{ttl, BookingState};

const FARE: i128 = 300_0000000;
const SPONSORED: i128 = 50_0000000;
const OTHER: i128 = 120_0000000;
const FEE_BPS: i128 = 250;

struct S {
    t: T,
    key: SigningKey,
    sponsor: Address,
    other_airline: Address,
}

fn sponsored_setup() -> S {
    let t = setup();
    let key = t.enable_quotes();
    let sponsor = Address::generate(&t.env);
    token::StellarAssetClient::new(&t.env, &t.token.address).mint(&sponsor, &(10 * SPONSORED));
    let other_airline = Address::generate(&t.env);
    S { t, key, sponsor, other_airline }
}

impl S {
    /// A return trip: booking 11 (FARE, of which SPONSORED paid by the sponsor) and 12 (OTHER, not
    /// sponsored), on two airlines.
    fn quote(&self) -> PaymentQuote {
        let t = &self.t;
        PaymentQuote {
            sponsor: Some(self.sponsor.clone()),
            ..t.quote(&[
                QuoteItem { sponsored: SPONSORED, ..t.item(11, &t.airline, FARE) },
                t.item(12, &self.other_airline, OTHER),
            ])
        }
    }

    fn pay(&self) -> (PaymentQuote, BytesN<64>) {
        let quote = self.quote();
        let sig = self.t.sign(&self.key, &quote);
        self.t.escrow.pay_quoted(&quote, &sig);
        (quote, sig)
    }

    fn bal(&self, who: &Address) -> i128 {
        self.t.token.balance(who)
    }

    /// Everything every account holds, which no escrow call may change.
    fn everything(&self) -> i128 {
        let t = &self.t;
        [&t.passenger, &self.sponsor, &t.airline, &self.other_airline, &t.treasury, &t.escrow.address]
            .iter()
            .map(|a| self.bal(a))
            .sum()
    }
}

#[test]
fn sponsor_pays_its_part_and_the_escrow_holds_the_full_fare() {
    let s = sponsored_setup();
    let t = &s.t;
    let (passenger0, sponsor0, all0) = (s.bal(&t.passenger), s.bal(&s.sponsor), s.everything());
    s.pay();
    let events = t.env.events().all();

    // two transfers: the passenger pays the total less the sponsored part, the sponsor that part
    assert_eq!(s.bal(&t.passenger), passenger0 - (FARE + OTHER - SPONSORED));
    assert_eq!(s.bal(&s.sponsor), sponsor0 - SPONSORED);
    assert_eq!(t.held(), FARE + OTHER);
    assert_eq!(t.escrow.total_held(), FARE + OTHER);
    assert_eq!(s.everything(), all0);
    assert_eq!(events.filter_by_contract(&t.token.address).events().len(), 2);

    // each booking holds its whole amount; the stored Booking has no new field
    assert_eq!(t.escrow.get_booking(&11).amount, FARE);
    assert_eq!(t.escrow.get_booking(&12).amount, OTHER);
    // the sponsorship sits beside the booking, with the booking's TTL policy
    let stored: Option<Sponsorship> = t.env.as_contract(&t.escrow.address, || t.env.storage().persistent().get(&DataKey::Sponsored(11)));
    assert_eq!(stored, Some(Sponsorship { sponsor: s.sponsor.clone(), amount: SPONSORED }));
    let no_part: bool = t.env.as_contract(&t.escrow.address, || t.env.storage().persistent().has(&DataKey::Sponsored(12)));
    assert!(!no_part);
    let ttls = t.env.as_contract(&t.escrow.address, || {
        (t.env.storage().persistent().get_ttl(&DataKey::Sponsored(11)), t.env.storage().persistent().get_ttl(&DataKey::Booking(11)))
    });
    assert_eq!(ttls.0, ttls.1);
    assert!(ttls.0 >= ttl::EXTEND_TO - 1);

    // the escrow's events: BookingPaid per booking, unchanged, and the sponsored part after it
    let paid = |id: u64, amount: i128| BookingPaid {
        booking_id: id,
        passenger: t.passenger.clone(),
        flight_id: QUOTED_FLIGHT_BIT_FOR(id),
        amount,
        deadline: ARR + 3 * 86_400,
        receipt_id: None,
    };
    assert_eq!(
        events.filter_by_contract(&t.escrow.address).events(),
        std::vec![
            paid(11, FARE).to_xdr(&t.env, &t.escrow.address),
            BookingSponsored { booking_id: 11, sponsor: s.sponsor.clone(), amount: SPONSORED }.to_xdr(&t.env, &t.escrow.address),
            paid(12, OTHER).to_xdr(&t.env, &t.escrow.address),
        ]
        .as_slice()
    );
}

#[allow(non_snake_case)]
fn QUOTED_FLIGHT_BIT_FOR(id: u64) -> u64 {
    traqora_common::QUOTED_FLIGHT_BIT | (9_000 + id)
}

#[test]
fn both_signatures_are_needed_each_covering_its_own_transfer() {
    let s = sponsored_setup();
    let t = &s.t;
    let (quote, sig) = s.pay();
    let call = AuthorizedFunction::Contract((
        t.escrow.address.clone(),
        Symbol::new(&t.env, "pay_quoted"),
        (quote.clone(), sig.clone()).into_val(&t.env),
    ));
    let transfer = |from: &Address, amount: i128| AuthorizedInvocation {
        function: AuthorizedFunction::Contract((
            t.token.address.clone(),
            symbol_short!("transfer"),
            (from.clone(), t.escrow.address.clone(), amount).into_val(&t.env),
        )),
        sub_invocations: std::vec![],
    };
    assert_eq!(
        t.env.auths(),
        std::vec![
            (t.passenger.clone(), AuthorizedInvocation { function: call.clone(), sub_invocations: std::vec![transfer(&t.passenger, FARE + OTHER - SPONSORED)] }),
            (s.sponsor.clone(), AuthorizedInvocation { function: call, sub_invocations: std::vec![transfer(&s.sponsor, SPONSORED)] }),
        ]
    );
}

/// Only `who`'s signatures: each for pay_quoted and its own transfer of `amount`.
fn auths_of(s: &S, quote: &PaymentQuote, sig: &BytesN<64>, signers: &[(&Address, i128)]) {
    let t = &s.t;
    let args: soroban_sdk::Vec<soroban_sdk::Val> = (quote.clone(), sig.clone()).into_val(&t.env);
    let transfers: std::vec::Vec<soroban_sdk::Vec<soroban_sdk::Val>> = signers
        .iter()
        .map(|(who, amount)| ((*who).clone(), t.escrow.address.clone(), *amount).into_val(&t.env))
        .collect();
    let subs: std::vec::Vec<[MockAuthInvoke; 1]> = transfers
        .iter()
        .map(|a| [MockAuthInvoke { contract: &t.token.address, fn_name: "transfer", args: a.clone(), sub_invokes: &[] }])
        .collect();
    let invokes: std::vec::Vec<MockAuthInvoke> = subs
        .iter()
        .map(|sub| MockAuthInvoke { contract: &t.escrow.address, fn_name: "pay_quoted", args: args.clone(), sub_invokes: sub })
        .collect();
    let mocks: std::vec::Vec<MockAuth> =
        signers.iter().zip(invokes.iter()).map(|((who, _), invoke)| MockAuth { address: who, invoke }).collect();
    t.env.mock_auths(&mocks);
}

#[test]
fn a_quote_naming_a_sponsor_does_not_pay_without_the_sponsors_signature() {
    let s = sponsored_setup();
    let t = &s.t;
    let quote = s.quote();
    let sig = t.sign(&s.key, &quote);
    let before = (s.bal(&t.passenger), s.bal(&s.sponsor));
    // the passenger alone (even signing for the whole total) cannot spend the sponsor's money
    auths_of(&s, &quote, &sig, &[(&t.passenger, FARE + OTHER - SPONSORED)]);
    assert!(t.escrow.try_pay_quoted(&quote, &sig).is_err());
    // a sponsor signature for another amount does not cover the transfer
    auths_of(&s, &quote, &sig, &[(&t.passenger, FARE + OTHER - SPONSORED), (&s.sponsor, SPONSORED + 1)]);
    assert!(t.escrow.try_pay_quoted(&quote, &sig).is_err());
    // another account's signature is not the sponsor's
    let stranger = Address::generate(&t.env);
    auths_of(&s, &quote, &sig, &[(&t.passenger, FARE + OTHER - SPONSORED), (&stranger, SPONSORED)]);
    assert!(t.escrow.try_pay_quoted(&quote, &sig).is_err());
    assert_eq!((s.bal(&t.passenger), s.bal(&s.sponsor), t.held()), (before.0, before.1, 0));
    assert_eq!(err(t.escrow.try_get_booking(&11)), EscrowError::BookingNotFound);
    // both, each for its own part: paid
    auths_of(&s, &quote, &sig, &[(&t.passenger, FARE + OTHER - SPONSORED), (&s.sponsor, SPONSORED)]);
    t.escrow.pay_quoted(&quote, &sig);
    assert_eq!(t.held(), FARE + OTHER);
}

#[test]
fn the_sponsor_and_its_parts_are_signed_by_the_platform() {
    let s = sponsored_setup();
    let t = &s.t;
    let quote = s.quote();
    let sig = t.sign(&s.key, &quote);
    // the client raises the sponsored part (the platform pays more of the fare)
    let mut more = quote.clone();
    more.items.set(0, QuoteItem { sponsored: FARE, ..quote.items.get(0).unwrap() });
    assert!(t.signature_refused(&more, &sig));
    // sponsors a segment the platform did not
    let mut other = quote.clone();
    other.items.set(1, QuoteItem { sponsored: 1, ..quote.items.get(1).unwrap() });
    assert!(t.signature_refused(&other, &sig));
    // names another sponsor, or drops it
    let swapped = PaymentQuote { sponsor: Some(Address::generate(&t.env)), ..quote.clone() };
    assert!(t.signature_refused(&swapped, &sig));
    assert_eq!(t.held(), 0);
}

#[test]
fn sponsored_parts_are_bounded_and_need_a_sponsor() {
    let s = sponsored_setup();
    let t = &s.t;
    let pay = |quote: PaymentQuote| err(t.escrow.try_pay_quoted(&quote, &t.sign(&s.key, &quote)));
    let with = |sponsored: i128, sponsor: Option<Address>| PaymentQuote {
        sponsor,
        ..t.quote(&[QuoteItem { sponsored, ..t.item(1, &t.airline, FARE) }])
    };
    let sponsor = Some(s.sponsor.clone());
    assert_eq!(pay(with(FARE + 1, sponsor.clone())), EscrowError::InvalidAmount);
    assert_eq!(pay(with(-1, sponsor.clone())), EscrowError::InvalidAmount);
    assert_eq!(pay(with(SPONSORED, None)), EscrowError::SponsorMismatch);
    assert_eq!(pay(with(0, sponsor.clone())), EscrowError::SponsorMismatch);
    assert_eq!(pay(with(SPONSORED, Some(t.passenger.clone()))), EscrowError::SponsorMismatch);
    assert_eq!(EscrowError::SponsorMismatch as u32, 18);
    assert_eq!(t.held(), 0);
    // the whole fare may be sponsored: the passenger's part of that segment is then nothing
    let all = with(FARE, sponsor);
    let before = s.bal(&t.passenger);
    t.escrow.pay_quoted(&all, &t.sign(&s.key, &all));
    assert_eq!((s.bal(&t.passenger), t.held()), (before, FARE));
}

#[test]
fn a_release_pays_the_airline_the_full_fare_less_the_fee() {
    let s = sponsored_setup();
    let t = &s.t;
    s.pay();
    let all0 = s.everything();
    let sponsor0 = s.bal(&s.sponsor);
    t.escrow.release_payment_to_airline(&t.settler, &11);
    let fee = FARE * FEE_BPS / 10_000;
    assert_eq!(s.bal(&t.airline), FARE - fee);
    assert_eq!(s.bal(&t.treasury), fee);
    assert_eq!(s.bal(&s.sponsor), sponsor0);
    assert_eq!(t.held(), OTHER);
    assert_eq!(s.everything(), all0);
}

#[test]
fn a_full_refund_gives_the_sponsor_its_part() {
    for how in 0..4 {
        let s = sponsored_setup();
        let t = &s.t;
        s.pay();
        let (passenger0, sponsor0, all0) = (s.bal(&t.passenger), s.bal(&s.sponsor), s.everything());
        let reason = match how {
            0 => {
                t.escrow.refund_passenger(&t.settler, &11); // an airline cancellation
                RefundReason::Cancelled
            }
            1 => {
                t.escrow.request_delayed_refund(&t.airline, &11);
                t.env.ledger().set_timestamp(t.env.ledger().timestamp() + 86_400);
                t.escrow.process_delayed_refund(&11);
                RefundReason::DelayedRefund
            }
            2 => {
                t.escrow.freeze_for_dispute(&t.arbiter, &11);
                t.escrow.refund_passenger(&t.arbiter, &11); // a passenger's verdict
                RefundReason::Cancelled
            }
            _ => {
                t.escrow.emergency_refund(&11);
                RefundReason::Emergency
            }
        };
        let evs = t.env.events().all().filter_by_contract(&t.escrow.address);
        assert_eq!(s.bal(&s.sponsor), sponsor0 + SPONSORED, "case {how}");
        assert_eq!(s.bal(&t.passenger), passenger0 + FARE - SPONSORED, "case {how}");
        assert_eq!((t.held(), t.escrow.total_held()), (OTHER, OTHER));
        assert_eq!(s.everything(), all0);
        assert_eq!(t.state(11), BookingState::Refunded);
        // the sponsor's share first, then the refund of the booking's whole amount
        assert_eq!(
            evs.events(),
            std::vec![
                SponsorRefunded { booking_id: 11, sponsor: s.sponsor.clone(), amount: SPONSORED }.to_xdr(&t.env, &t.escrow.address),
                PassengerRefunded { booking_id: 11, passenger: t.passenger.clone(), amount: FARE, reason }.to_xdr(&t.env, &t.escrow.address),
            ]
            .as_slice(),
            "case {how}"
        );
    }
}

#[test]
fn an_expired_sponsored_booking_returns_each_part() {
    let s = sponsored_setup();
    let t = &s.t;
    s.pay();
    let (passenger0, sponsor0) = (s.bal(&t.passenger), s.bal(&s.sponsor));
    t.env.ledger().set_timestamp(ARR + 3 * 86_400 + 1);
    t.escrow.expire(&11);
    assert_eq!((s.bal(&t.passenger), s.bal(&s.sponsor)), (passenger0 + FARE - SPONSORED, sponsor0 + SPONSORED));
    assert_eq!(t.state(11), BookingState::Expired);
}

#[test]
fn a_cancellation_shares_the_refund_in_proportion() {
    // (refund, sponsor's share = SPONSORED × refund / FARE rounded down)
    for (refund, share) in [(FARE, SPONSORED), (150_0000000, 25_0000000), (0, 0), (7, 1), (5, 0), (FARE - 1, SPONSORED - 1)] {
        let s = sponsored_setup();
        let t = &s.t;
        s.pay();
        let (passenger0, sponsor0, all0) = (s.bal(&t.passenger), s.bal(&s.sponsor), s.everything());
        t.escrow.settle_cancellation(&t.settler, &11, &refund);
        let evs = t.env.events().all().filter_by_contract(&t.escrow.address);
        let fee = (FARE - refund) * FEE_BPS / 10_000;
        assert_eq!(s.bal(&s.sponsor), sponsor0 + share, "refund {refund}");
        assert_eq!(s.bal(&t.passenger), passenger0 + refund - share, "refund {refund}");
        assert_eq!(s.bal(&t.airline), FARE - refund - fee, "refund {refund}");
        assert_eq!(s.bal(&t.treasury), fee);
        assert_eq!(t.held(), OTHER);
        assert_eq!(s.everything(), all0, "nothing created or lost at refund {refund}");
        let settled = CancellationSettled { booking_id: 11, passenger: t.passenger.clone(), refund, to_airline: FARE - refund - fee, fee };
        let mut expected = std::vec::Vec::new();
        if share > 0 {
            expected.push(SponsorRefunded { booking_id: 11, sponsor: s.sponsor.clone(), amount: share }.to_xdr(&t.env, &t.escrow.address));
        }
        expected.push(settled.to_xdr(&t.env, &t.escrow.address));
        assert_eq!(evs.events(), expected.as_slice(), "refund {refund}");
    }
}

#[test]
fn bookings_without_a_sponsor_pay_and_refund_as_before() {
    // a registry booking and an unsponsored quoted booking (as every booking stored before this
    // change is): one transfer in, the whole refund to the passenger, no sponsor events
    let s = sponsored_setup();
    let t = &s.t;
    t.pay(1);
    let quote = t.quote(&[t.item(2, &t.airline, OTHER)]);
    t.escrow.pay_quoted(&quote, &t.sign(&s.key, &quote));
    let (passenger0, sponsor0) = (s.bal(&t.passenger), s.bal(&s.sponsor));
    t.escrow.refund_passenger(&t.settler, &1);
    t.escrow.settle_cancellation(&t.settler, &2, &OTHER);
    let evs = t.env.events().all().filter_by_contract(&t.escrow.address);
    assert_eq!(s.bal(&t.passenger), passenger0 + 250_0000000 + OTHER);
    assert_eq!(s.bal(&s.sponsor), sponsor0);
    assert_eq!(evs.events().len(), 1); // settle's `cancelled` (refund_passenger's was before)
}
