//! Checks each contract's native spec entries against `spec/<name>.json`, which is exported from
//! the built wasm (`wasm-tests/tests/spec_from_wasm.rs`). Every function, type, error and event
//! named here must be in the committed file, and the file must have exactly these functions, so a
//! contract change that would change the spec fails here too, on machines without the wasm
//! toolchain. The file may hold more types, errors and events than are named here: the wasm's
//! spec has everything the code uses (OZ's `RoleTransferError`, for instance).
//!
//! Nothing lists a contract's spec entries at run time on a native build, so every function,
//! type, error and event is named here. Adding a public function to a contract means adding it
//! to the list below; `EXPECTED_*` counts make a forgotten entry fail loudly in review.

use stellar_access::access_control as ac;
use stellar_contract_utils::pausable as pz;
use traqora_exports::{spec_function_names, spec_json, workspace_root};

/// The OpenZeppelin access-control, pausable and upgradeable entry points every Traqora
/// contract exposes (the admin is the admin multisig).
macro_rules! admin_surface {
    ($c:ident) => {
        [
            &$c::spec_xdr_has_role()[..],
            &$c::spec_xdr_get_existing_roles()[..],
            &$c::spec_xdr_get_role_member_count()[..],
            &$c::spec_xdr_get_role_member()[..],
            &$c::spec_xdr_get_role_admin()[..],
            &$c::spec_xdr_get_admin()[..],
            &$c::spec_xdr_grant_role()[..],
            &$c::spec_xdr_revoke_role()[..],
            &$c::spec_xdr_renounce_role()[..],
            &$c::spec_xdr_transfer_admin_role()[..],
            &$c::spec_xdr_accept_admin_transfer()[..],
            &$c::spec_xdr_set_role_admin()[..],
            &$c::spec_xdr_renounce_admin()[..],
            &$c::spec_xdr_paused()[..],
            &$c::spec_xdr_pause()[..],
            &$c::spec_xdr_unpause()[..],
            &$c::spec_xdr_upgrade()[..],
            &$c::spec_xdr_migrate()[..],
            &$c::spec_xdr_storage_version()[..],
            &ac::AccessControlError::spec_xdr()[..],
            &ac::RoleGranted::spec_xdr()[..],
            &ac::RoleRevoked::spec_xdr()[..],
            &ac::RoleAdminChanged::spec_xdr()[..],
            &ac::AdminTransferInitiated::spec_xdr()[..],
            &ac::AdminTransferCompleted::spec_xdr()[..],
            &ac::AdminRenounced::spec_xdr()[..],
            &pz::PausableError::spec_xdr()[..],
            &pz::Paused::spec_xdr()[..],
            &pz::Unpaused::spec_xdr()[..],
        ]
    };
}

fn export(name: &str, own: &[&[u8]], admin: &[&[u8]], expected_fns: usize) {
    let mut all: Vec<&[u8]> = own.to_vec();
    all.extend_from_slice(admin);
    let fns = spec_function_names(&all);
    let mut unique = fns.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), fns.len(), "{name}: a function is listed twice");
    assert_eq!(fns.len(), expected_fns, "{name}: function count changed: {fns:?}");
    check_within_committed(name, &all);
}

/// Every native entry is in the committed spec, and the committed spec has no other function.
fn check_within_committed(name: &str, native: &[&[u8]]) {
    let path = workspace_root().join(format!("spec/{name}.json"));
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let fresh = spec_json(native);
    let entries = |json: &str| -> Vec<String> {
        json.lines().map(|l| l.trim().trim_end_matches(',').trim_matches('"').to_string())
            .filter(|l| !l.is_empty() && l != "[" && l != "]").collect()
    };
    let committed = entries(&committed);
    let missing: Vec<_> = entries(&fresh).into_iter().filter(|e| !committed.contains(e)).collect();
    assert!(
        missing.is_empty(),
        "spec/{name}.json lacks {} native entries (a contract change?): rebuild the wasm and run \
         `UPDATE_EXPORTS=1 cargo test --workspace --features traqora-wasm-tests/wasm --test spec_from_wasm`",
        missing.len()
    );
    let committed_raw: Vec<Vec<u8>> = committed.iter().map(|b64| from_base64(b64)).collect();
    let refs: Vec<&[u8]> = committed_raw.iter().map(|r| &r[..]).collect();
    let mut in_file = spec_function_names(&refs);
    let mut listed = spec_function_names(native);
    in_file.sort();
    listed.sort();
    assert_eq!(in_file, listed, "spec/{name}.json has other functions than the contract");
}

