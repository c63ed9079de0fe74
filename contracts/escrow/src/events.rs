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

/// Part of a quoted booking's `amount` paid by the quote's sponsor (published after the booking's
/// `BookingPaid`, whose `amount` stays the booking's whole amount).
#[contractevent(topics = ["escrow", "sponsored"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct BookingSponsored {
    #[topic]
    pub booking_id: u64,
    #[topic]
    pub sponsor: Address,
    pub amount: i128,
}

/// The sponsor's share of a refund, paid back to the sponsor (published before the refund's
/// `refunded` or `cancelled` event, whose amount is the whole refund: the passenger received that
/// amount less this one).
#[contractevent(topics = ["escrow", "sponsor_refunded"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct SponsorRefunded {
    #[topic]
    pub booking_id: u64,
    #[topic]
    pub sponsor: Address,
    pub amount: i128,
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

/// A full refund: `amount` is the booking's whole amount, returned to whoever paid it. For a
/// sponsored booking a `SponsorRefunded` precedes it, and the passenger received `amount` less
/// the sponsor's share.
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
/// For a sponsored booking `refund` is shared: a `SponsorRefunded` precedes this event with the
/// sponsor's part, and the passenger received `refund` less it.
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
