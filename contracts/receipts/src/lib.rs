//! Soulbound booking receipts: one OpenZeppelin non-fungible token per paid booking, minted to
//! the passenger by the escrow when the booking is paid.
//!
//! The per-passenger list is one small index entry per receipt rather than OZ's enumerable
//! extension (four entries per token). The passenger pays the rent of every entry created at
//! payment, so this keeps the booking cheaper; the cost report shows the difference.
//!
//! * Soulbound: `transfer`, `transfer_from`, `approve` and `approve_for_all` always fail with
//!   `NonTransferable`, so a receipt stays with the passenger who paid.
//! * Only the minter (the escrow) mints and moves a receipt's status: `Active` on payment, then
//!   `Flown` when the airline is paid or `Voided` when the money went back.
//! * Perks: `verify_receipt` tells a partner whether a passenger holds a receipt that is not void.
//!
//! Invariants: at most one receipt per booking id; a receipt's owner never changes; status only
//! moves forward from `Active`.
#![no_std]

use soroban_sdk::{
    contract, contracterror, contractevent, contractimpl, contracttype, panic_with_error, Address,
    Env, String, Symbol, Vec,
};
use stellar_access::access_control::{self as access, AccessControl};
use stellar_contract_utils::upgradeable;
use stellar_macros::{only_admin, when_not_paused};
use stellar_tokens::non_fungible::{sequential, Base, NonFungibleToken};
use traqora_common::{ttl, ReceiptRequest, ReceiptStatus, ReceiptStatusUpdate, MAX_BATCH};

pub const STORAGE_VERSION: u32 = 1;

#[contracterror]
#[derive(Copy, Clone, Debug, Eq, PartialEq, PartialOrd, Ord)]
#[repr(u32)]
pub enum ReceiptError {
    NonTransferable = 1,
    ReceiptNotFound = 2,
    DuplicateReceipt = 3,
    InvalidStatusChange = 4,
    AlreadyMigrated = 5,
    BatchTooLarge = 6,
}

/// What the receipt proves. Booking money and state stay in the escrow; this is the record.
#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct Receipt {
    pub token_id: u32,
    pub passenger: Address,
    pub booking_id: u64,
    pub flight_id: u64,
    pub flight_number: String,
    pub seat: String,
    /// Scheduled departure, unix seconds.
    pub departure: u64,
    pub minted_at: u64,
    pub status: ReceiptStatus,
}

#[contracttype]
#[derive(Clone, Debug, Eq, PartialEq)]
pub enum DataKey {
    Minter,
    Receipt(u32),
    BookingReceipt(u64),
    /// The passenger's n-th receipt (n = their NFT balance before the mint; receipts never move).
    PassengerReceipt(Address, u32),
}

#[contractevent(topics = ["receipts", "minted"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct ReceiptMinted {
    #[topic]
    pub token_id: u32,
    #[topic]
    pub passenger: Address,
    pub booking_id: u64,
    pub flight_id: u64,
}

#[contractevent(topics = ["receipts", "status_changed"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct ReceiptStatusChanged {
    #[topic]
    pub token_id: u32,
    pub status: ReceiptStatus,
}

#[contractevent(topics = ["receipts", "minter_set"], data_format = "single-value")]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct MinterSet {
    pub minter: Address,
}

#[contract]
pub struct BookingReceipts;

fn fail(e: &Env, err: ReceiptError) -> ! {
    panic_with_error!(e, err)
}

fn minter(e: &Env) -> Address {
    e.storage().instance().get(&DataKey::Minter).expect("constructed")
}

fn load(e: &Env, token_id: u32) -> Receipt {
    let key = DataKey::Receipt(token_id);
    let r = e.storage().persistent().get(&key).unwrap_or_else(|| fail(e, ReceiptError::ReceiptNotFound));
    ttl::bump_persistent(e, &key);
    r
}

