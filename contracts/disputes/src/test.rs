#![cfg(test)]
extern crate std;

use super::*;
use soroban_sdk::{token, Address, BytesN};
use traqora_common::BookingState;
use soroban_sdk::testutils::{Address as _, EnvTestConfig, Events as _, Ledger as _, MockAuth, MockAuthInvoke};
use soroban_sdk::{vec, Env, Event as _, IntoVal, String};
use traqora_airline::{AirlineRegistry, AirlineRegistryClient, NewFlight, AIRLINE_ROLE};
use traqora_escrow::{Escrow, EscrowClient, EscrowConfig, ARBITER_ROLE, SETTLER_ROLE};
use traqora_trq::{TrqToken, TrqTokenClient};

const NOW: u64 = 1_000_000;
const PRICE: i128 = 300_0000000;
const STAKE: i128 = 50_0000000;
const COMMIT: u64 = 86_400;
const REVEAL: u64 = 86_400;
const APPEAL: u64 = 2 * 86_400;
const FEE_BPS: u32 = 1_000; // 10% of a winning stake to the jury

struct T {
    env: Env,
    admin: Address,
    passenger: Address,
    airline: Address,
    treasury: Address,
    settler: Address,
    jurors: std::vec::Vec<Address>,
    usdc: token::Client<'static>,
    escrow: EscrowClient<'static>,
    trq: TrqTokenClient<'static>,
    d: DisputesClient<'static>,
}

fn setup() -> T {
    let env = Env::new_with_config(EnvTestConfig { capture_snapshot_at_drop: false });
    env.mock_all_auths();
    env.ledger().set_timestamp(NOW);
    env.ledger().set_sequence_number(500);
    let admin = Address::generate(&env);
    let passenger = Address::generate(&env);
    let airline = Address::generate(&env);
    let treasury = Address::generate(&env);
    let settler = Address::generate(&env);
    let sac = env.register_stellar_asset_contract_v2(Address::generate(&env)).address();
    let usdc = token::Client::new(&env, &sac);
    let usdc_admin = token::StellarAssetClient::new(&env, &sac);
    usdc_admin.mint(&passenger, &(10 * PRICE));
    usdc_admin.mint(&airline, &(10 * PRICE));

    let flights_id = env.register(AirlineRegistry, (&admin, 0u64));
    let flights = AirlineRegistryClient::new(&env, &flights_id);
    flights.grant_role(&airline, &AIRLINE_ROLE, &admin);
    let nf = NewFlight {
        flight_number: String::from_str(&env, "TQ9"),
        origin: String::from_str(&env, "MAD"),
        destination: String::from_str(&env, "CDG"),
        departure: NOW + 10 * 86_400,
        arrival: NOW + 10 * 86_400 + 7_200,
        price: PRICE,
    };
    let flight = flights.batch_create_flights(&airline, &vec![&env, nf]).get(0).unwrap().id;
    let escrow_id = env.register(
        Escrow,
        (
            &admin,
            EscrowConfig {
                token: sac.clone(),
                treasury: treasury.clone(),
                flights: flights_id,
                receipts: None,
                fee_bps: 0,
                large_refund_threshold: 1_000 * PRICE,
                refund_delay: 0,
                settlement_window: 60 * 86_400,
            },
        ),
    );
    let escrow = EscrowClient::new(&env, &escrow_id);
    escrow.grant_role(&settler, &SETTLER_ROLE, &admin);

    let trq_id = env.register(TrqToken, (&admin, &treasury, 1_000_000i128, 10_000_000i128));
    let trq = TrqTokenClient::new(&env, &trq_id);
    // jurors: weights 400, 300, 200, 100 (self-delegated)
    let jurors: std::vec::Vec<Address> = (0..4).map(|_| Address::generate(&env)).collect();
    for (j, w) in jurors.iter().zip([400i128, 300, 200, 100]) {
        trq.transfer(&treasury, j, &w);
        trq.delegate(j, j);
    }
    env.ledger().set_sequence_number(510);

    let cfg = DisputeConfig {
        escrow: escrow_id.clone(),
        votes_token: trq_id,
        stake_token: sac,
        treasury: treasury.clone(),
        filing_stake: STAKE,
        appeal_multiplier: 2,
        jury_fee_bps: FEE_BPS,
        min_juror_power: 50,
        commit_period: COMMIT,
        reveal_period: REVEAL,
        appeal_window: APPEAL,
    };
    let d_id = env.register(Disputes, (&admin, cfg));
    escrow.grant_role(&d_id, &ARBITER_ROLE, &admin);
    escrow.pay_for_booking(&passenger, &1, &flight, &PRICE, &String::from_str(&env, "2B"));
    escrow.pay_for_booking(&passenger, &2, &flight, &PRICE, &String::from_str(&env, "2C"));
    env.ledger().set_sequence_number(520);
    T { d: DisputesClient::new(&env, &d_id), env, admin, passenger, airline, treasury, settler, jurors, usdc, escrow, trq }
}

