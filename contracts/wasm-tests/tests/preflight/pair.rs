//! The same `pay_quoted` in two worlds, and the map between them.
//!
//! * The contract test host: the cost report's `World` on the wasm (soroban-sdk's `Env`, mocked
//!   auths). Its addresses are generated contract addresses, so the passenger's and the airline's
//!   USDC are contract-data balances of the Stellar Asset Contract.
//! * The devnet: genesis from the same wasm; the passenger and the airline are `G…` accounts
//!   holding USDC on trustlines, and the platform's quote key is the devnet's.
//!
//! The quote is the World's, its addresses mapped to the devnet's and signed again by the
//! devnet's platform key, so both worlds pay exactly the same thing. (A quote gaining fields —
//! a sponsor part — needs only its World helper and, for a new address, a row in [`Pair::new`].)

use std::collections::BTreeMap;
use std::rc::Rc;

use soroban_env_host::storage::{EntryWithLiveUntil, SnapshotSource};
use soroban_env_host::xdr::{
    ContractId, Hash, HostFunction, InvokeContractArgs, LedgerKey, Limits, ScAddress, ScMap, ScMapEntry, ScVal,
    SorobanAuthorizedInvocation, WriteXdr,
};
use soroban_env_host::{FeeEstimate, HostError, InvocationResources, LedgerInfo};
use soroban_sdk::testutils::Ledger as _;
use soroban_sdk::{IntoVal, TryFromVal};
use traqora_devnet::genesis::{genesis, key};
use traqora_devnet::node::Node;
use traqora_devnet::scval::bytes;
use traqora_devnet::settings::{Settings, DEFAULT_PASSPHRASE};
use traqora_exports::world::{sign_quote, World, DAY};

pub const PRICE: i128 = 250_0000000;

pub fn wasm_dir() -> std::path::PathBuf {
    std::env::var("TRAQORA_WASM_DIR")
        .map(Into::into)
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../target/wasm").into())
}

pub fn contract(id: &str) -> ScAddress {
    ScAddress::Contract(ContractId(Hash(stellar_strkey::Contract::from_string(id).unwrap().0)))
}

pub fn account(name: &str) -> ScAddress {
    ScAddress::Account(key(name).account_id())
}