/// Mints one receipt; the caller has checked the minter's authorisation.
fn mint(e: &Env, r: ReceiptRequest) -> u32 {
    let ReceiptRequest { passenger, booking_id, flight_id, flight_number, seat, departure } = r;
    let booking_key = DataKey::BookingReceipt(booking_id);
    if e.storage().persistent().has(&booking_key) {
        fail(e, ReceiptError::DuplicateReceipt);
    }
    let index = Base::balance(e, &passenger);
    let token_id = Base::sequential_mint(e, &passenger);
    let index_key = DataKey::PassengerReceipt(passenger.clone(), index);
    e.storage().persistent().set(&index_key, &token_id);
    ttl::bump_persistent(e, &index_key);
    let receipt = Receipt {
        token_id,
        passenger: passenger.clone(),
        booking_id,
        flight_id,
        flight_number,
        seat,
        departure,
        minted_at: e.ledger().timestamp(),
        status: ReceiptStatus::Active,
    };
    let key = DataKey::Receipt(token_id);
    e.storage().persistent().set(&key, &receipt);
    ttl::bump_persistent(e, &key);
    e.storage().persistent().set(&booking_key, &token_id);
    ttl::bump_persistent(e, &booking_key);
    ReceiptMinted { token_id, passenger, booking_id, flight_id }.publish(e);
    token_id
}

/// `Active` → `Flown` or `Voided`; any other move fails. The caller has checked the minter.
fn change_status(e: &Env, token_id: u32, status: ReceiptStatus) {
    let mut r = load(e, token_id);
    if r.status != ReceiptStatus::Active || status == ReceiptStatus::Active {
        fail(e, ReceiptError::InvalidStatusChange);
    }
    r.status = status;
    e.storage().persistent().set(&DataKey::Receipt(token_id), &r);
    ReceiptStatusChanged { token_id, status }.publish(e);
}

#[contractimpl]
impl BookingReceipts {
    /// `admin` is the admin multisig; `minter` is the escrow.
    pub fn __constructor(e: &Env, admin: Address, minter: Address, base_uri: String) {
        access::set_admin(e, &admin);
        e.storage().instance().set(&DataKey::Minter, &minter);
        Base::set_metadata(
            e,
            base_uri,
            String::from_str(e, "Traqora Booking Receipt"),
            String::from_str(e, "TRQR"),
        );
        upgradeable::set_schema_version(e, STORAGE_VERSION);
        ttl::bump_instance(e);
    }

    /// Mints the receipt of `booking_id` to `passenger`. Minter (escrow) only; one per booking.
    #[when_not_paused]
    pub fn mint_receipt(
        e: &Env,
        passenger: Address,
        booking_id: u64,
        flight_id: u64,
        flight_number: String,
        seat: String,
        departure: u64,
    ) -> u32 {
        minter(e).require_auth();
        ttl::bump_instance(e);
        mint(e, ReceiptRequest { passenger, booking_id, flight_id, flight_number, seat, departure })
    }

    /// Mints up to `MAX_BATCH` receipts in one call and answers their token ids in order. Minter
    /// (escrow) only. Why a batch: the escrow pays a multi-segment quote in one transaction, and
    /// each cross-contract call instantiates this contract's VM again; on wasm that was most of
    /// `pay_quoted`'s cost (see the cost report). All or nothing: a duplicate fails the batch.
    #[when_not_paused]
    pub fn mint_receipts(e: &Env, requests: Vec<ReceiptRequest>) -> Vec<u32> {
        minter(e).require_auth();
        ttl::bump_instance(e);
        if requests.len() > MAX_BATCH {
            fail(e, ReceiptError::BatchTooLarge);
        }
        let mut ids = Vec::new(e);
        for r in requests.iter() {
            ids.push_back(mint(e, r));
        }
        ids
    }

    /// Minter (escrow) only: `Active` → `Flown` (airline paid) or `Voided` (refunded/expired).
    pub fn set_receipt_status(e: &Env, token_id: u32, status: ReceiptStatus) {
        minter(e).require_auth();
        ttl::bump_instance(e);
        change_status(e, token_id, status);
    }