fn salt(env: &Env, n: u8) -> BytesN<32> {
    BytesN::from_array(env, &[n; 32])
}

fn h(env: &Env, n: u8) -> BytesN<32> {
    BytesN::from_array(env, &[0xE0 | n; 32])
}

impl T {
    fn file(&self) -> u64 {
        self.d.file_dispute(&self.passenger, &1, &h(&self.env, 1))
    }
    fn commit(&self, id: u64, j: usize, vote: u32) {
        let round = self.d.get_dispute(&id).round;
        let c = commitment(&self.env, &self.jurors[j], round, vote, &salt(&self.env, j as u8));
        self.d.commit_vote(&self.jurors[j], &id, &c);
    }
    fn reveal(&self, id: u64, j: usize, vote: u32) {
        self.d.reveal_vote(&self.jurors[j], &id, &vote, &salt(&self.env, j as u8));
    }
    fn at(&self, t: u64) {
        self.env.ledger().set_timestamp(t);
    }
    /// Commits and reveals `votes` (juror index, vote) and tallies.
    fn round(&self, id: u64, votes: &[(usize, u32)]) -> u32 {
        for (j, v) in votes {
            self.commit(id, *j, *v);
        }
        let d = self.d.get_dispute(&id);
        self.at(d.commit_end);
        for (j, v) in votes {
            self.reveal(id, *j, *v);
        }
        self.at(d.reveal_end);
        self.d.tally_votes(&id)
    }
}

fn err<T: core::fmt::Debug, C: core::fmt::Debug>(
    r: Result<Result<T, C>, Result<soroban_sdk::Error, soroban_sdk::InvokeError>>,
) -> DisputeError {
    match r {
        Err(Ok(e)) => DisputeError::try_from(e).unwrap_or_else(|_| panic!("not a dispute error: {:?}", e)),
        other => panic!("expected contract error, got {:?}", other),
    }
}

#[test]
fn passenger_files_with_a_stake_and_the_booking_freezes() {
    let t = setup();
    let id = t.file();
    // the passenger signs for the dispute and for the stake transfer beneath it
    let auths = t.env.auths();
    assert_eq!(auths.len(), 1);
    assert_eq!(auths[0].0, t.passenger);
    assert_eq!(auths[0].1.sub_invocations.len(), 1);
    let evs = t.env.events().all().filter_by_contract(&t.d.address);
    let filed = DisputeFiled {
        dispute_id: id,
        booking_id: 1,
        filer: t.passenger.clone(),
        claim: REFUND,
        stake: STAKE,
        commit_end: NOW + COMMIT,
        reveal_end: NOW + COMMIT + REVEAL,
    };
    assert_eq!(evs.events()[0], filed.to_xdr(&t.env, &t.d.address));
    let d = t.d.get_dispute(&id);
    assert_eq!((d.round, d.round_claim, d.round_stake, d.status), (1, REFUND, STAKE, DisputeStatus::Voting));
    assert_eq!(d.snapshot_ledger, 519);
    assert_eq!(t.usdc.balance(&t.d.address), STAKE);
    assert_eq!(t.escrow.get_booking(&1).state, BookingState::Disputed);
    assert_eq!(t.d.dispute_of_booking(&1), Some(id));
    assert_eq!(t.d.get_evidence(&id, &0, &10).get(0).unwrap().hash, h(&t.env, 1));
}

