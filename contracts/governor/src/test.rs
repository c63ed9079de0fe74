#![cfg(test)]
extern crate std;

use super::*;
use soroban_sdk::testutils::{Address as _, EnvTestConfig, Events as _, Ledger as _};
use soroban_sdk::{contract, contractimpl, symbol_short, vec, Env};

use traqora_trq::{TrqToken, TrqTokenClient};

/// A contract governed by the governor (its admin).
#[contract]
pub struct Governed;

#[contractimpl]
impl Governed {
    pub fn __constructor(e: &Env, admin: Address) {
        e.storage().instance().set(&symbol_short!("admin"), &admin);
    }
    pub fn set_rate(e: &Env, rate: u32) {
        let admin: Address = e.storage().instance().get(&symbol_short!("admin")).unwrap();
        admin.require_auth();
        e.storage().instance().set(&symbol_short!("rate"), &rate);
    }
    pub fn rate(e: &Env) -> u32 {
        e.storage().instance().get(&symbol_short!("rate")).unwrap_or(0)
    }
}

const DELAY: u32 = 10;
const PERIOD: u32 = 100;
const THRESHOLD: u128 = 1_000;
const QUORUM: u128 = 5_000;
const TIMELOCK: u32 = 50;

struct T {
    env: Env,
    admin: Address,
    holders: std::vec::Vec<Address>,
    trq: TrqTokenClient<'static>,
    gov: TraqoraGovernorClient<'static>,
    governed: GovernedClient<'static>,
}

fn setup() -> T {
    let env = Env::new_with_config(EnvTestConfig { capture_snapshot_at_drop: false });
    env.mock_all_auths();
    env.ledger().set_sequence_number(1_000);
    let admin = Address::generate(&env);
    let treasury = Address::generate(&env);
    let trq_id = env.register(TrqToken, (&admin, &treasury, 100_000i128, 1_000_000i128));
    let trq = TrqTokenClient::new(&env, &trq_id);
    let gov_id = env.register(TraqoraGovernor, (&admin, &trq_id, DELAY, PERIOD, THRESHOLD, QUORUM, TIMELOCK));
    let gov = TraqoraGovernorClient::new(&env, &gov_id);
    let governed = GovernedClient::new(&env, &env.register(Governed, (&gov_id,)));
    // holders: 4_000, 3_000, 2_000, 500 — all self-delegated
    let holders: std::vec::Vec<Address> = (0..4).map(|_| Address::generate(&env)).collect();
    for (h, amt) in holders.iter().zip([4_000i128, 3_000, 2_000, 500]) {
        trq.transfer(&treasury, h, &amt);
        trq.delegate(h, h);
    }
    env.ledger().set_sequence_number(1_001);
    T { env, admin, holders, trq, gov, governed }
}

struct P {
    targets: Vec<Address>,
    functions: Vec<Symbol>,
    args: Vec<Vec<Val>>,
    description: String,
}

impl T {
    fn proposal(&self, rate: u32) -> P {
        P {
            targets: vec![&self.env, self.governed.address.clone()],
            functions: vec![&self.env, Symbol::new(&self.env, "set_rate")],
            args: vec![&self.env, vec![&self.env, rate.into_val(&self.env)]],
            description: String::from_str(&self.env, "Set the loyalty rate"),
        }
    }
    /// OZ's description hash: keccak256 of the description's bytes.
    fn desc_hash(&self, p: &P) -> BytesN<32> {
        self.env.crypto().keccak256(&p.description.to_bytes()).to_bytes()
    }
    fn propose(&self, p: &P, who: usize) -> BytesN<32> {
        self.gov.propose(&p.targets, &p.functions, &p.args, &p.description, &self.holders[who])
    }
    fn go(&self, ledgers: u32) {
        let s = self.env.ledger().sequence();
        self.env.ledger().set_sequence_number(s + ledgers);
    }
    fn queue(&self, p: &P) -> BytesN<32> {
        self.gov.queue(&p.targets, &p.functions, &p.args, &self.desc_hash(p), &0, &self.holders[0])
    }
    fn try_execute(&self, p: &P) -> bool {
        self.gov.try_execute(&p.targets, &p.functions, &p.args, &self.desc_hash(p), &self.holders[3]).is_ok()
    }
}

