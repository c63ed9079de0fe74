//! The `Disputes` contract: filing, commit–reveal voting, tally, appeal and verdict execution.

use soroban_sdk::{contract, contractimpl, token, xdr::ToXdr, Address, Bytes, BytesN, Env, Symbol, Vec};
use stellar_access::access_control::{self as access, AccessControl};
use stellar_contract_utils::upgradeable;
use stellar_macros::{only_admin, when_not_paused};
use traqora_common::{ttl, BookingState, EscrowClient, VotesClient, BPS, MAX_BATCH};

use crate::events::*;
use crate::storage::*;
use crate::types::*;

#[contract]
pub struct Disputes;

/// The commitment a juror submits: `sha256(round_be32 ‖ vote_be32 ‖ salt ‖ xdr(ScVal::Address(juror)))`.
/// Binding the juror's address stops one juror from copying another's commitment.
pub fn commitment(e: &Env, juror: &Address, round: u32, vote: u32, salt: &BytesN<32>) -> BytesN<32> {
    let mut b = Bytes::new(e);
    b.extend_from_array(&round.to_be_bytes());
    b.extend_from_array(&vote.to_be_bytes());
    b.append(&Bytes::from(salt.clone()));
    b.append(&juror.clone().to_xdr(e));
    e.crypto().sha256(&b).into()
}

fn start_round(e: &Env, cfg: &DisputeConfig, d: &mut Dispute, staker: Address, claim: u32, stake: i128) {
    let now = e.ledger().timestamp();
    d.status = DisputeStatus::Voting;
    d.round += 1;
    d.round_staker = staker;
    d.round_claim = claim;
    d.round_stake = stake;
    d.commit_end = now + cfg.commit_period;
    d.reveal_end = d.commit_end + cfg.reveal_period;
    d.refund_weight = 0;
    d.release_weight = 0;
    d.verdict = 0;
    d.appeal_deadline = 0;
}

fn is_final(e: &Env, d: &Dispute) -> bool {
    d.status == DisputeStatus::Decided && (d.round >= MAX_ROUNDS || e.ledger().timestamp() >= d.appeal_deadline)
}

#[contractimpl]
impl Disputes {
    pub fn __constructor(e: &Env, admin: Address, config: DisputeConfig) {
        access::set_admin(e, &admin);
        check_config(e, &config);
        e.storage().instance().set(&DataKey::Config, &config);
        upgradeable::set_schema_version(e, STORAGE_VERSION);
        ttl::bump_instance(e);
    }

    /// The booking's passenger (claiming `REFUND`) or airline (claiming `RELEASE`) opens a
    /// dispute with the filing stake and a first evidence hash. Freezes the booking in escrow.
    #[when_not_paused]
    pub fn file_dispute(e: &Env, filer: Address, booking_id: u64, evidence_hash: BytesN<32>) -> u64 {
        filer.require_auth();
        ttl::bump_instance(e);
        let cfg = config(e);
        if e.storage().persistent().has(&DataKey::BookingDispute(booking_id)) {
            fail(e, DisputeError::AlreadyDisputed);
        }
        let escrow = EscrowClient::new(e, &cfg.escrow);
        let booking = escrow.get_booking(&booking_id);
        let claim = if filer == booking.passenger {
            REFUND
        } else if filer == booking.airline {
            RELEASE
        } else {
            fail(e, DisputeError::NotParty)
        };
        if !matches!(booking.state, BookingState::Paid | BookingState::RefundRequested) {
            fail(e, DisputeError::BookingNotOpen);
        }
        let id: u64 = e.storage().instance().get(&DataKey::NextId).unwrap_or(1);
        e.storage().instance().set(&DataKey::NextId, &(id + 1));
        let mut d = Dispute {
            id,
            booking_id,
            passenger: booking.passenger,
            airline: booking.airline,
            filer: filer.clone(),
            snapshot_ledger: e.ledger().sequence().saturating_sub(1),
            status: DisputeStatus::Voting,
            round: 0,
            round_staker: filer.clone(),
            round_claim: claim,
            round_stake: 0,
            commit_end: 0,
            reveal_end: 0,
            refund_weight: 0,
            release_weight: 0,
            verdict: 0,
            appeal_deadline: 0,
            evidence_count: 1,
        };
        start_round(e, &cfg, &mut d, filer.clone(), claim, cfg.filing_stake);
        save(e, &d);
        set_persistent(e, &DataKey::BookingDispute(booking_id), &id);
        let now = e.ledger().timestamp();
        set_persistent(e, &DataKey::Evidence(id, 0), &Evidence { party: filer.clone(), hash: evidence_hash.clone(), at: now });
        token::Client::new(e, &cfg.stake_token).transfer(&filer, e.current_contract_address(), &cfg.filing_stake);
        escrow.freeze_for_dispute(&e.current_contract_address(), &booking_id);
        DisputeFiled {
            dispute_id: id,
            booking_id,
            filer: filer.clone(),
            claim,
            stake: cfg.filing_stake,
            commit_end: d.commit_end,
            reveal_end: d.reveal_end,
        }
        .publish(e);
        EvidenceSubmitted { dispute_id: id, party: filer, hash: evidence_hash }.publish(e);
        id
    }

