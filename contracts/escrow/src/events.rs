//! The escrow's events: `["escrow", <action>, ...≤2 indexed topics]`.

use soroban_sdk::{contractevent, Address, BytesN, Symbol};

use crate::types::{EscrowConfig, RefundReason};

#[contractevent(topics = ["escrow", "paid"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct BookingPaid {
    #[topic]
    pub booking_id: u64,
    #[topic]
    pub passenger: Address,
    pub flight_id: u64,
    pub amount: i128,
    pub deadline: u64,
    pub receipt_id: Option<u32>,
}

#[contractevent(topics = ["escrow", "released"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct PaymentReleased {
    #[topic]
    pub booking_id: u64,
    #[topic]
    pub airline: Address,
    pub to_airline: i128,
    pub fee: i128,
}

#[contractevent(topics = ["escrow", "refunded"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct PassengerRefunded {
    #[topic]
    pub booking_id: u64,
    #[topic]
    pub passenger: Address,
    pub amount: i128,
    pub reason: RefundReason,
}

/// A cancellation settled on the fare's conditions: `refund` back to the passenger, the rest to
/// the airline (`to_airline`) and the treasury (`fee`); `refund + to_airline + fee` is the amount.
#[contractevent(topics = ["escrow", "cancelled"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct CancellationSettled {
    #[topic]
    pub booking_id: u64,
    #[topic]
    pub passenger: Address,
    pub refund: i128,
    pub to_airline: i128,
    pub fee: i128,
}

#[contractevent(topics = ["escrow", "refund_requested"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct RefundRequested {
    #[topic]
    pub booking_id: u64,
    pub amount: i128,
    pub unlock_at: u64,
}

#[contractevent(topics = ["escrow", "refund_cancelled"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct RefundRequestCancelled {
    #[topic]
    pub booking_id: u64,
    pub by: Address,
}

#[contractevent(topics = ["escrow", "disputed"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct BookingDisputed {
    #[topic]
    pub booking_id: u64,
    pub by: Address,
}

#[contractevent(topics = ["escrow", "config_changed"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct ConfigChanged {
    #[topic]
    pub field: Symbol,
    pub config: EscrowConfig,
}

#[contractevent(topics = ["escrow", "quote_key"], data_format = "single-value")]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct QuoteSignerSet {
    pub key: BytesN<32>,
}