fn from_base64(b64: &str) -> Vec<u8> {
    use soroban_sdk::xdr::{Limits, ReadXdr, ScSpecEntry, WriteXdr};
    ScSpecEntry::from_xdr_base64(b64, Limits::none()).unwrap().to_xdr(Limits::none()).unwrap()
}

#[test]
fn escrow_spec() {
    use traqora_common::{BatchItemResult, Booking, BookingState};
    use traqora_escrow::*;
    let own: &[&[u8]] = &[
        &Escrow::spec_xdr___constructor(),
        &Escrow::spec_xdr_pay_for_booking(),
        &Escrow::spec_xdr_pay_quoted(),
        &Escrow::spec_xdr_settle_cancellation(),
        &Escrow::spec_xdr_release_payment_to_airline(),
        &Escrow::spec_xdr_batch_release_payments(),
        &Escrow::spec_xdr_refund_passenger(),
        &Escrow::spec_xdr_request_delayed_refund(),
        &Escrow::spec_xdr_cancel_refund_request(),
        &Escrow::spec_xdr_process_delayed_refund(),
        &Escrow::spec_xdr_emergency_refund(),
        &Escrow::spec_xdr_expire(),
        &Escrow::spec_xdr_freeze_for_dispute(),
        &Escrow::spec_xdr_get_booking(),
        &Escrow::spec_xdr_get_config(),
        &Escrow::spec_xdr_total_held(),
        &Escrow::spec_xdr_quote_signer(),
        &Escrow::spec_xdr_set_fee_bps(),
        &Escrow::spec_xdr_set_treasury(),
        &Escrow::spec_xdr_set_refund_policy(),
        &Escrow::spec_xdr_set_receipts(),
        &Escrow::spec_xdr_set_quote_signer(),
        &Booking::spec_xdr(),
        &BookingState::spec_xdr(),
        &BatchItemResult::spec_xdr(),
        &EscrowConfig::spec_xdr(),
        &RefundReason::spec_xdr(),
        &QuoteItem::spec_xdr(),
        &PaymentQuote::spec_xdr(),
        &EscrowError::spec_xdr(),
        &BookingPaid::spec_xdr(),
        &PaymentReleased::spec_xdr(),
        &PassengerRefunded::spec_xdr(),
        &RefundRequested::spec_xdr(),
        &RefundRequestCancelled::spec_xdr(),
        &BookingDisputed::spec_xdr(),
        &ConfigChanged::spec_xdr(),
        &CancellationSettled::spec_xdr(),
        &QuoteSignerSet::spec_xdr(),
        &BookingSponsored::spec_xdr(),
        &SponsorRefunded::spec_xdr(),
    ];
    export("escrow", own, &admin_surface!(Escrow), 22 + 19);
}

#[test]
fn airline_spec() {
    use traqora_airline::*;
    use traqora_common::{BatchItemResult, Flight, FlightStatus};
    let own: &[&[u8]] = &[
        &AirlineRegistry::spec_xdr___constructor(),
        &AirlineRegistry::spec_xdr_batch_create_flights(),
        &AirlineRegistry::spec_xdr_batch_update_flight_status(),
        &AirlineRegistry::spec_xdr_update_flight_price(),
        &AirlineRegistry::spec_xdr_get_flight(),
        &AirlineRegistry::spec_xdr_get_current_price(),
        &AirlineRegistry::spec_xdr_get_price_history(),
        &AirlineRegistry::spec_xdr_price_cooldown(),
        &AirlineRegistry::spec_xdr_set_price_cooldown(),
        &Flight::spec_xdr(),
        &FlightStatus::spec_xdr(),
        &BatchItemResult::spec_xdr(),
        &NewFlight::spec_xdr(),
        &StatusUpdate::spec_xdr(),
        &PricePoint::spec_xdr(),
        &AirlineError::spec_xdr(),
        &FlightCreated::spec_xdr(),
        &FlightStatusUpdated::spec_xdr(),
        &FlightPriceUpdated::spec_xdr(),
        &PriceCooldownSet::spec_xdr(),
    ];
    export("airline", own, &admin_surface!(AirlineRegistry), 9 + 19);
}