    /// Either party adds an evidence hash while the current round's commit phase is open.
    pub fn submit_evidence(e: &Env, party: Address, dispute_id: u64, hash: BytesN<32>) {
        party.require_auth();
        ttl::bump_instance(e);
        let mut d = load(e, dispute_id);
        if party != d.passenger && party != d.airline {
            fail(e, DisputeError::NotParty);
        }
        if d.status != DisputeStatus::Voting || e.ledger().timestamp() >= d.commit_end {
            fail(e, DisputeError::EvidenceClosed);
        }
        if d.evidence_count >= MAX_EVIDENCE {
            fail(e, DisputeError::TooMuchEvidence);
        }
        let at = e.ledger().timestamp();
        set_persistent(e, &DataKey::Evidence(dispute_id, d.evidence_count), &Evidence { party: party.clone(), hash: hash.clone(), at });
        d.evidence_count += 1;
        save(e, &d);
        EvidenceSubmitted { dispute_id, party, hash }.publish(e);
    }

    /// A TRQ holder commits a hidden vote for the current round (see [`commitment`]).
    pub fn commit_vote(e: &Env, juror: Address, dispute_id: u64, commitment: BytesN<32>) {
        juror.require_auth();
        ttl::bump_instance(e);
        let cfg = config(e);
        let d = load(e, dispute_id);
        if d.status != DisputeStatus::Voting || e.ledger().timestamp() >= d.commit_end {
            fail(e, DisputeError::NotCommitPhase);
        }
        if juror == d.passenger || juror == d.airline {
            fail(e, DisputeError::NotEligible);
        }
        let key = DataKey::Juror(dispute_id, d.round, juror.clone());
        if e.storage().persistent().has(&key) {
            fail(e, DisputeError::AlreadyCommitted);
        }
        let weight = VotesClient::new(e, &cfg.votes_token).get_votes_at_checkpoint(&juror, &d.snapshot_ledger);
        if weight == 0 || weight < cfg.min_juror_power {
            fail(e, DisputeError::NotEligible);
        }
        set_persistent(e, &key, &JurorVote { commitment, weight, vote: 0, claimed: false });
        VoteCommitted { dispute_id, juror, round: d.round }.publish(e);
    }

    /// Reveals a committed vote (`REFUND` or `RELEASE`) during the reveal phase.
    pub fn reveal_vote(e: &Env, juror: Address, dispute_id: u64, vote: u32, salt: BytesN<32>) {
        juror.require_auth();
        ttl::bump_instance(e);
        let mut d = load(e, dispute_id);
        let now = e.ledger().timestamp();
        if d.status != DisputeStatus::Voting || now < d.commit_end || now >= d.reveal_end {
            fail(e, DisputeError::NotRevealPhase);
        }
        if vote != REFUND && vote != RELEASE {
            fail(e, DisputeError::InvalidVote);
        }
        let key = DataKey::Juror(dispute_id, d.round, juror.clone());
        let mut jv: JurorVote = e.storage().persistent().get(&key).unwrap_or_else(|| fail(e, DisputeError::NoCommitment));
        if jv.vote != 0 {
            fail(e, DisputeError::AlreadyRevealed);
        }
        if commitment(e, &juror, d.round, vote, &salt) != jv.commitment {
            fail(e, DisputeError::CommitmentMismatch);
        }
        jv.vote = vote;
        set_persistent(e, &key, &jv);
        if vote == REFUND {
            d.refund_weight += jv.weight;
        } else {
            d.release_weight += jv.weight;
        }
        save(e, &d);
        VoteRevealed { dispute_id, juror, round: d.round, vote, weight: jv.weight }.publish(e);
    }

