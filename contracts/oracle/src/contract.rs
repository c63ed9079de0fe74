//! The `FlightOracle` contract: its entry points, finalisation with slashing, and settlement.

use soroban_sdk::{contract, contractimpl, token, Address, Env, Symbol, Vec};
use stellar_access::access_control::{self as access, AccessControl};
use stellar_contract_utils::upgradeable;
use stellar_macros::{only_admin, when_not_paused};
use traqora_common::{
    is_quoted_flight, ttl, BatchItemResult, EscrowClient, FlightsClient, BPS, MAX_ORACLE_SETTLEMENT_BATCH,
};

use crate::events::*;
use crate::storage::*;
use crate::types::*;

#[contract]
pub struct FlightOracle;

/// Sets the final status and slashes the providers who reported otherwise. Bounded by
/// `MAX_REPORTS_PER_FLIGHT`.
fn finalize(e: &Env, cfg: &OracleConfig, mut r: FlightReport, status: SettlementStatus) {
    let disputed = r.challenger.is_some();
    r.phase = ReportPhase::Final;
    r.final_status = status;
    save_report(e, &r);
    let tok = token::Client::new(e, &cfg.stake_token);
    let me = e.current_contract_address();
    for rep in r.reports.iter() {
        let mut p = provider(e, &rep.provider).expect("reporter is a provider");
        p.pending -= 1;
        if rep.status != status {
            let slash = p.stake * cfg.slash_bps as i128 / BPS;
            p.stake -= slash;
            if p.stake < cfg.min_stake {
                p.active = false;
            }
            if slash > 0 {
                tok.transfer(&me, &cfg.treasury, &slash);
            }
            ProviderSlashed {
                provider: rep.provider.clone(),
                flight_id: r.flight_id,
                amount: slash,
                remaining_stake: p.stake,
            }
            .publish(e);
        }
        save_provider(e, &rep.provider, &p);
    }
    StatusFinalized { flight_id: r.flight_id, status, disputed }.publish(e);
}

/// The final status that settles a booking on `flight_id`: `QuotedFlight` for an app flight
/// (checked first, so no registry flight's report can ever settle it), `NotFinal` while the
/// registry flight has no final status.
fn settlement_status(e: &Env, flight_id: u64) -> Result<SettlementStatus, OracleError> {
    if is_quoted_flight(flight_id) {
        return Err(OracleError::QuotedFlight);
    }
    report(e, flight_id).and_then(|r| r.final_status()).ok_or(OracleError::NotFinal)
}

fn settle(e: &Env, booking_id: u64) -> Result<(u64, SettlementStatus), OracleError> {
    let cfg = config(e);
    let escrow = EscrowClient::new(e, &cfg.escrow);
    let booking = escrow.get_booking(&booking_id);
    let status = settlement_status(e, booking.flight_id)?;
    let me = e.current_contract_address();
    match status {
        SettlementStatus::Completed => escrow.release_payment_to_airline(&me, &booking_id),
        SettlementStatus::Cancelled => escrow.refund_passenger(&me, &booking_id),
    }
    BookingSettled { booking_id, flight_id: booking.flight_id, status }.publish(e);
    Ok((booking.flight_id, status))
}

#[contractimpl]
impl FlightOracle {
    pub fn __constructor(e: &Env, admin: Address, config: OracleConfig) {
        access::set_admin(e, &admin);
        check_config(e, &config);
        e.storage().instance().set(&DataKey::Config, &config);
        upgradeable::set_schema_version(e, STORAGE_VERSION);
        ttl::bump_instance(e);
    }

    #[when_not_paused]
    pub fn register_provider(e: &Env, provider: Address, stake: i128) {
        provider.require_auth();
        ttl::bump_instance(e);
        let cfg = config(e);
        if self::provider(e, &provider).is_some() {
            fail(e, OracleError::AlreadyRegistered);
        }
        if stake < cfg.min_stake {
            fail(e, OracleError::StakeTooLow);
        }
        save_provider(e, &provider, &Provider { stake, active: true, pending: 0 });
        token::Client::new(e, &cfg.stake_token).transfer(&provider, e.current_contract_address(), &stake);
        ProviderRegistered { provider, stake }.publish(e);
    }

    /// A provider with no unfinalised reports leaves and gets its (possibly slashed) stake back.
    pub fn exit_provider(e: &Env, provider: Address) -> i128 {
        provider.require_auth();
        ttl::bump_instance(e);
        let p = self::provider(e, &provider).unwrap_or_else(|| fail(e, OracleError::NotProvider));
        if p.pending > 0 {
            fail(e, OracleError::PendingReports);
        }
        e.storage().persistent().remove(&DataKey::Provider(provider.clone()));
        if p.stake > 0 {
            token::Client::new(e, &config(e).stake_token).transfer(&e.current_contract_address(), &provider, &p.stake);
        }
        ProviderExited { provider, returned: p.stake }.publish(e);
        p.stake
    }