#[test]
fn receipts_spec() {
    use stellar_tokens::non_fungible::NonFungibleTokenError;
    use traqora_common::ReceiptStatus;
    use traqora_receipts::*;
    type R = BookingReceipts;
    let own: &[&[u8]] = &[
        &R::spec_xdr___constructor(),
        &R::spec_xdr_mint_receipt(),
        &R::spec_xdr_mint_receipts(),
        &R::spec_xdr_set_receipt_status(),
        &R::spec_xdr_set_receipt_statuses(),
        &R::spec_xdr_get_receipt(),
        &R::spec_xdr_receipt_of_booking(),
        &R::spec_xdr_get_passenger_receipts(),
        &R::spec_xdr_verify_receipt(),
        &R::spec_xdr_get_minter(),
        &R::spec_xdr_set_minter(),
        // OpenZeppelin NonFungibleToken (transfers/approvals refused)
        &R::spec_xdr_balance(),
        &R::spec_xdr_owner_of(),
        &R::spec_xdr_transfer(),
        &R::spec_xdr_transfer_from(),
        &R::spec_xdr_approve(),
        &R::spec_xdr_approve_for_all(),
        &R::spec_xdr_get_approved(),
        &R::spec_xdr_is_approved_for_all(),
        &R::spec_xdr_name(),
        &R::spec_xdr_symbol(),
        &R::spec_xdr_token_uri(),
        &R::spec_xdr_total_receipts(),
        &Receipt::spec_xdr(),
        &ReceiptStatus::spec_xdr(),
        &traqora_common::ReceiptRequest::spec_xdr(),
        &traqora_common::ReceiptStatusUpdate::spec_xdr(),
        &ReceiptError::spec_xdr(),
        &NonFungibleTokenError::spec_xdr(),
        &stellar_tokens::non_fungible::Mint::spec_xdr(),
        &ReceiptMinted::spec_xdr(),
        &ReceiptStatusChanged::spec_xdr(),
        &MinterSet::spec_xdr(),
    ];
    export("receipts", own, &admin_surface!(BookingReceipts), 23 + 19);
}

#[test]
fn multisig_spec() {
    use traqora_multisig::*;
    type M = AdminMultisig;
    let own: &[&[u8]] = &[
        &M::spec_xdr___constructor(),
        &M::spec_xdr_propose_admin_action(),
        &M::spec_xdr_approve_admin_action(),
        &M::spec_xdr_execute_admin_action(),
        &M::spec_xdr_add_signer(),
        &M::spec_xdr_remove_signer(),
        &M::spec_xdr_get_proposal(),
        &M::spec_xdr_is_executable(),
        &M::spec_xdr_get_config(),
        &M::spec_xdr_storage_version(),
        &M::spec_xdr_migrate(),
        &InvokeCall::spec_xdr(),
        &AdminAction::spec_xdr(),
        &Proposal::spec_xdr(),
        &MultisigConfig::spec_xdr(),
        &MultisigError::spec_xdr(),
        &ActionProposed::spec_xdr(),
        &ActionApproved::spec_xdr(),
        &ActionExecuted::spec_xdr(),
        &SignersChanged::spec_xdr(),
    ];
    export("multisig", own, &[], 11);
}

#[test]
fn oracle_spec() {
    use traqora_common::BatchItemResult;
    use traqora_oracle::*;
    type O = FlightOracle;
    let own: &[&[u8]] = &[
        &O::spec_xdr___constructor(),
        &O::spec_xdr_register_provider(),
        &O::spec_xdr_exit_provider(),
        &O::spec_xdr_submit_flight_status(),
        &O::spec_xdr_dispute_flight_status(),
        &O::spec_xdr_finalize_flight_status(),
        &O::spec_xdr_resolve_status_dispute(),
        &O::spec_xdr_void_flight_report(),
        &O::spec_xdr_settle_booking(),
        &O::spec_xdr_settle_bookings(),
        &O::spec_xdr_get_provider(),
        &O::spec_xdr_get_flight_report(),
        &O::spec_xdr_get_final_status(),
        &O::spec_xdr_get_config(),
        &O::spec_xdr_set_params(),
        &SettlementStatus::spec_xdr(),
        &ReportPhase::spec_xdr(),
        &OracleConfig::spec_xdr(),
        &Provider::spec_xdr(),
        &Report::spec_xdr(),
        &FlightReport::spec_xdr(),
        &BatchItemResult::spec_xdr(),
        &OracleError::spec_xdr(),
        &ProviderRegistered::spec_xdr(),
        &ProviderExited::spec_xdr(),
        &StatusSubmitted::spec_xdr(),
        &StatusProposed::spec_xdr(),
        &StatusDisputed::spec_xdr(),
        &StatusFinalized::spec_xdr(),
        &ProviderSlashed::spec_xdr(),
        &BookingSettled::spec_xdr(),
        &ReportVoided::spec_xdr(),
    ];
    export("oracle", own, &admin_surface!(FlightOracle), 15 + 19);
}

