//! A deployed Traqora: every contract registered and wired together the way a testnet
//! deployment is, with the admin multisig as the admin of all of them. Used by the cross-contract
//! tests, the property tests, the event fixtures and the cost report natively, and by
//! `wasm-tests` on the wasm that `build-wasm.sh` builds ([`Code::Wasm`]).

use ed25519_dalek::{Signer as _, SigningKey};
use soroban_sdk::testutils::{Address as _, EnvTestConfig, Ledger as _, Register};
use soroban_sdk::xdr::ToXdr;
use soroban_sdk::{token, vec, Address, BytesN, ConstructorArgs, Env, IntoVal, String, Symbol, Val, Vec};
use traqora_airline::{AirlineRegistry, AirlineRegistryClient, NewFlight, AIRLINE_ROLE};
use traqora_common::{Booking, QUOTED_FLIGHT_BIT};
use traqora_escrow::{
    Escrow, EscrowClient, EscrowConfig, PaymentQuote, QuoteItem, ARBITER_ROLE, SETTLER_ROLE,
};
use traqora_multisig::{AdminAction, AdminMultisig, AdminMultisigClient, InvokeCall};
use traqora_disputes::{DisputeConfig, Disputes, DisputesClient};
use traqora_governor::{TraqoraGovernor, TraqoraGovernorClient};
use traqora_loyalty::{Loyalty, LoyaltyClient, SYNCER_ROLE};
use traqora_oracle::{FlightOracle, FlightOracleClient, OracleConfig};
use traqora_trq::{TrqToken, TrqTokenClient};
use traqora_receipts::{BookingReceipts, BookingReceiptsClient};

/// 2027-01-01T00:00:00Z
pub const T0: u64 = 1_798_761_600;
pub const DAY: u64 = 86_400;
pub const FEE_BPS: u32 = 250;
pub const LARGE_REFUND: i128 = 1_000_0000000;
pub const REFUND_DELAY: u64 = DAY;
pub const SETTLEMENT_WINDOW: u64 = 3 * DAY;
pub const PROPOSAL_LIFETIME: u64 = 7 * DAY;
pub const PROVIDER_STAKE: i128 = 1_000_0000000;
pub const DISPUTE_BOND: i128 = 100_0000000;
pub const ORACLE_WINDOW: u64 = 6 * 3_600;
pub const FILING_STAKE: i128 = 25_0000000;
pub const JURY_COMMIT: u64 = DAY;
pub const JURY_REVEAL: u64 = DAY;
pub const APPEAL_WINDOW: u64 = 2 * DAY;
pub const TRQ_SUPPLY: i128 = 100_000_000_0000000;
/// Governor timings in ledgers.
pub const VOTING_DELAY: u32 = 720;
pub const VOTING_PERIOD: u32 = 17_280;
pub const TIMELOCK_LEDGERS: u32 = 8_640;
/// How long the platform's payment quotes are good for.
pub const QUOTE_LIFETIME: u64 = 15 * 60;
/// Seed of the Traqora platform's quote key in test worlds (a fixed key, so runs repeat).
pub const PLATFORM_SEED: [u8; 32] = [0x51; 32];

/// The Traqora platform's ed25519 quote key, as the server holds it.
pub fn platform_key() -> SigningKey {
    SigningKey::from_bytes(&PLATFORM_SEED)
}

/// `key`'s signature over the quote's XDR: exactly what `pay_quoted` verifies.
pub fn sign_quote(env: &Env, key: &SigningKey, quote: &PaymentQuote) -> BytesN<64> {
    let msg: std::vec::Vec<u8> = quote.clone().to_xdr(env).iter().collect();
    BytesN::from_array(env, &key.sign(&msg).to_bytes())
}

/// The code the contracts of a [`World`] run.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum Code {
    /// The contract crates compiled into the test binary: fast, but the wasm VM is not metered.
    Native,
    /// `target/wasm/traqora_<name>.wasm` from `build-wasm.sh`, the bytes the network runs, in
    /// the host's wasm VM (directory overridable with `TRAQORA_WASM_DIR`).
    Wasm,
}