    /// Anyone closes the round after the reveal phase. Settles the round's stake: a right staker
    /// gets it back minus the jury fee, a wrong one forfeits it to the jury pot.
    pub fn tally_votes(e: &Env, dispute_id: u64) -> u32 {
        ttl::bump_instance(e);
        let cfg = config(e);
        let mut d = load(e, dispute_id);
        if d.status != DisputeStatus::Voting {
            fail(e, DisputeError::NotVoting);
        }
        if e.ledger().timestamp() < d.reveal_end {
            fail(e, DisputeError::RevealNotOver);
        }
        let against = if d.round_claim == REFUND { RELEASE } else { REFUND };
        let (claim_w, against_w) = if d.round_claim == REFUND {
            (d.refund_weight, d.release_weight)
        } else {
            (d.release_weight, d.refund_weight)
        };
        // The staker must win outright: ties and silence go against them.
        let verdict = if claim_w > against_w { d.round_claim } else { against };
        let majority_weight = if verdict == d.round_claim { claim_w } else { against_w };
        let staker_right = verdict == d.round_claim;
        let mut pot = if staker_right {
            d.round_stake * cfg.jury_fee_bps as i128 / BPS
        } else {
            d.round_stake
        };
        let tok = token::Client::new(e, &cfg.stake_token);
        let me = e.current_contract_address();
        if staker_right && d.round_stake - pot > 0 {
            tok.transfer(&me, &d.round_staker, &(d.round_stake - pot));
        }
        if majority_weight == 0 && pot > 0 {
            // nobody to reward: the pot goes to the treasury
            tok.transfer(&me, &cfg.treasury, &pot);
            pot = 0;
        }
        set_persistent(e, &DataKey::Round(dispute_id, d.round), &RoundResult { verdict, pot, majority_weight, claimed: 0 });
        d.status = DisputeStatus::Decided;
        d.verdict = verdict;
        d.appeal_deadline = e.ledger().timestamp() + cfg.appeal_window;
        save(e, &d);
        RoundDecided {
            dispute_id,
            round: d.round,
            verdict,
            refund_weight: d.refund_weight,
            release_weight: d.release_weight,
            pot,
        }
        .publish(e);
        verdict
    }

    /// The side that lost the round opens the appeal round with a higher stake.
    pub fn appeal(e: &Env, appellant: Address, dispute_id: u64) {
        appellant.require_auth();
        ttl::bump_instance(e);
        let cfg = config(e);
        let mut d = load(e, dispute_id);
        if d.status != DisputeStatus::Decided {
            fail(e, DisputeError::NotDecided);
        }
        if d.round >= MAX_ROUNDS {
            fail(e, DisputeError::NoMoreAppeals);
        }
        if e.ledger().timestamp() >= d.appeal_deadline {
            fail(e, DisputeError::AppealClosed);
        }
        let claim = if appellant == d.passenger {
            REFUND
        } else if appellant == d.airline {
            RELEASE
        } else {
            fail(e, DisputeError::NotParty)
        };
        if claim == d.verdict {
            fail(e, DisputeError::NotLosingSide);
        }
        let stake = cfg.filing_stake * cfg.appeal_multiplier as i128;
        start_round(e, &cfg, &mut d, appellant.clone(), claim, stake);
        save(e, &d);
        token::Client::new(e, &cfg.stake_token).transfer(&appellant, e.current_contract_address(), &stake);
        DisputeAppealed { dispute_id, appellant, round: d.round, stake }.publish(e);
    }

    /// Anyone applies a final verdict to the escrow (after the appeal window, or after the
    /// appeal round). If the multisig already emergency-refunded the booking, the dispute closes
    /// without touching the escrow (`applied: false`) instead of getting stuck.
    pub fn execute_verdict(e: &Env, dispute_id: u64) -> u32 {
        ttl::bump_instance(e);
        let cfg = config(e);
        let mut d = load(e, dispute_id);
        if d.status != DisputeStatus::Decided {
            fail(e, DisputeError::NotDecided);
        }
        if !is_final(e, &d) {
            fail(e, DisputeError::AppealOpen);
        }
        d.status = DisputeStatus::Executed;
        save(e, &d);
        let escrow = EscrowClient::new(e, &cfg.escrow);
        let me = e.current_contract_address();
        let applied = escrow.get_booking(&d.booking_id).state == BookingState::Disputed;
        if applied {
            if d.verdict == REFUND {
                escrow.refund_passenger(&me, &d.booking_id);
            } else {
                escrow.release_payment_to_airline(&me, &d.booking_id);
            }
        }
        VerdictExecuted { dispute_id, booking_id: d.booking_id, verdict: d.verdict, applied }.publish(e);
        d.verdict
    }