    /// Up to `MAX_BATCH` status changes in one call (the escrow's batch release), with the rules
    /// of `set_receipt_status`; all or nothing. Minter (escrow) only.
    pub fn set_receipt_statuses(e: &Env, updates: Vec<ReceiptStatusUpdate>) {
        minter(e).require_auth();
        ttl::bump_instance(e);
        if updates.len() > MAX_BATCH {
            fail(e, ReceiptError::BatchTooLarge);
        }
        for u in updates.iter() {
            change_status(e, u.token_id, u.status);
        }
    }

    pub fn get_receipt(e: &Env, token_id: u32) -> Receipt {
        load(e, token_id)
    }

    pub fn receipt_of_booking(e: &Env, booking_id: u64) -> Option<u32> {
        e.storage().persistent().get(&DataKey::BookingReceipt(booking_id))
    }

    /// The passenger's receipts, oldest first, `start .. start + limit` (limit is capped at
    /// `MAX_BATCH` to bound the reads).
    pub fn get_passenger_receipts(e: &Env, passenger: Address, start: u32, limit: u32) -> Vec<Receipt> {
        let count = Base::balance(e, &passenger);
        let end = count.min(start.saturating_add(limit.min(MAX_BATCH)));
        let mut out = Vec::new(e);
        let mut i = start;
        while i < end {
            let key = DataKey::PassengerReceipt(passenger.clone(), i);
            if let Some(id) = e.storage().persistent().get::<_, u32>(&key) {
                out.push_back(load(e, id));
            }
            i += 1;
        }
        out
    }

    /// Perk check for partners: `passenger` holds receipt `token_id` and it is not void
    /// (an upcoming `Active` trip or a `Flown` one).
    pub fn verify_receipt(e: &Env, passenger: Address, token_id: u32) -> bool {
        match e.storage().persistent().get::<_, Receipt>(&DataKey::Receipt(token_id)) {
            Some(r) => r.passenger == passenger && r.status != ReceiptStatus::Voided,
            None => false,
        }
    }

    /// Number of receipts ever minted (token ids are `0 .. total_receipts`).
    pub fn total_receipts(e: &Env) -> u32 {
        sequential::next_token_id(e)
    }

    pub fn get_minter(e: &Env) -> Address {
        minter(e)
    }

    #[only_admin]
    pub fn set_minter(e: &Env, minter: Address) {
        e.storage().instance().set(&DataKey::Minter, &minter);
        ttl::bump_instance(e);
        MinterSet { minter }.publish(e);
    }

    pub fn storage_version(e: &Env) -> u32 {
        upgradeable::get_schema_version(e)
    }

    #[only_admin]
    pub fn migrate(e: &Env) {
        if upgradeable::get_schema_version(e) >= STORAGE_VERSION {
            fail(e, ReceiptError::AlreadyMigrated);
        }
        upgradeable::set_schema_version(e, STORAGE_VERSION);
        ttl::bump_instance(e);
    }
}

/// OpenZeppelin NFT with the transfer surface refused: receipts are soulbound.
#[contractimpl(contracttrait)]
impl NonFungibleToken for BookingReceipts {
    type ContractType = Base;

    fn transfer(e: &Env, _from: Address, _to: Address, _token_id: u32) {
        fail(e, ReceiptError::NonTransferable)
    }

    fn transfer_from(e: &Env, _spender: Address, _from: Address, _to: Address, _token_id: u32) {
        fail(e, ReceiptError::NonTransferable)
    }

    fn approve(
        e: &Env,
        _approver: Address,
        _approved: Address,
        _token_id: u32,
        _live_until_ledger: u32,
    ) {
        fail(e, ReceiptError::NonTransferable)
    }

    fn approve_for_all(e: &Env, _owner: Address, _operator: Address, _live_until_ledger: u32) {
        fail(e, ReceiptError::NonTransferable)
    }
}

#[contractimpl(contracttrait)]
impl AccessControl for BookingReceipts {}

traqora_common::admin_pausable_upgradeable!(BookingReceipts);

#[cfg(test)]
mod test;