/// The built wasm of contract `crate_name` (e.g. `traqora_escrow`), read once per test process.
pub fn wasm(crate_name: &str) -> &'static [u8] {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<HashMap<std::string::String, &'static [u8]>>> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap();
    cache.entry(crate_name.into()).or_insert_with(|| {
        let dir = std::env::var("TRAQORA_WASM_DIR")
            .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../target/wasm").into());
        let path = format!("{dir}/{crate_name}.wasm");
        let bytes = std::fs::read(&path)
            .unwrap_or_else(|e| panic!("{path}: {e}; run contracts/build-wasm.sh first"));
        bytes.leak()
    })
}

/// Registers one contract as `code` says: the native type, or its wasm.
fn deploy<C: Register, A: ConstructorArgs>(env: &Env, code: Code, native: C, crate_name: &str, args: A) -> Address {
    match code {
        Code::Native => env.register(native, args),
        Code::Wasm => env.register(wasm(crate_name), args),
    }
}

pub struct World {
    pub env: Env,
    /// What the contracts run.
    pub code: Code,
    pub signers: std::vec::Vec<Address>,
    pub multisig: AdminMultisigClient<'static>,
    pub usdc: token::Client<'static>,
    pub usdc_admin: token::StellarAssetClient<'static>,
    pub flights: AirlineRegistryClient<'static>,
    pub escrow: EscrowClient<'static>,
    pub receipts: BookingReceiptsClient<'static>,
    pub oracle: FlightOracleClient<'static>,
    /// Three staked status providers; the oracle's quorum is 2.
    pub providers: std::vec::Vec<Address>,
    pub trq: TrqTokenClient<'static>,
    pub governor: TraqoraGovernorClient<'static>,
    pub disputes: DisputesClient<'static>,
    /// TRQ holders with self-delegated votes 4_000, 3_000, 2_000 and 1_000 TRQ.
    pub jurors: std::vec::Vec<Address>,
    pub trq_treasury: Address,
    pub loyalty: LoyaltyClient<'static>,
    /// The platform account that mirrors the off-chain loyalty engine.
    pub syncer: Address,
    pub airline: Address,
    pub treasury: Address,
    /// Stand-ins until the oracle / disputes contracts are registered in their place.
    pub settler: Address,
    pub arbiter: Address,
}

pub fn test_env() -> Env {
    let env = Env::new_with_config(EnvTestConfig { capture_snapshot_at_drop: false });
    // The Env-wide budget accumulates over a whole scenario (setup included); long scenarios
    // would exhaust it. Per-invocation mainnet resource limits stay enforced regardless.
    env.cost_estimate().budget().reset_unlimited();
    // Mainnet-like TTL settings (the test defaults are far shorter), so TTL policy is tested
    // against the real minimum (~120 days) and maximum (~180 days).
    env.ledger().set_min_persistent_entry_ttl(120 * 17_280);
    env.ledger().set_min_temp_entry_ttl(17_280);
    env.ledger().set_max_entry_ttl(180 * 17_280);
    env.ledger().set_timestamp(T0);
    env
}

impl World {
    /// Deploys everything with `mock_all_auths` on (signers' signatures are assumed); the
    /// multisig's own authorisation of admin calls is real either way (direct invoker).
    pub fn new() -> World {
        Self::build(Code::Native, true)
    }

    /// The same deployment on the built wasm (see [`Code::Wasm`]).
    pub fn on_wasm() -> World {
        Self::build(Code::Wasm, true)
    }

    /// A deployment on `code`, with or without the receipts contract wired in.
    pub fn with_code(code: Code, with_receipts: bool) -> World {
        Self::build(code, with_receipts)
    }

    /// Without the receipts contract wired in: the receipts' own forward-only status machine
    /// also refuses a second payout, so the escrow's guards are tested alone this way.
    pub fn without_receipts() -> World {
        Self::build(Code::Native, false)
    }