    /// A juror who revealed with the majority of a tallied round takes their share of its pot.
    pub fn claim_reward(e: &Env, juror: Address, dispute_id: u64, round: u32) -> i128 {
        juror.require_auth();
        ttl::bump_instance(e);
        let cfg = config(e);
        let rkey = DataKey::Round(dispute_id, round);
        let mut result: RoundResult = e.storage().persistent().get(&rkey).unwrap_or_else(|| fail(e, DisputeError::NotDecided));
        let jkey = DataKey::Juror(dispute_id, round, juror.clone());
        let mut jv: JurorVote = e.storage().persistent().get(&jkey).unwrap_or_else(|| fail(e, DisputeError::NothingToClaim));
        if jv.claimed {
            fail(e, DisputeError::AlreadyClaimed);
        }
        if jv.vote != result.verdict || result.majority_weight == 0 {
            fail(e, DisputeError::NothingToClaim);
        }
        // floor division: the sum of shares never exceeds the pot
        let share = (result.pot as u128 * jv.weight / result.majority_weight) as i128;
        jv.claimed = true;
        set_persistent(e, &jkey, &jv);
        result.claimed += share;
        set_persistent(e, &rkey, &result);
        if share > 0 {
            token::Client::new(e, &cfg.stake_token).transfer(&e.current_contract_address(), &juror, &share);
        }
        RewardClaimed { dispute_id, juror, round, amount: share }.publish(e);
        share
    }

    // ---- views ---------------------------------------------------------------------------

    pub fn get_dispute(e: &Env, dispute_id: u64) -> Dispute {
        load(e, dispute_id)
    }

    pub fn dispute_of_booking(e: &Env, booking_id: u64) -> Option<u64> {
        e.storage().persistent().get(&DataKey::BookingDispute(booking_id))
    }

    pub fn get_evidence(e: &Env, dispute_id: u64, start: u32, limit: u32) -> Vec<Evidence> {
        let d = load(e, dispute_id);
        let end = d.evidence_count.min(start.saturating_add(limit.min(MAX_BATCH)));
        let mut out = Vec::new(e);
        let mut i = start;
        while i < end {
            if let Some(ev) = e.storage().persistent().get(&DataKey::Evidence(dispute_id, i)) {
                out.push_back(ev);
            }
            i += 1;
        }
        out
    }

    pub fn get_juror_vote(e: &Env, dispute_id: u64, round: u32, juror: Address) -> Option<JurorVote> {
        e.storage().persistent().get(&DataKey::Juror(dispute_id, round, juror))
    }

    pub fn get_round_result(e: &Env, dispute_id: u64, round: u32) -> Option<RoundResult> {
        e.storage().persistent().get(&DataKey::Round(dispute_id, round))
    }

    /// Computes a commitment (for clients; a juror can also compute it locally to keep the vote
    /// private, which is the point — simulate this only against a node you trust).
    pub fn compute_commitment(e: &Env, juror: Address, round: u32, vote: u32, salt: BytesN<32>) -> BytesN<32> {
        commitment(e, &juror, round, vote, &salt)
    }

    pub fn get_config(e: &Env) -> DisputeConfig {
        config(e)
    }

    pub fn storage_version(e: &Env) -> u32 {
        upgradeable::get_schema_version(e)
    }

    // ---- admin ---------------------------------------------------------------------------

    /// Changes stakes and periods for disputes filed afterwards (running ones keep their times).
    #[only_admin]
    pub fn set_params(
        e: &Env,
        filing_stake: i128,
        appeal_multiplier: u32,
        jury_fee_bps: u32,
        min_juror_power: u128,
        commit_period: u64,
        reveal_period: u64,
        appeal_window: u64,
    ) {
        let mut c = config(e);
        c.filing_stake = filing_stake;
        c.appeal_multiplier = appeal_multiplier;
        c.jury_fee_bps = jury_fee_bps;
        c.min_juror_power = min_juror_power;
        c.commit_period = commit_period;
        c.reveal_period = reveal_period;
        c.appeal_window = appeal_window;
        check_config(e, &c);
        e.storage().instance().set(&DataKey::Config, &c);
        ttl::bump_instance(e);
    }

    #[only_admin]
    pub fn migrate(e: &Env) {
        if upgradeable::get_schema_version(e) >= STORAGE_VERSION {
            fail(e, DisputeError::AlreadyMigrated);
        }
        upgradeable::set_schema_version(e, STORAGE_VERSION);
        ttl::bump_instance(e);
    }
}

#[contractimpl(contracttrait)]
impl AccessControl for Disputes {}

traqora_common::admin_pausable_upgradeable!(Disputes);