#[test]
fn filing_guards() {
    let t = setup();
    let stranger = Address::generate(&t.env);
    assert_eq!(err(t.d.try_file_dispute(&stranger, &1, &h(&t.env, 1))), DisputeError::NotParty);
    t.file();
    assert_eq!(err(t.d.try_file_dispute(&t.airline, &1, &h(&t.env, 1))), DisputeError::AlreadyDisputed);
    t.escrow.release_payment_to_airline(&t.settler, &2);
    assert_eq!(err(t.d.try_file_dispute(&t.passenger, &2, &h(&t.env, 1))), DisputeError::BookingNotOpen);
    t.env.set_auths(&[]);
    assert!(t.d.try_file_dispute(&t.airline, &2, &h(&t.env, 1)).is_err());
}

#[test]
fn paused_disputes_refuse_filing() {
    let t = setup();
    t.d.pause(&t.admin);
    assert!(t.d.try_file_dispute(&t.passenger, &1, &h(&t.env, 1)).is_err());
}

#[test]
fn both_sides_submit_evidence_until_commit_end() {
    let t = setup();
    let id = t.file();
    t.d.submit_evidence(&t.airline, &id, &h(&t.env, 2));
    t.d.submit_evidence(&t.passenger, &id, &h(&t.env, 3));
    let ev = t.d.get_evidence(&id, &0, &10);
    assert_eq!(ev.len(), 3);
    assert_eq!(ev.get(1).unwrap().party, t.airline);
    assert_eq!(t.d.get_evidence(&id, &2, &1).get(0).unwrap().hash, h(&t.env, 3));
    assert_eq!(err(t.d.try_submit_evidence(&t.jurors[0], &id, &h(&t.env, 4))), DisputeError::NotParty);
    for n in 3..MAX_EVIDENCE {
        t.d.submit_evidence(&t.airline, &id, &h(&t.env, (n % 15) as u8));
    }
    assert_eq!(err(t.d.try_submit_evidence(&t.airline, &id, &h(&t.env, 5))), DisputeError::TooMuchEvidence);
    t.at(NOW + COMMIT);
    assert_eq!(err(t.d.try_submit_evidence(&t.passenger, &id, &h(&t.env, 5))), DisputeError::EvidenceClosed);
    assert_eq!(err(t.d.try_submit_evidence(&t.passenger, &99, &h(&t.env, 5))), DisputeError::DisputeNotFound);
}

#[test]
fn commit_guards_and_snapshot_weight() {
    let t = setup();
    let id = t.file();
    let c = commitment(&t.env, &t.passenger, 1, REFUND, &salt(&t.env, 9));
    assert_eq!(err(t.d.try_commit_vote(&t.passenger, &id, &c)), DisputeError::NotEligible);
    // tokens bought after filing carry no weight for this dispute
    let late = Address::generate(&t.env);
    t.trq.transfer(&t.jurors[0], &late, &200);
    t.trq.delegate(&late, &late);
    t.env.ledger().set_sequence_number(530);
    assert_eq!(err(t.d.try_commit_vote(&late, &id, &c)), DisputeError::NotEligible);
    t.commit(id, 0, REFUND);
    let auths = t.env.auths();
    assert_eq!(auths.len(), 1);
    assert_eq!(auths[0].0, t.jurors[0]);
    assert_eq!(t.d.get_juror_vote(&id, &1, &t.jurors[0]).unwrap().weight, 400);
    assert_eq!(err(t.d.try_commit_vote(&t.jurors[0], &id, &c)), DisputeError::AlreadyCommitted);
    // below the minimum juror power
    t.d.set_params(&STAKE, &2, &FEE_BPS, &150, &COMMIT, &REVEAL, &APPEAL);
    assert_eq!(err(t.d.try_commit_vote(&t.jurors[3], &id, &c)), DisputeError::NotEligible);
    t.at(NOW + COMMIT);
    assert_eq!(err(t.d.try_commit_vote(&t.jurors[1], &id, &c)), DisputeError::NotCommitPhase);
    t.env.set_auths(&[]);
    t.at(NOW);
    assert!(t.d.try_commit_vote(&t.jurors[1], &id, &c).is_err());
}