    fn build(code: Code, with_receipts: bool) -> World {
        let env = test_env();
        env.mock_all_auths();
        let signers: std::vec::Vec<Address> = (0..3).map(|_| Address::generate(&env)).collect();
        let mut sv = Vec::new(&env);
        for s in &signers {
            sv.push_back(s.clone());
        }
        let ms_id = deploy(&env, code, AdminMultisig, "traqora_multisig", (sv, 2u32, PROPOSAL_LIFETIME));
        let multisig = AdminMultisigClient::new(&env, &ms_id);

        let sac = env.register_stellar_asset_contract_v2(Address::generate(&env));
        let usdc = token::Client::new(&env, &sac.address());
        let usdc_admin = token::StellarAssetClient::new(&env, &sac.address());

        let flights_id = deploy(&env, code, AirlineRegistry, "traqora_airline", (&ms_id, 3_600u64));
        let treasury = Address::generate(&env);
        let escrow_id = deploy(
            &env,
            code,
            Escrow,
            "traqora_escrow",
            (
                &ms_id,
                EscrowConfig {
                    token: sac.address(),
                    treasury: treasury.clone(),
                    flights: flights_id.clone(),
                    receipts: None,
                    fee_bps: FEE_BPS,
                    large_refund_threshold: LARGE_REFUND,
                    refund_delay: REFUND_DELAY,
                    settlement_window: SETTLEMENT_WINDOW,
                },
            ),
        );
        let receipts_id = deploy(
            &env,
            code,
            BookingReceipts,
            "traqora_receipts",
            (&ms_id, &escrow_id, String::from_str(&env, "https://traqora.example/receipts/")),
        );

        let oracle_id = deploy(
            &env,
            code,
            FlightOracle,
            "traqora_oracle",
            (
                &ms_id,
                OracleConfig {
                    stake_token: sac.address(),
                    escrow: escrow_id.clone(),
                    flights: flights_id.clone(),
                    treasury: treasury.clone(),
                    min_stake: PROVIDER_STAKE,
                    quorum: 2,
                    dispute_window: ORACLE_WINDOW,
                    dispute_bond: DISPUTE_BOND,
                    slash_bps: 5_000,
                },
            ),
        );
        let oracle = FlightOracleClient::new(&env, &oracle_id);
        let providers: std::vec::Vec<Address> = (0..3).map(|_| Address::generate(&env)).collect();
        for p in &providers {
            usdc_admin.mint(p, &PROVIDER_STAKE);
            oracle.register_provider(p, &PROVIDER_STAKE);
        }

        env.ledger().set_sequence_number(1_000);
        let trq_treasury = Address::generate(&env);
        let trq_id = deploy(&env, code, TrqToken, "traqora_trq", (&ms_id, &trq_treasury, TRQ_SUPPLY, 10 * TRQ_SUPPLY));
        let trq = TrqTokenClient::new(&env, &trq_id);
        let jurors: std::vec::Vec<Address> = (0..4).map(|_| Address::generate(&env)).collect();
        for (j, w) in jurors.iter().zip([4_000i128, 3_000, 2_000, 1_000]) {
            trq.transfer(&trq_treasury, j, &(w * 10_000_000));
            trq.delegate(j, j);
        }
        let governor_id = deploy(
            &env,
            code,
            TraqoraGovernor,
            "traqora_governor",
            (&ms_id, &trq_id, VOTING_DELAY, VOTING_PERIOD, 1_000_0000000u128, 5_000_0000000u128, TIMELOCK_LEDGERS),
        );
        let disputes_id = deploy(
            &env,
            code,
            Disputes,
            "traqora_disputes",
            (
                &ms_id,
                DisputeConfig {
                    escrow: escrow_id.clone(),
                    votes_token: trq_id.clone(),
                    stake_token: sac.address(),
                    treasury: treasury.clone(),
                    filing_stake: FILING_STAKE,
                    appeal_multiplier: 2,
                    jury_fee_bps: 1_000,
                    min_juror_power: 100_0000000,
                    commit_period: JURY_COMMIT,
                    reveal_period: JURY_REVEAL,
                    appeal_window: APPEAL_WINDOW,
                },
            ),
        );
        let loyalty_id = deploy(&env, code, Loyalty, "traqora_loyalty", (&ms_id,));
        env.ledger().set_sequence_number(1_010);

        let w = World {
            loyalty: LoyaltyClient::new(&env, &loyalty_id),
            syncer: Address::generate(&env),
            trq,
            governor: TraqoraGovernorClient::new(&env, &governor_id),
            disputes: DisputesClient::new(&env, &disputes_id),
            jurors,
            trq_treasury,
            oracle,
            providers,
            multisig,
            usdc,
            usdc_admin,
            flights: AirlineRegistryClient::new(&env, &flights_id),
            escrow: EscrowClient::new(&env, &escrow_id),
            receipts: BookingReceiptsClient::new(&env, &receipts_id),
            airline: Address::generate(&env),
            treasury,
            settler: Address::generate(&env),
            arbiter: Address::generate(&env),
            signers,
            env,
            code,
        };
        if with_receipts {
            w.admin_call(&w.escrow.address, "set_receipts", vec![&w.env, receipts_id.into_val(&w.env)]);
        }
        w.grant(&w.flights.address, &w.airline.clone(), AIRLINE_ROLE);
        w.grant(&w.escrow.address, &w.settler.clone(), SETTLER_ROLE);
        w.grant(&w.escrow.address, &w.arbiter.clone(), ARBITER_ROLE);
        w.grant(&w.escrow.address, &w.oracle.address.clone(), SETTLER_ROLE);
        w.grant(&w.escrow.address, &w.disputes.address.clone(), ARBITER_ROLE);
        w.grant(&w.loyalty.address, &w.syncer.clone(), SYNCER_ROLE);
        w
    }