#[test]
fn settings_come_from_the_constructor() {
    let t = setup();
    assert_eq!(t.gov.voting_delay(), DELAY);
    assert_eq!(t.gov.voting_period(), PERIOD);
    assert_eq!(t.gov.proposal_threshold(), THRESHOLD);
    assert_eq!(t.gov.quorum(&1_000), QUORUM);
    assert_eq!(t.gov.timelock_delay(), TIMELOCK);
    assert_eq!(t.gov.get_token_contract(), t.trq.address);
    assert_eq!(t.gov.name(), String::from_str(&t.env, "Traqora Governor"));
}

#[test]
fn full_lifecycle_with_timelock() {
    let t = setup();
    let p = t.proposal(7);
    let id = t.propose(&p, 0);
    assert_eq!(t.gov.get_proposal_id(&p.targets, &p.functions, &p.args, &t.desc_hash(&p)), id);
    assert_eq!(t.gov.proposal_state(&id), ProposalState::Pending);
    assert!(t.gov.try_cast_vote(&id, &1, &String::from_str(&t.env, ""), &t.holders[1]).is_err());
    t.go(DELAY + 1);
    assert_eq!(t.gov.proposal_state(&id), ProposalState::Active);
    let why = String::from_str(&t.env, "cheaper for members");
    assert_eq!(t.gov.cast_vote(&id, &1, &why, &t.holders[0]), 4_000); // for
    assert_eq!(t.env.auths()[0].0, t.holders[0]);
    t.gov.cast_vote(&id, &0, &why, &t.holders[1]); // against
    t.gov.cast_vote(&id, &2, &why, &t.holders[2]); // abstain
    assert!(t.gov.has_voted(&id, &t.holders[0]));
    assert!(t.gov.try_cast_vote(&id, &1, &why, &t.holders[0]).is_err()); // once only
    assert!(t.gov.try_cast_vote(&id, &3, &why, &t.holders[3]).is_err()); // bad vote type
    t.go(PERIOD);
    // for 4000 > against 3000; for + abstain 6000 >= quorum 5000
    assert_eq!(t.gov.proposal_state(&id), ProposalState::Succeeded);
    assert!(!t.try_execute(&p)); // must be queued first
    t.queue(&p);
    assert_eq!(t.gov.proposal_state(&id), ProposalState::Queued);
    let eta = t.gov.proposal_eta(&id);
    assert_eq!(eta, t.env.ledger().sequence() + TIMELOCK);
    t.go(TIMELOCK - 1);
    assert!(!t.try_execute(&p));
    assert_eq!(t.governed.rate(), 0);
    t.go(1);
    assert!(t.try_execute(&p));
    assert_eq!(t.governed.rate(), 7);
    assert_eq!(t.gov.proposal_state(&id), ProposalState::Executed);
    assert!(!t.try_execute(&p));
}

#[test]
fn proposal_threshold_is_enforced() {
    let t = setup();
    let p = t.proposal(1);
    assert!(t.gov.try_propose(&p.targets, &p.functions, &p.args, &p.description, &t.holders[3]).is_err());
    t.propose(&p, 2);
}