#[test]
fn reveal_guards() {
    let t = setup();
    let id = t.file();
    t.commit(id, 0, REFUND);
    t.commit(id, 1, RELEASE);
    assert_eq!(err(t.d.try_reveal_vote(&t.jurors[0], &id, &REFUND, &salt(&t.env, 0))), DisputeError::NotRevealPhase);
    t.at(NOW + COMMIT);
    assert_eq!(err(t.d.try_reveal_vote(&t.jurors[0], &id, &RELEASE, &salt(&t.env, 0))), DisputeError::CommitmentMismatch);
    assert_eq!(err(t.d.try_reveal_vote(&t.jurors[0], &id, &REFUND, &salt(&t.env, 7))), DisputeError::CommitmentMismatch);
    assert_eq!(err(t.d.try_reveal_vote(&t.jurors[0], &id, &3, &salt(&t.env, 0))), DisputeError::InvalidVote);
    assert_eq!(err(t.d.try_reveal_vote(&t.jurors[2], &id, &REFUND, &salt(&t.env, 2))), DisputeError::NoCommitment);
    // one juror's commitment does not verify for another
    assert_eq!(err(t.d.try_reveal_vote(&t.jurors[1], &id, &REFUND, &salt(&t.env, 0))), DisputeError::CommitmentMismatch);
    t.reveal(id, 0, REFUND);
    assert_eq!(err(t.d.try_reveal_vote(&t.jurors[0], &id, &REFUND, &salt(&t.env, 0))), DisputeError::AlreadyRevealed);
    assert_eq!(t.d.get_dispute(&id).refund_weight, 400);
    assert_eq!(err(t.d.try_tally_votes(&id)), DisputeError::RevealNotOver);
    assert_eq!(err(t.d.try_claim_reward(&t.jurors[0], &id, &1)), DisputeError::NotDecided);
    assert_eq!(err(t.d.try_execute_verdict(&id)), DisputeError::NotDecided);
    assert_eq!(err(t.d.try_appeal(&t.airline, &id)), DisputeError::NotDecided);
    t.at(NOW + COMMIT + REVEAL);
    assert_eq!(err(t.d.try_reveal_vote(&t.jurors[1], &id, &RELEASE, &salt(&t.env, 1))), DisputeError::NotRevealPhase);
}

#[test]
fn commitment_helper_matches_the_contract() {
    let t = setup();
    let c = t.d.compute_commitment(&t.jurors[0], &1, &REFUND, &salt(&t.env, 0));
    assert_eq!(c, commitment(&t.env, &t.jurors[0], 1, REFUND, &salt(&t.env, 0)));
}