    /// Proposes, approves (2 of 3) and executes `function(args)` on `contract` as the admin.
    pub fn admin_call(&self, contract: &Address, function: &str, args: Vec<Val>) -> Val {
        let action = AdminAction::Invoke(InvokeCall {
            contract: contract.clone(),
            function: Symbol::new(&self.env, function),
            args,
        });
        let id = self.multisig.propose_admin_action(&self.signers[0], &action);
        self.multisig.approve_admin_action(&self.signers[1], &id);
        self.multisig.execute_admin_action(&self.signers[2], &id)
    }

    /// OZ `grant_role(account, role, caller)` with the multisig as the admin caller.
    pub fn grant(&self, contract: &Address, account: &Address, role: Symbol) {
        let args = vec![
            &self.env,
            account.into_val(&self.env),
            role.into_val(&self.env),
            self.multisig.address.into_val(&self.env),
        ];
        self.admin_call(contract, "grant_role", args);
    }

    pub fn new_flight(&self, number: &str, departure: u64, price: i128) -> NewFlight {
        NewFlight {
            flight_number: String::from_str(&self.env, number),
            origin: String::from_str(&self.env, "LIS"),
            destination: String::from_str(&self.env, "JFK"),
            departure,
            arrival: departure + 8 * 3_600,
            price,
        }
    }

    /// Creates one flight departing `days` from T0 and returns its id.
    pub fn flight(&self, price: i128) -> u64 {
        let f = self.new_flight("TQ101", T0 + 7 * DAY, price);
        self.flights.batch_create_flights(&self.airline, &vec![&self.env, f]).get(0).unwrap().id
    }

    pub fn passenger(&self, funds: i128) -> Address {
        let p = Address::generate(&self.env);
        self.usdc_admin.mint(&p, &funds);
        p
    }

    pub fn pay(&self, passenger: &Address, booking_id: u64, flight_id: u64) {
        let price = self.flights.get_current_price(&flight_id);
        self.escrow.pay_for_booking(passenger, &booking_id, &flight_id, &price, &String::from_str(&self.env, "12A"));
    }
}