/// Test-host address → devnet address, with the role both play.
#[derive(Clone, Default)]
pub struct AddressMap(pub Vec<(ScAddress, ScAddress, &'static str)>);

impl AddressMap {
    pub fn devnet(&self, a: &ScAddress) -> Option<&ScAddress> {
        self.0.iter().find(|(h, _, _)| h == a).map(|(_, d, _)| d)
    }

    /// The role of a test-host or a devnet address.
    pub fn role(&self, a: &ScAddress) -> Option<&'static str> {
        self.0.iter().find(|(h, d, _)| h == a || d == a).map(|(_, _, r)| *r)
    }

    /// `v` with every test-host address replaced by the devnet's (an unknown address is a
    /// difference between the worlds the test has not accounted for).
    pub fn value(&self, v: &ScVal) -> ScVal {
        match v {
            ScVal::Address(a) => ScVal::Address(self.devnet(a).cloned().unwrap_or_else(|| panic!("no devnet counterpart for {a:?}"))),
            ScVal::Vec(Some(items)) => ScVal::Vec(Some(items.iter().map(|i| self.value(i)).collect::<Vec<_>>().try_into().unwrap())),
            ScVal::Map(Some(m)) => ScVal::Map(Some(ScMap(
                m.iter().map(|e| ScMapEntry { key: self.value(&e.key), val: self.value(&e.val) }).collect::<Vec<_>>().try_into().unwrap(),
            ))),
            other => other.clone(),
        }
    }

    pub fn invocation(&self, i: &SorobanAuthorizedInvocation, substitute: &dyn Fn(ScVal) -> ScVal) -> SorobanAuthorizedInvocation {
        use soroban_env_host::xdr::SorobanAuthorizedFunction as F;
        let function = match &i.function {
            F::ContractFn(a) => F::ContractFn(InvokeContractArgs {
                contract_address: self.devnet(&a.contract_address).cloned().expect("a mapped contract"),
                function_name: a.function_name.clone(),
                args: a.args.iter().map(|v| substitute(self.value(v))).collect::<Vec<_>>().try_into().unwrap(),
            }),
            other => panic!("pay_quoted authorises contract calls only, not {other:?}"),
        };
        SorobanAuthorizedInvocation {
            function,
            sub_invocations: i.sub_invocations.iter().map(|s| self.invocation(s, substitute)).collect::<Vec<_>>().try_into().unwrap(),
        }
    }
}

/// What the test host measured for one `pay_quoted`.
pub struct HostRun {
    pub w: World,
    pub host_fn: HostFunction,
    /// The World's ledger and ledger info just before the call.
    pub before: Vec<(Rc<LedgerKey>, Option<EntryWithLiveUntil>)>,
    pub ledger: LedgerInfo,
    pub resources: InvocationResources,
    pub fee: FeeEstimate,
    /// `env.auths()` of the call, as XDR: (authorising address, invocation tree).
    pub auths: Vec<(ScAddress, SorobanAuthorizedInvocation)>,
    pub signature: ScVal,
}

/// Both worlds, ready for the devnet's preflight of the same call.
pub struct Pair {
    pub host: HostRun,
    pub node: Node,
    pub map: AddressMap,
    /// `pay_quoted(mapped quote, the devnet platform's signature)` on the devnet's escrow.
    pub host_fn: HostFunction,
    pub escrow: ScAddress,
    pub usdc: ScAddress,
}

fn sc(env: &soroban_sdk::Env, v: soroban_sdk::Val) -> ScVal {
    ScVal::try_from_val(env, &v).expect("a value the host can encode")
}

impl Pair {
    /// A first quoted payment of one segment with receipts wired (what the cost report measures),
    /// the test host's clock set to the devnet's so the quote is the same in both.
    pub fn new() -> Pair {
        let mut node = Node::new(Settings::new(DEFAULT_PASSPHRASE));
        node.manifest = genesis(&mut node, &wasm_dir()).unwrap();
        let named = |n: &str| contract(node.manifest["contracts"][n].as_str().unwrap_or_else(|| panic!("{n} deployed")));
        let (escrow, usdc) = (named("escrow"), contract(node.manifest["asset"]["contractId"].as_str().unwrap()));
        let now = node.close_time;

        let w = World::on_wasm();
        let platform = w.enable_quotes();
        let passenger = w.passenger(1_000 * PRICE);
        let issuer = issuer(&w); // a call: before the one measured
        w.env.ledger().set_timestamp(now);
        let quote = w.quote(&passenger, &[w.quote_item(1, &w.airline, PRICE, now + 7 * DAY)]);
        let signature = sign_quote(&w.env, &platform, &quote);
        let (quote_sc, signature_sc) = (sc(&w.env, quote.clone().into_val(&w.env)), sc(&w.env, signature.clone().into_val(&w.env)));
        let host_escrow = ScAddress::from(&w.escrow.address);
        let host_fn = call(&host_escrow, vec![quote_sc.clone(), signature_sc.clone()]);
        let before = w.env.host().get_stored_entries().unwrap();
        let ledger = w.env.ledger().get();
        w.escrow.pay_quoted(&quote, &signature);
        let resources = w.env.cost_estimate().resources();
        let fee = w.env.cost_estimate().fee();
        let auths = w.env.to_snapshot().auth.0.last().cloned().unwrap_or_default();

        let map = AddressMap(vec![
            (host_escrow, escrow.clone(), "escrow"),
            (ScAddress::from(&w.receipts.address), named("receipts"), "receipts"),
            (ScAddress::from(&w.flights.address), named("airline"), "flights"),
            (ScAddress::from(&w.multisig.address), named("multisig"), "multisig"),
            (ScAddress::from(&w.usdc.address), usdc.clone(), "usdc"),
            (ScAddress::from(&passenger), account("passenger"), "passenger"),
            (ScAddress::from(&w.airline), account("airline"), "airline"),
            (ScAddress::from(&w.treasury), account("treasury"), "treasury"),
            (issuer, account("issuer"), "issuer"),
        ]);
        let devnet_quote = map.value(&quote_sc);
        let devnet_signature = bytes(&key("platform").sign(&devnet_quote.to_xdr(Limits::none()).unwrap()));
        let host = HostRun { w, host_fn, before, ledger, resources, fee, auths, signature: signature_sc };
        Pair { host_fn: call(&escrow, vec![devnet_quote, devnet_signature]), host, node, map, escrow, usdc }
    }

    /// The devnet's value for a test-host argument: addresses mapped, the World's quote
    /// signature replaced by the devnet's (the signed bytes name the devnet's addresses).
    pub fn devnet_arg(&self, v: ScVal) -> ScVal {
        let host_signature = self.map.value(&self.host.signature);
        if v == host_signature {
            let HostFunction::InvokeContract(args) = &self.host_fn else { unreachable!() };
            return args.args[1].clone();
        }
        v
    }
}

/// The issuer of the World's stablecoin: its asset contract's name is `CODE:G…issuer`.
fn issuer(w: &World) -> ScAddress {
    let name = w.usdc.name().to_string();
    let g = name.split(':').nth(1).expect("an asset name CODE:ISSUER");
    ScAddress::Account(soroban_env_host::xdr::AccountId(soroban_env_host::xdr::PublicKey::PublicKeyTypeEd25519(
        soroban_env_host::xdr::Uint256(stellar_strkey::ed25519::PublicKey::from_string(g).unwrap().0),
    )))
}

pub fn call(escrow: &ScAddress, args: Vec<ScVal>) -> HostFunction {
    HostFunction::InvokeContract(InvokeContractArgs {
        contract_address: escrow.clone(),
        function_name: "pay_quoted".try_into().unwrap(),
        args: args.try_into().unwrap(),
    })
}

/// The World's ledger as a snapshot a host can run on.
pub struct WorldSnapshot(BTreeMap<Vec<u8>, EntryWithLiveUntil>);

impl WorldSnapshot {
    pub fn new(entries: &[(Rc<LedgerKey>, Option<EntryWithLiveUntil>)]) -> WorldSnapshot {
        WorldSnapshot(entries.iter().filter_map(|(k, v)| Some((k.to_xdr(Limits::none()).unwrap(), v.clone()?))).collect())
    }
}

impl SnapshotSource for WorldSnapshot {
    fn get(&self, key: &Rc<LedgerKey>) -> Result<Option<EntryWithLiveUntil>, HostError> {
        Ok(self.0.get(&key.to_xdr(Limits::none()).unwrap()).cloned())
    }
}