#[test]
fn passenger_wins_gets_refund_and_jury_shares_the_fee() {
    let t = setup();
    let id = t.file();
    let passenger_before = t.usdc.balance(&t.passenger);
    let verdict = t.round(id, &[(0, REFUND), (2, REFUND), (1, RELEASE)]);
    assert_eq!(verdict, REFUND);
    let fee = STAKE * FEE_BPS as i128 / 10_000;
    assert_eq!(t.usdc.balance(&t.passenger), passenger_before + STAKE - fee);
    let r = t.d.get_round_result(&id, &1).unwrap();
    assert_eq!((r.verdict, r.pot, r.majority_weight), (REFUND, fee, 600));
    assert_eq!(err(t.d.try_tally_votes(&id)), DisputeError::NotVoting);
    // the verdict waits for the appeal window
    assert_eq!(err(t.d.try_execute_verdict(&id)), DisputeError::AppealOpen);
    t.at(t.d.get_dispute(&id).appeal_deadline);
    assert_eq!(t.d.execute_verdict(&id), REFUND);
    assert_eq!(t.escrow.get_booking(&1).state, BookingState::Refunded);
    assert_eq!(err(t.d.try_execute_verdict(&id)), DisputeError::NotDecided);
    // majority jurors split the pot pro rata; the minority gets nothing
    assert_eq!(t.d.claim_reward(&t.jurors[0], &id, &1), fee * 400 / 600);
    assert_eq!(t.d.claim_reward(&t.jurors[2], &id, &1), fee * 200 / 600);
    assert_eq!(err(t.d.try_claim_reward(&t.jurors[0], &id, &1)), DisputeError::AlreadyClaimed);
    assert_eq!(err(t.d.try_claim_reward(&t.jurors[1], &id, &1)), DisputeError::NothingToClaim);
    assert_eq!(err(t.d.try_claim_reward(&t.jurors[3], &id, &1)), DisputeError::NothingToClaim);
    assert!(t.usdc.balance(&t.d.address) <= 1); // only rounding dust may remain
}

#[test]
fn appeal_round_can_overturn_and_executes_at_once() {
    let t = setup();
    let id = t.file();
    assert_eq!(t.round(id, &[(3, REFUND)]), REFUND);
    assert_eq!(err(t.d.try_appeal(&t.passenger, &id)), DisputeError::NotLosingSide);
    assert_eq!(err(t.d.try_appeal(&t.jurors[0], &id)), DisputeError::NotParty);
    let airline_before = t.usdc.balance(&t.airline);
    t.d.appeal(&t.airline, &id);
    assert_eq!(t.usdc.balance(&t.airline), airline_before - 2 * STAKE);
    let d = t.d.get_dispute(&id);
    assert_eq!((d.round, d.round_claim, d.round_stake, d.status), (2, RELEASE, 2 * STAKE, DisputeStatus::Voting));
    // round 2: the bigger holders side with the airline
    assert_eq!(t.round(id, &[(0, RELEASE), (1, RELEASE), (3, REFUND)]), RELEASE);
    assert_eq!(err(t.d.try_appeal(&t.passenger, &id)), DisputeError::NoMoreAppeals);
    t.d.execute_verdict(&id);
    assert_eq!(t.escrow.get_booking(&1).state, BookingState::Released);
    // the passenger's first-round stake was judged right then (minus fee); the airline's appeal
    // stake comes back minus the jury fee
    assert_eq!(t.usdc.balance(&t.airline), airline_before - 2 * STAKE * FEE_BPS as i128 / 10_000 + PRICE);
    // round-1 juror 3 (refund) still claims round 1's pot; round-2 majority claims round 2's
    assert!(t.d.claim_reward(&t.jurors[3], &id, &1) > 0);
    assert!(t.d.claim_reward(&t.jurors[0], &id, &2) > 0);
    assert_eq!(err(t.d.try_claim_reward(&t.jurors[3], &id, &2)), DisputeError::NothingToClaim);
}