/// The OpenZeppelin access-control entry points plus upgrade/migrate/storage_version, for the
/// contracts without a pause switch.
macro_rules! admin_no_pause {
    ($c:ident) => {
        [
            &$c::spec_xdr_has_role()[..],
            &$c::spec_xdr_get_existing_roles()[..],
            &$c::spec_xdr_get_role_member_count()[..],
            &$c::spec_xdr_get_role_member()[..],
            &$c::spec_xdr_get_role_admin()[..],
            &$c::spec_xdr_get_admin()[..],
            &$c::spec_xdr_grant_role()[..],
            &$c::spec_xdr_revoke_role()[..],
            &$c::spec_xdr_renounce_role()[..],
            &$c::spec_xdr_transfer_admin_role()[..],
            &$c::spec_xdr_accept_admin_transfer()[..],
            &$c::spec_xdr_set_role_admin()[..],
            &$c::spec_xdr_renounce_admin()[..],
            &$c::spec_xdr_upgrade()[..],
            &$c::spec_xdr_migrate()[..],
            &$c::spec_xdr_storage_version()[..],
            &ac::AccessControlError::spec_xdr()[..],
            &ac::RoleGranted::spec_xdr()[..],
            &ac::RoleRevoked::spec_xdr()[..],
            &ac::RoleAdminChanged::spec_xdr()[..],
            &ac::AdminTransferInitiated::spec_xdr()[..],
            &ac::AdminTransferCompleted::spec_xdr()[..],
            &ac::AdminRenounced::spec_xdr()[..],
        ]
    };
}

#[test]
fn trq_spec() {
    use stellar_governance::votes as v;
    use stellar_tokens::fungible as ft;
    use traqora_trq::*;
    type X = TrqToken;
    let own: &[&[u8]] = &[
        &X::spec_xdr___constructor(),
        &X::spec_xdr_mint(),
        &X::spec_xdr_cap(),
        // OpenZeppelin FungibleToken (SEP-41) with votes
        &X::spec_xdr_total_supply(),
        &X::spec_xdr_balance(),
        &X::spec_xdr_allowance(),
        &X::spec_xdr_transfer(),
        &X::spec_xdr_transfer_from(),
        &X::spec_xdr_approve(),
        &X::spec_xdr_decimals(),
        &X::spec_xdr_name(),
        &X::spec_xdr_symbol(),
        // OpenZeppelin Votes
        &X::spec_xdr_get_votes(),
        &X::spec_xdr_get_votes_at_checkpoint(),
        &X::spec_xdr_get_total_supply(),
        &X::spec_xdr_get_total_supply_at_checkpoint(),
        &X::spec_xdr_get_delegate(),
        &X::spec_xdr_delegate(),
        &TrqError::spec_xdr(),
        &ft::FungibleTokenError::spec_xdr(),
        &ft::Transfer::spec_xdr(),
        &ft::MuxedTransfer::spec_xdr(),
        &ft::Approve::spec_xdr(),
        &ft::Mint::spec_xdr(),
        &v::VotesError::spec_xdr(),
        &v::DelegateChanged::spec_xdr(),
        &v::DelegateVotesChanged::spec_xdr(),
    ];
    export("trq", own, &admin_no_pause!(TrqToken), 18 + 16);
}

