//! The disputes contract's events: `["disputes", <action>, ...≤2 indexed topics]`.

use soroban_sdk::{contractevent, Address, BytesN};

#[contractevent(topics = ["disputes", "filed"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct DisputeFiled {
    #[topic]
    pub dispute_id: u64,
    #[topic]
    pub booking_id: u64,
    pub filer: Address,
    pub claim: u32,
    pub stake: i128,
    pub commit_end: u64,
    pub reveal_end: u64,
}

#[contractevent(topics = ["disputes", "evidence"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct EvidenceSubmitted {
    #[topic]
    pub dispute_id: u64,
    #[topic]
    pub party: Address,
    pub hash: BytesN<32>,
}

#[contractevent(topics = ["disputes", "committed"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct VoteCommitted {
    #[topic]
    pub dispute_id: u64,
    #[topic]
    pub juror: Address,
    pub round: u32,
}

#[contractevent(topics = ["disputes", "revealed"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct VoteRevealed {
    #[topic]
    pub dispute_id: u64,
    #[topic]
    pub juror: Address,
    pub round: u32,
    pub vote: u32,
    pub weight: u128,
}

#[contractevent(topics = ["disputes", "decided"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct RoundDecided {
    #[topic]
    pub dispute_id: u64,
    pub round: u32,
    pub verdict: u32,
    pub refund_weight: u128,
    pub release_weight: u128,
    pub pot: i128,
}

#[contractevent(topics = ["disputes", "appealed"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct DisputeAppealed {
    #[topic]
    pub dispute_id: u64,
    #[topic]
    pub appellant: Address,
    pub round: u32,
    pub stake: i128,
}

#[contractevent(topics = ["disputes", "executed"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct VerdictExecuted {
    #[topic]
    pub dispute_id: u64,
    #[topic]
    pub booking_id: u64,
    pub verdict: u32,
    /// False when the booking had already left the disputed state (the multisig's emergency
    /// refund), so the escrow was not touched; the dispute closes either way.
    pub applied: bool,
}

#[contractevent(topics = ["disputes", "reward_claimed"])]
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct RewardClaimed {
    #[topic]
    pub dispute_id: u64,
    #[topic]
    pub juror: Address,
    pub round: u32,
    pub amount: i128,
}
