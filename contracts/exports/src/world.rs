//! A deployed Traqora: every contract registered natively and wired together the way a testnet
//! deployment is, with the admin multisig as the admin of all of them. Used by the cross-contract
//! tests, the property tests, the event fixtures and the cost report.

use soroban_sdk::testutils::{Address as _, EnvTestConfig, Ledger as _};
use soroban_sdk::{token, vec, Address, Env, IntoVal, String, Symbol, Val, Vec};
use traqora_airline::{AirlineRegistry, AirlineRegistryClient, NewFlight, AIRLINE_ROLE};
use traqora_escrow::{Escrow, EscrowClient, EscrowConfig, ARBITER_ROLE, SETTLER_ROLE};
use traqora_multisig::{AdminAction, AdminMultisig, AdminMultisigClient, InvokeCall};
use traqora_oracle::{FlightOracle, FlightOracleClient, OracleConfig};
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

pub struct World {
    pub env: Env,
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
    pub airline: Address,
    pub treasury: Address,
    /// Stand-ins until the oracle / disputes contracts are registered in their place.
    pub settler: Address,
    pub arbiter: Address,
}

pub fn test_env() -> Env {
    let env = Env::new_with_config(EnvTestConfig { capture_snapshot_at_drop: false });
    env.ledger().set_timestamp(T0);
    env
}

impl World {
    /// Deploys everything with `mock_all_auths` on (signers' signatures are assumed); the
    /// multisig's own authorisation of admin calls is real either way (direct invoker).
    pub fn new() -> World {
        let env = test_env();
        env.mock_all_auths();
        let signers: std::vec::Vec<Address> = (0..3).map(|_| Address::generate(&env)).collect();
        let mut sv = Vec::new(&env);
        for s in &signers {
            sv.push_back(s.clone());
        }
        let ms_id = env.register(AdminMultisig, (sv, 2u32, PROPOSAL_LIFETIME));
        let multisig = AdminMultisigClient::new(&env, &ms_id);

        let sac = env.register_stellar_asset_contract_v2(Address::generate(&env));
        let usdc = token::Client::new(&env, &sac.address());
        let usdc_admin = token::StellarAssetClient::new(&env, &sac.address());

        let flights_id = env.register(AirlineRegistry, (&ms_id, 3_600u64));
        let treasury = Address::generate(&env);
        let escrow_id = env.register(
            Escrow,
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
        let receipts_id = env.register(
            BookingReceipts,
            (&ms_id, &escrow_id, String::from_str(&env, "https://traqora.example/receipts/")),
        );

        let oracle_id = env.register(
            FlightOracle,
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

        let w = World {
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
        };
        w.admin_call(&w.escrow.address, "set_receipts", vec![&w.env, receipts_id.into_val(&w.env)]);
        w.grant(&w.flights.address, &w.airline.clone(), AIRLINE_ROLE);
        w.grant(&w.escrow.address, &w.settler.clone(), SETTLER_ROLE);
        w.grant(&w.escrow.address, &w.arbiter.clone(), ARBITER_ROLE);
        w.grant(&w.escrow.address, &w.oracle.address.clone(), SETTLER_ROLE);
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
