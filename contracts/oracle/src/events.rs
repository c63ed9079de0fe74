//! The oracle's events: `["oracle", <action>, ...≤2 indexed topics]`.

use soroban_sdk::{contractevent, Address};

use crate::types::SettlementStatus;

#[contractevent(topics = ["oracle", "provider_registered"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct ProviderRegistered {
    #[topic]
    pub provider: Address,
    pub stake: i128,
}

#[contractevent(topics = ["oracle", "provider_exited"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct ProviderExited {
    #[topic]
    pub provider: Address,
    pub returned: i128,
}

#[contractevent(topics = ["oracle", "status_submitted"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct StatusSubmitted {
    #[topic]
    pub flight_id: u64,
    #[topic]
    pub provider: Address,
    pub status: SettlementStatus,
}

#[contractevent(topics = ["oracle", "status_proposed"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct StatusProposed {
    #[topic]
    pub flight_id: u64,
    pub status: SettlementStatus,
    pub dispute_until: u64,
}

#[contractevent(topics = ["oracle", "status_disputed"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct StatusDisputed {
    #[topic]
    pub flight_id: u64,
    #[topic]
    pub challenger: Address,
    pub bond: i128,
}

#[contractevent(topics = ["oracle", "status_final"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct StatusFinalized {
    #[topic]
    pub flight_id: u64,
    pub status: SettlementStatus,
    pub disputed: bool,
}

#[contractevent(topics = ["oracle", "provider_slashed"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct ProviderSlashed {
    #[topic]
    pub provider: Address,
    #[topic]
    pub flight_id: u64,
    pub amount: i128,
    pub remaining_stake: i128,
}

#[contractevent(topics = ["oracle", "report_voided"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct ReportVoided {
    #[topic]
    pub flight_id: u64,
    pub reports: u32,
}

#[contractevent(topics = ["oracle", "booking_settled"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct BookingSettled {
    #[topic]
    pub booking_id: u64,
    #[topic]
    pub flight_id: u64,
    pub status: SettlementStatus,
}