#[test]
fn defeated_without_quorum_or_majority() {
    let t = setup();
    let p = t.proposal(1);
    let id = t.propose(&p, 0);
    t.go(DELAY + 1);
    t.gov.cast_vote(&id, &1, &String::from_str(&t.env, ""), &t.holders[0]); // 4000 < quorum
    t.go(PERIOD);
    assert_eq!(t.gov.proposal_state(&id), ProposalState::Defeated);
    assert!(t.gov.try_queue(&p.targets, &p.functions, &p.args, &t.desc_hash(&p), &0, &t.holders[0]).is_err());

    let p2 = t.proposal(2);
    let id2 = t.propose(&p2, 0);
    t.go(DELAY + 1);
    t.gov.cast_vote(&id2, &1, &String::from_str(&t.env, ""), &t.holders[1]); // for 3000
    t.gov.cast_vote(&id2, &0, &String::from_str(&t.env, ""), &t.holders[0]); // against 4000
    t.gov.cast_vote(&id2, &2, &String::from_str(&t.env, ""), &t.holders[2]);
    t.go(PERIOD);
    assert_eq!(t.gov.proposal_state(&id2), ProposalState::Defeated);
}

#[test]
fn voting_power_is_fixed_at_the_snapshot() {
    let t = setup();
    let p = t.proposal(3);
    let id = t.propose(&p, 0);
    t.go(DELAY + 1);
    // voting has started at the snapshot ledger; holder 3 buys a lot afterwards
    t.trq.transfer(&t.holders[0], &t.holders[3], &3_000);
    t.go(1);
    assert_eq!(t.gov.cast_vote(&id, &1, &String::from_str(&t.env, ""), &t.holders[3]), 500);
    assert_eq!(t.gov.cast_vote(&id, &1, &String::from_str(&t.env, ""), &t.holders[0]), 4_000);
}

#[test]
fn proposer_cancels_even_when_queued() {
    let t = setup();
    let p = t.proposal(9);
    let id = t.propose(&p, 0);
    let h = t.desc_hash(&p);
    assert_eq!(
        t.gov.try_cancel(&p.targets, &p.functions, &p.args, &h, &t.holders[1]),
        Err(Ok(GovernanceError::NotProposer.into()))
    );
    t.go(DELAY + 1);
    for i in 0..3 {
        t.gov.cast_vote(&id, &1, &String::from_str(&t.env, ""), &t.holders[i]);
    }
    t.go(PERIOD);
    t.queue(&p);
    t.gov.cancel(&p.targets, &p.functions, &p.args, &h, &t.holders[0]);
    assert_eq!(t.gov.proposal_state(&id), ProposalState::Canceled);
    t.go(TIMELOCK);
    assert!(!t.try_execute(&p));
    assert_eq!(t.governed.rate(), 0);
}

#[test]
fn votes_and_execution_need_signatures() {
    let t = setup();
    let p = t.proposal(4);
    let id = t.propose(&p, 0);
    t.go(DELAY + 1);
    t.env.set_auths(&[]);
    assert!(t.gov.try_cast_vote(&id, &1, &String::from_str(&t.env, ""), &t.holders[0]).is_err());
    assert!(t.gov.try_propose(&p.targets, &p.functions, &p.args, &String::from_str(&t.env, "x"), &t.holders[0]).is_err());
}

#[test]
fn proposal_events_are_emitted() {
    let t = setup();
    let p = t.proposal(5);
    t.propose(&p, 0);
    assert!(!t.env.events().all().filter_by_contract(&t.gov.address).events().is_empty());
}

#[test]
fn upgrade_and_migrate_are_admin_only() {
    let t = setup();
    assert_eq!(t.gov.storage_version(), STORAGE_VERSION);
    assert_eq!(t.gov.try_migrate(), Err(Ok(GovernanceError::AlreadyMigrated.into())));
    assert_eq!(t.gov.get_admin(), Some(t.admin.clone()));
    let stranger = Address::generate(&t.env);
    let hash = BytesN::from_array(&t.env, &[4; 32]);
    t.env.mock_auths(&[soroban_sdk::testutils::MockAuth {
        address: &stranger,
        invoke: &soroban_sdk::testutils::MockAuthInvoke {
            contract: &t.gov.address,
            fn_name: "upgrade",
            args: (hash.clone(), stranger.clone()).into_val(&t.env),
            sub_invokes: &[],
        },
    }]);
    assert!(t.gov.try_upgrade(&hash, &stranger).is_err());
}