#[test]
fn verdict_after_an_emergency_refund_closes_without_touching_the_escrow() {
    let t = setup();
    let id = t.file();
    t.round(id, &[(0, RELEASE)]);
    t.escrow.emergency_refund(&1); // the multisig stepped in meanwhile
    let passenger_after_refund = t.usdc.balance(&t.passenger);
    t.at(t.d.get_dispute(&id).appeal_deadline);
    t.d.execute_verdict(&id);
    let evs = t.env.events().all().filter_by_contract(&t.d.address);
    let ev = VerdictExecuted { dispute_id: id, booking_id: 1, verdict: RELEASE, applied: false };
    assert_eq!(evs.events(), std::vec![ev.to_xdr(&t.env, &t.d.address)].as_slice());
    assert_eq!(t.d.get_dispute(&id).status, DisputeStatus::Executed);
    assert_eq!(t.escrow.get_booking(&1).state, BookingState::Refunded);
    assert_eq!(t.usdc.balance(&t.passenger), passenger_after_refund);
    assert_eq!(t.usdc.balance(&t.airline), 10 * PRICE);
}

#[test]
fn appeal_window_closes() {
    let t = setup();
    let id = t.file();
    t.round(id, &[(0, RELEASE)]);
    t.at(t.d.get_dispute(&id).appeal_deadline);
    assert_eq!(err(t.d.try_appeal(&t.passenger, &id)), DisputeError::AppealClosed);
    t.d.execute_verdict(&id);
    assert_eq!(t.escrow.get_booking(&1).state, BookingState::Released);
    assert_eq!(err(t.d.try_appeal(&t.passenger, &id)), DisputeError::NotDecided);
}

#[test]
fn silence_or_a_tie_goes_against_the_staker() {
    let t = setup();
    let id = t.file();
    // nobody votes: the passenger (staker) loses the stake to the treasury, airline is paid
    let treasury_before = t.usdc.balance(&t.treasury);
    assert_eq!(t.round(id, &[]), RELEASE);
    assert_eq!(t.usdc.balance(&t.treasury), treasury_before + STAKE);
    assert_eq!(t.d.get_round_result(&id, &1).unwrap().pot, 0);

    let id2 = t.d.file_dispute(&t.airline, &2, &h(&t.env, 2));
    // 300 + 100 for the airline's claim vs 400 against: a tie → refund
    assert_eq!(t.round(id2, &[(1, RELEASE), (3, RELEASE), (0, REFUND)]), REFUND);
}

#[test]
fn admin_parameters() {
    let t = setup();
    assert_eq!(err(t.d.try_set_params(&0, &2, &FEE_BPS, &1, &COMMIT, &REVEAL, &APPEAL)), DisputeError::InvalidConfig);
    assert_eq!(err(t.d.try_set_params(&STAKE, &0, &FEE_BPS, &1, &COMMIT, &REVEAL, &APPEAL)), DisputeError::InvalidConfig);
    assert_eq!(err(t.d.try_set_params(&STAKE, &2, &10_001, &1, &COMMIT, &REVEAL, &APPEAL)), DisputeError::InvalidConfig);
    assert_eq!(err(t.d.try_set_params(&STAKE, &2, &FEE_BPS, &1, &0, &REVEAL, &APPEAL)), DisputeError::InvalidConfig);
    t.d.set_params(&(2 * STAKE), &3, &FEE_BPS, &1, &COMMIT, &REVEAL, &APPEAL);
    assert_eq!(t.d.get_config().filing_stake, 2 * STAKE);
    let stranger = Address::generate(&t.env);
    t.env.mock_auths(&[MockAuth {
        address: &stranger,
        invoke: &MockAuthInvoke {
            contract: &t.d.address,
            fn_name: "set_params",
            args: (STAKE, 2u32, FEE_BPS, 1u128, COMMIT, REVEAL, APPEAL).into_val(&t.env),
            sub_invokes: &[],
        },
    }]);
    assert!(t.d.try_set_params(&STAKE, &2, &FEE_BPS, &1, &COMMIT, &REVEAL, &APPEAL).is_err());
    t.env.mock_all_auths();
    assert_eq!(t.d.storage_version(), STORAGE_VERSION);
    assert_eq!(err(t.d.try_migrate()), DisputeError::AlreadyMigrated);
}