    #[when_not_paused]
    pub fn submit_flight_status(e: &Env, provider: Address, flight_id: u64, status: SettlementStatus) {
        provider.require_auth();
        ttl::bump_instance(e);
        let cfg = config(e);
        let mut p = self::provider(e, &provider).unwrap_or_else(|| fail(e, OracleError::NotProvider));
        if !p.active {
            fail(e, OracleError::StakeTooLow);
        }
        let flight = match FlightsClient::new(e, &cfg.flights).try_get_flight(&flight_id) {
            Ok(Ok(f)) => f,
            _ => fail(e, OracleError::FlightNotFound),
        };
        let now = e.ledger().timestamp();
        if status == SettlementStatus::Completed && now < flight.arrival {
            // a cancellation can be known before departure; a completion only after arrival
            fail(e, OracleError::FlightNotDeparted);
        }
        let mut r = report(e, flight_id).unwrap_or(FlightReport {
            flight_id,
            reports: Vec::new(e),
            phase: ReportPhase::Open,
            proposed: status,
            proposed_at: 0,
            challenger: None,
            final_status: status,
        });
        if r.phase != ReportPhase::Open {
            fail(e, OracleError::ReportingClosed);
        }
        if r.reports.iter().any(|x| x.provider == provider) {
            fail(e, OracleError::AlreadySubmitted);
        }
        if r.reports.len() >= MAX_REPORTS_PER_FLIGHT {
            fail(e, OracleError::TooManyReports);
        }
        r.reports.push_back(Report { provider: provider.clone(), status });
        let agreeing = r.reports.iter().filter(|x| x.status == status).count() as u32;
        if agreeing >= cfg.quorum {
            r.phase = ReportPhase::Proposed;
            r.proposed = status;
            r.proposed_at = now;
        }
        save_report(e, &r);
        p.pending += 1;
        save_provider(e, &provider, &p);
        StatusSubmitted { flight_id, provider, status }.publish(e);
        if r.phase == ReportPhase::Proposed {
            StatusProposed { flight_id, status, dispute_until: now + cfg.dispute_window }.publish(e);
        }
    }

    /// Anyone may challenge a proposed status within the window by posting `dispute_bond`.
    pub fn dispute_flight_status(e: &Env, challenger: Address, flight_id: u64) {
        challenger.require_auth();
        ttl::bump_instance(e);
        let cfg = config(e);
        let mut r = report(e, flight_id).unwrap_or_else(|| fail(e, OracleError::NoProposal));
        match r.phase {
            ReportPhase::Proposed => {}
            ReportPhase::Disputed => fail(e, OracleError::AlreadyDisputed),
            ReportPhase::Open | ReportPhase::Final => fail(e, OracleError::NoProposal),
        }
        if e.ledger().timestamp() >= r.proposed_at + cfg.dispute_window {
            fail(e, OracleError::DisputeWindowClosed);
        }
        r.phase = ReportPhase::Disputed;
        r.challenger = Some(challenger.clone());
        save_report(e, &r);
        token::Client::new(e, &cfg.stake_token).transfer(&challenger, e.current_contract_address(), &cfg.dispute_bond);
        StatusDisputed { flight_id, challenger, bond: cfg.dispute_bond }.publish(e);
    }

    /// Anyone finalises an undisputed proposal after the dispute window.
    pub fn finalize_flight_status(e: &Env, flight_id: u64) -> SettlementStatus {
        ttl::bump_instance(e);
        let cfg = config(e);
        let r = report(e, flight_id).unwrap_or_else(|| fail(e, OracleError::NoProposal));
        let status = match r.phase {
            ReportPhase::Proposed => r.proposed,
            ReportPhase::Disputed => fail(e, OracleError::AlreadyDisputed),
            ReportPhase::Open | ReportPhase::Final => fail(e, OracleError::NoProposal),
        };
        if e.ledger().timestamp() < r.proposed_at + cfg.dispute_window {
            fail(e, OracleError::DisputeWindowOpen);
        }
        finalize(e, &cfg, r, status);
        status
    }

    /// The admin multisig rules on a disputed status with the proven one. A right challenger gets
    /// the bond back; a wrong one loses it to the treasury.
    #[only_admin]
    pub fn resolve_status_dispute(e: &Env, flight_id: u64, status: SettlementStatus) {
        ttl::bump_instance(e);
        let cfg = config(e);
        let r = report(e, flight_id).unwrap_or_else(|| fail(e, OracleError::NotDisputed));
        let challenger = match (&r.challenger, r.phase) {
            (Some(c), ReportPhase::Disputed) => c.clone(),
            _ => fail(e, OracleError::NotDisputed),
        };
        let challenger_right = status != r.proposed;
        finalize(e, &cfg, r, status);
        let to = if challenger_right { challenger } else { cfg.treasury.clone() };
        token::Client::new(e, &cfg.stake_token).transfer(&e.current_contract_address(), &to, &cfg.dispute_bond);
    }