#[test]
fn governor_spec() {
    use stellar_governance::governor as g;
    use stellar_governance::timelock as tl;
    use traqora_governor::*;
    type G = TraqoraGovernor;
    let own: &[&[u8]] = &[
        &G::spec_xdr___constructor(),
        &G::spec_xdr_timelock_delay(),
        &G::spec_xdr_proposal_eta(),
        // OpenZeppelin Governor
        &G::spec_xdr_name(),
        &G::spec_xdr_version(),
        &G::spec_xdr_voting_delay(),
        &G::spec_xdr_voting_period(),
        &G::spec_xdr_proposal_threshold(),
        &G::spec_xdr_get_token_contract(),
        &G::spec_xdr_counting_mode(),
        &G::spec_xdr_has_voted(),
        &G::spec_xdr_quorum(),
        &G::spec_xdr_proposal_state(),
        &G::spec_xdr_proposal_snapshot(),
        &G::spec_xdr_proposal_deadline(),
        &G::spec_xdr_proposal_proposer(),
        &G::spec_xdr_get_proposal_id(),
        &G::spec_xdr_propose(),
        &G::spec_xdr_cast_vote(),
        &G::spec_xdr_queue(),
        &G::spec_xdr_execute(),
        &G::spec_xdr_cancel(),
        &G::spec_xdr_proposals_need_queuing(),
        &GovernanceError::spec_xdr(),
        &g::ProposalState::spec_xdr(),
        &g::GovernorError::spec_xdr(),
        &g::ProposalCreated::spec_xdr(),
        &g::VoteCast::spec_xdr(),
        &g::ProposalQueued::spec_xdr(),
        &g::ProposalExecuted::spec_xdr(),
        &g::ProposalCancelled::spec_xdr(),
        &tl::TimelockError::spec_xdr(),
        &tl::OperationScheduled::spec_xdr(),
        &tl::OperationExecuted::spec_xdr(),
        &tl::OperationCancelled::spec_xdr(),
    ];
    export("governor", own, &admin_no_pause!(TraqoraGovernor), 23 + 16);
}

#[test]
fn disputes_spec() {
    use traqora_disputes::*;
    type D = Disputes;
    let own: &[&[u8]] = &[
        &D::spec_xdr___constructor(),
        &D::spec_xdr_file_dispute(),
        &D::spec_xdr_submit_evidence(),
        &D::spec_xdr_commit_vote(),
        &D::spec_xdr_reveal_vote(),
        &D::spec_xdr_tally_votes(),
        &D::spec_xdr_appeal(),
        &D::spec_xdr_execute_verdict(),
        &D::spec_xdr_claim_reward(),
        &D::spec_xdr_get_dispute(),
        &D::spec_xdr_dispute_of_booking(),
        &D::spec_xdr_get_evidence(),
        &D::spec_xdr_get_juror_vote(),
        &D::spec_xdr_get_round_result(),
        &D::spec_xdr_compute_commitment(),
        &D::spec_xdr_get_config(),
        &D::spec_xdr_set_params(),
        &DisputeConfig::spec_xdr(),
        &DisputeStatus::spec_xdr(),
        &Dispute::spec_xdr(),
        &Evidence::spec_xdr(),
        &JurorVote::spec_xdr(),
        &RoundResult::spec_xdr(),
        &DisputeError::spec_xdr(),
        &DisputeFiled::spec_xdr(),
        &EvidenceSubmitted::spec_xdr(),
        &VoteCommitted::spec_xdr(),
        &VoteRevealed::spec_xdr(),
        &RoundDecided::spec_xdr(),
        &DisputeAppealed::spec_xdr(),
        &VerdictExecuted::spec_xdr(),
        &RewardClaimed::spec_xdr(),
    ];
    export("disputes", own, &admin_surface!(Disputes), 17 + 19);
}

#[test]
fn loyalty_spec() {
    use stellar_tokens::fungible as ft;
    use traqora_common::BatchItemResult;
    use traqora_loyalty::*;
    type L = Loyalty;
    let own: &[&[u8]] = &[
        &L::spec_xdr___constructor(),
        &L::spec_xdr_sync_member(),
        &L::spec_xdr_batch_sync_members(),
        &L::spec_xdr_get_member(),
        &L::spec_xdr_tier_of(),
        // OpenZeppelin FungibleToken (points; transfers/approvals refused)
        &L::spec_xdr_total_supply(),
        &L::spec_xdr_balance(),
        &L::spec_xdr_allowance(),
        &L::spec_xdr_transfer(),
        &L::spec_xdr_transfer_from(),
        &L::spec_xdr_approve(),
        &L::spec_xdr_decimals(),
        &L::spec_xdr_name(),
        &L::spec_xdr_symbol(),
        &Tier::spec_xdr(),
        &MemberSync::spec_xdr(),
        &MemberRecord::spec_xdr(),
        &BatchItemResult::spec_xdr(),
        &LoyaltyError::spec_xdr(),
        &MemberSynced::spec_xdr(),
        &ft::Mint::spec_xdr(),
        &ft::burnable::Burn::spec_xdr(),
    ];
    export("loyalty", own, &admin_surface!(Loyalty), 14 + 19);
}