/// Quoted payments: the platform's key registered once, then quotes signed per app booking.
impl World {
    /// The multisig registers the platform's quote key, as a deployment does once.
    pub fn enable_quotes(&self) -> SigningKey {
        let key = platform_key();
        let public = BytesN::from_array(&self.env, &key.verifying_key().to_bytes());
        self.admin_call(&self.escrow.address, "set_quote_signer", vec![&self.env, public.into_val(&self.env)]);
        key
    }

    /// One segment of an app booking: `amount` to `airline`, departing at `departure`, 8 h long,
    /// on app flight `10_000 + booking_id`, in the quoted flight id space as the app sends it
    /// (`QUOTED_FLIGHT_BIT | app id`).
    pub fn quote_item(&self, booking_id: u64, airline: &Address, amount: i128, departure: u64) -> QuoteItem {
        QuoteItem {
            airline: airline.clone(),
            amount,
            arrival: departure + 8 * 3_600,
            booking_id,
            departure,
            flight_id: QUOTED_FLIGHT_BIT | (10_000 + booking_id),
            flight_number: String::from_str(&self.env, "BA117"),
            sponsored: 0,
        }
    }

    /// A quote for `passenger` on this world's escrow, good for `QUOTE_LIFETIME` from now.
    pub fn quote(&self, passenger: &Address, items: &[QuoteItem]) -> PaymentQuote {
        let mut v = Vec::new(&self.env);
        for i in items {
            v.push_back(i.clone());
        }
        PaymentQuote {
            escrow: self.escrow.address.clone(),
            expires_at: self.env.ledger().timestamp() + QUOTE_LIFETIME,
            items: v,
            passenger: passenger.clone(),
            sponsor: None,
        }
    }

    /// The platform quotes `items` and the passenger pays them in one call.
    pub fn pay_quoted(&self, key: &SigningKey, passenger: &Address, items: &[QuoteItem]) -> Vec<Booking> {
        let quote = self.quote(passenger, items);
        self.escrow.pay_quoted(&quote, &sign_quote(&self.env, key, &quote))
    }
}

impl Default for World {
    fn default() -> Self {
        Self::new()
    }
}

impl World {
    /// Two providers agree on `status` after arrival, the window passes, anyone finalises.
    pub fn finalize_status(&self, flight_id: u64, status: traqora_oracle::SettlementStatus) {
        let f = self.flights.get_flight(&flight_id);
        if self.env.ledger().timestamp() < f.arrival {
            self.env.ledger().set_timestamp(f.arrival);
        }
        self.oracle.submit_flight_status(&self.providers[0], &flight_id, &status);
        self.oracle.submit_flight_status(&self.providers[1], &flight_id, &status);
        self.env.ledger().set_timestamp(self.env.ledger().timestamp() + ORACLE_WINDOW);
        self.oracle.finalize_flight_status(&flight_id);
    }
}

impl World {
    /// Advances the ledger clock by `secs` seconds and `secs / 5` ledgers.
    pub fn advance(&self, secs: u64) {
        let li = self.env.ledger();
        li.set_timestamp(li.timestamp() + secs);
        li.set_sequence_number(li.sequence() + (secs / 5) as u32);
    }

    pub fn salt(&self, n: u8) -> soroban_sdk::BytesN<32> {
        soroban_sdk::BytesN::from_array(&self.env, &[n; 32])
    }

    /// Jurors `(index, vote)` commit, reveal, and the round is tallied. Returns the verdict.
    pub fn jury_round(&self, dispute_id: u64, votes: &[(usize, u32)]) -> u32 {
        let round = self.disputes.get_dispute(&dispute_id).round;
        for (j, v) in votes {
            let c = self.disputes.compute_commitment(&self.jurors[*j], &round, v, &self.salt(*j as u8));
            self.disputes.commit_vote(&self.jurors[*j], &dispute_id, &c);
        }
        self.advance(JURY_COMMIT);
        for (j, v) in votes {
            self.disputes.reveal_vote(&self.jurors[*j], &dispute_id, v, &self.salt(*j as u8));
        }
        self.advance(JURY_REVEAL);
        self.disputes.tally_votes(&dispute_id)
    }
}