    /// The admin multisig discards the reports of a flight that never reached quorum, so its
    /// reporters are no longer pending and can exit; reporting on the flight starts afresh.
    /// Nobody is slashed.
    #[only_admin]
    pub fn void_flight_report(e: &Env, flight_id: u64) {
        ttl::bump_instance(e);
        let r = report(e, flight_id).unwrap_or_else(|| fail(e, OracleError::NoProposal));
        if r.phase != ReportPhase::Open {
            fail(e, OracleError::NotOpen);
        }
        for rep in r.reports.iter() {
            if let Some(mut p) = provider(e, &rep.provider) {
                p.pending -= 1;
                save_provider(e, &rep.provider, &p);
            }
        }
        e.storage().persistent().remove(&DataKey::Flight(flight_id));
        ReportVoided { flight_id, reports: r.reports.len() }.publish(e);
    }

    /// Settles one booking of a finalised flight through the escrow. Anyone may call. Fails with
    /// `NotFinal` until the flight's status is final, and with `QuotedFlight` for a booking paid
    /// with a platform quote (its `flight_id` has `QUOTED_FLIGHT_BIT`, 2^63): that is an app
    /// flight with no oracle report, settled by the Traqora server's settler account instead.
    #[when_not_paused]
    pub fn settle_booking(e: &Env, booking_id: u64) -> SettlementStatus {
        ttl::bump_instance(e);
        settle(e, booking_id).unwrap_or_else(|err| fail(e, err)).1
    }

    /// Settles up to `MAX_ORACLE_SETTLEMENT_BATCH` (5) bookings; an item that cannot be settled (not final, already
    /// settled, disputed, quoted…) reports its error code and leaves the others untouched.
    #[when_not_paused]
    pub fn settle_bookings(e: &Env, booking_ids: Vec<u64>) -> Vec<BatchItemResult> {
        ttl::bump_instance(e);
        if booking_ids.is_empty() {
            fail(e, OracleError::EmptyBatch);
        }
        if booking_ids.len() > MAX_ORACLE_SETTLEMENT_BATCH {
            fail(e, OracleError::BatchTooLarge);
        }
        let me = e.current_contract_address();
        let cfg = config(e);
        let escrow = EscrowClient::new(e, &cfg.escrow);
        let mut out = Vec::new(e);
        for id in booking_ids.iter() {
            let error = match escrow.try_get_booking(&id) {
                Ok(Ok(b)) => match settlement_status(e, b.flight_id) {
                    Err(err) => err as u32,
                    Ok(status) => {
                        let res = match status {
                            SettlementStatus::Completed => escrow.try_release_payment_to_airline(&me, &id).map(|_| ()),
                            SettlementStatus::Cancelled => escrow.try_refund_passenger(&me, &id).map(|_| ()),
                        };
                        match res {
                            Ok(_) => {
                                BookingSettled { booking_id: id, flight_id: b.flight_id, status }.publish(e);
                                0
                            }
                            Err(Ok(err)) => err.get_code(),
                            Err(Err(_)) => u32::MAX,
                        }
                    }
                },
                Ok(Err(_)) | Err(Err(_)) => u32::MAX,
                Err(Ok(err)) => err.get_code(),
            };
            out.push_back(BatchItemResult { id, error });
        }
        out
    }

    // ---- views ---------------------------------------------------------------------------

    pub fn get_provider(e: &Env, provider: Address) -> Option<Provider> {
        self::provider(e, &provider)
    }

    pub fn get_flight_report(e: &Env, flight_id: u64) -> Option<FlightReport> {
        report(e, flight_id)
    }

    pub fn get_final_status(e: &Env, flight_id: u64) -> Option<SettlementStatus> {
        report(e, flight_id).and_then(|r| r.final_status())
    }

    pub fn get_config(e: &Env) -> OracleConfig {
        config(e)
    }

    pub fn storage_version(e: &Env) -> u32 {
        upgradeable::get_schema_version(e)
    }

    // ---- admin ---------------------------------------------------------------------------

    /// Changes quorum, window, bond, slash rate and minimum stake (token/escrow/flights fixed).
    #[only_admin]
    pub fn set_params(e: &Env, quorum: u32, dispute_window: u64, dispute_bond: i128, slash_bps: u32, min_stake: i128) {
        let mut cfg = config(e);
        cfg.quorum = quorum;
        cfg.dispute_window = dispute_window;
        cfg.dispute_bond = dispute_bond;
        cfg.slash_bps = slash_bps;
        cfg.min_stake = min_stake;
        check_config(e, &cfg);
        e.storage().instance().set(&DataKey::Config, &cfg);
        ttl::bump_instance(e);
    }

    #[only_admin]
    pub fn migrate(e: &Env) {
        if upgradeable::get_schema_version(e) >= STORAGE_VERSION {
            fail(e, OracleError::AlreadyMigrated);
        }
        upgradeable::set_schema_version(e, STORAGE_VERSION);
        ttl::bump_instance(e);
    }
}

#[contractimpl(contracttrait)]
impl AccessControl for FlightOracle {}

traqora_common::admin_pausable_upgradeable!(FlightOracle);
