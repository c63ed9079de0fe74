//! The devnet's preflight and application of `pay_quoted` against the contract test host's
//! metering of the same call on the same wasm, per cost type (contracts/README.md, *Local devnet*,
//! explains the figures). The devnet runs it the way the network would (a G-account passenger
//! with a trustline, source-account authorisation, a transaction's footprint); the test host
//! runs it in a `World` (generated contract addresses, mocked auths).
//!
//! The devnet's transaction costs ~2.5x the test host's instructions, and none of the difference
//! is the contract's: what a validator does around the invocation (e2e_invoke decoding every
//! footprint entry from XDR — the escrow's and the receipts' wasm, 113 KB, included — and
//! encoding the changes back) is metered in the transaction's budget, while the test host meters
//! from the call into the contract to its return on entries already in memory. Tolerances:
//! * the contract's own work (VM instantiation, wasm instructions, host function dispatch,
//!   signature checks) within 1 % per cost type — in fact identical but for the ed25519 check,
//!   whose message is a few bytes longer with G addresses;
//! * the invocation without memory operations and value encoding within 5 % (the test host's
//!   storage map holds the whole World, so its lookups compare and copy more);
//! * the work around it within 5 % of what the cost model charges for decoding exactly the
//!   transaction's inputs (footprint entries, their TTLs, the auth entries, the host function,
//!   the resources, the source account);
//! * memory of the invocation within 15 %; the preflight's instructions within 2 % of the applied
//!   ones and the declared instructions covering them; one entry fewer written (the test host's
//!   mocked address credentials write a nonce entry, a source account's do not).
//!
//!     TRAQORA_WASM_DIR=… cargo test --features traqora-wasm-tests/wasm --test devnet_preflight -- --nocapture

use soroban_env_host::xdr::{
    ContractCostType, HostFunction, InvokeContractArgs, Limits, ScAddress, ScVal, WriteXdr,
};
use traqora_devnet::genesis::{genesis, key, USDC};
use traqora_devnet::node::Node;
use traqora_devnet::scval::{addr, bytes, i128, record, string, vec};
use traqora_devnet::settings::{Settings, DEFAULT_PASSPHRASE};
use traqora_devnet::submit::{prepare, send_and_close, signed};
use traqora_exports::world::{World, T0, DAY};

const PRICE: i128 = 250_0000000;
const QUOTED_FLIGHT_BIT: u64 = 1 << 63;

fn wasm_dir() -> std::path::PathBuf {
    std::env::var("TRAQORA_WASM_DIR")
        .map(Into::into)
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../target/wasm").into())
}

fn contract(id: &str) -> ScAddress {
    ScAddress::Contract(soroban_env_host::xdr::ContractId(soroban_env_host::xdr::Hash(
        stellar_strkey::Contract::from_string(id).unwrap().0,
    )))
}

/// `pay_quoted(quote, signature)` for one segment, signed by the devnet's platform key.
fn pay_quoted(node: &Node, escrow: &ScAddress, booking_id: u64, now: u64) -> HostFunction {
    let departure = now + 7 * DAY;
    let quote = record(vec![
        ("escrow", addr(escrow)),
        ("expires_at", ScVal::U64(now + 900)),
        (
            "items",
            vec(vec![record(vec![
                ("airline", addr(&ScAddress::Account(key("airline").account_id()))),
                ("amount", i128(PRICE)),
                ("arrival", ScVal::U64(departure + 8 * 3_600)),
                ("booking_id", ScVal::U64(booking_id)),
                ("departure", ScVal::U64(departure)),
                ("flight_id", ScVal::U64(QUOTED_FLIGHT_BIT | (10_000 + booking_id))),
                ("flight_number", string("BA117")),
                ("sponsored", i128(0)),
            ])]),
        ),
        ("passenger", addr(&ScAddress::Account(key("passenger").account_id()))),
        ("sponsor", ScVal::Void),
    ]);
    let _ = node;
    let signature = key("platform").sign(&quote.to_xdr(Limits::none()).unwrap());
    HostFunction::InvokeContract(InvokeContractArgs {
        contract_address: escrow.clone(),
        function_name: "pay_quoted".try_into().unwrap(),
        args: vec![quote, bytes(&signature)].try_into().unwrap(),
    })
}

fn within(a: i64, b: i64, pct: f64) -> bool {
    ((a - b).abs() as f64) <= (b as f64) * pct / 100.0
}

/// One row per cost type that metered anything: the test host, the devnet's whole transaction,
/// and the devnet's invocation alone.
fn table(host: &soroban_sdk::testutils::budget::Budget, devnet: &traqora_devnet::metering::Metered) {
    println!("{:<32} {:>12} {:>12} {:>12} {:>12}", "cost type", "test host", "devnet tx", "invocation", "around");
    for t in ContractCostType::variants() {
        let h = host.tracker(t).cpu;
        let d = devnet.total.get(t).cpu;
        let i = devnet.invocation.get(t).cpu;
        if h > 0 || d > 0 {
            println!("{:<32} {:>12} {:>12} {:>12} {:>12}", format!("{t:?}"), h, d, i, d - i);
        }
    }
    let (d, i) = (devnet.total.total(), devnet.invocation.total());
    println!("{:<32} {:>12} {:>12} {:>12} {:>12}", "total", host.cpu_instruction_cost(), d.cpu, i.cpu, d.cpu - i.cpu);
    println!("{:<32} {:>12} {:>12} {:>12} {:>12}", "memory bytes", host.memory_bytes_cost(), d.mem, i.mem, d.mem - i.mem);
}

#[test]
fn devnet_preflight_of_pay_quoted_matches_the_test_hosts_metering() {
    // the test host: a first quoted payment with receipts wired, as the cost report measures it
    let w = World::on_wasm();
    let platform = w.enable_quotes();
    let passenger = w.passenger(1_000 * PRICE);
    w.pay_quoted(&platform, &passenger, &[w.quote_item(1, &w.airline, PRICE, T0 + 7 * DAY)]);
    let host = w.env.cost_estimate().resources();
    let host_budget = w.env.cost_estimate().budget();

    // the devnet: genesis from the same wasm, then preflight and apply
    let mut node = Node::new(Settings::new(DEFAULT_PASSPHRASE));
    node.manifest = genesis(&mut node, &wasm_dir()).unwrap();
    let escrow = contract(node.manifest["contracts"]["escrow"].as_str().expect("escrow deployed"));
    let now = node.close_time;
    let f = pay_quoted(&node, &escrow, 1, now);
    let p = prepare(&node, &key("passenger"), &f).unwrap();
    let fp = &p.data.resources.footprint;
    let writes = fp.read_write.len() as u32;
    println!(
        "pay_quoted (1 segment, receipts): test host {} CPU, {} mem, {} written | devnet preflight {} CPU, {} written, resource fee {} | host fee {}",
        host.instructions, host.mem_bytes, host.write_entries, p.cpu_insns, writes, p.data.resource_fee,
        w.env.cost_estimate().fee().total
    );
    for k in fp.read_only.iter().chain(fp.read_write.iter()) {
        let size = node.entries.get(k).map(|s| s.entry.to_xdr(Limits::none()).unwrap().len()).unwrap_or(0);
        println!("  footprint {} {size} bytes: {:?}", if fp.read_write.contains(k) { "rw" } else { "ro" }, k);
    }
    let sizes = footprint_sizes(&node, &p.data);
    let env = signed(&node, &key("passenger"), f, &[]).unwrap();
    let rec = send_and_close(&mut node, env).unwrap();
    assert!(rec.successful, "{:?}", rec.error);
    println!("applied: {} CPU, {} mem, fee charged {}", rec.cpu_insns, rec.mem_bytes, rec.fee_charged);
    table(&host_budget, &rec.metered);

    // the contract's own work: the same wasm doing the same thing
    for t in [
        ContractCostType::WasmInsnExec, ContractCostType::DispatchHostFunction, ContractCostType::InvokeVmFunction,
        ContractCostType::VerifyEd25519Sig, ContractCostType::ComputeEd25519PubKey, ContractCostType::InstantiateWasmInstructions,
        ContractCostType::InstantiateWasmFunctions, ContractCostType::InstantiateWasmImports, ContractCostType::InstantiateWasmExports,
    ] {
        let (d, h) = (rec.metered.invocation.get(t).cpu as i64, host_budget.tracker(t).cpu as i64);
        assert!(within(d, h, 1.0), "{t:?}: devnet {d} vs test host {h}");
    }
    // the invocation, memory operations and value encoding aside
    let plumbing = [ContractCostType::MemAlloc, ContractCostType::MemCpy, ContractCostType::MemCmp, ContractCostType::ValSer];
    let without = |total: u64, get: &dyn Fn(ContractCostType) -> u64| total - plumbing.iter().map(|t| get(*t)).sum::<u64>();
    let d = without(rec.metered.invocation.total().cpu, &|t| rec.metered.invocation.get(t).cpu);
    let h = without(host_budget.cpu_instruction_cost(), &|t| host_budget.tracker(t).cpu);
    assert!(within(d as i64, h as i64, 5.0), "invocation without plumbing: devnet {d} vs test host {h}");

    // around the invocation: decoding the transaction's inputs, as the cost model prices them
    let around = rec.metered.around().total().cpu;
    let decode = decoding_cost(&node, &p.data, &sizes, &rec);
    println!("around the invocation: {around} CPU; decoding the inputs alone, by the cost model: {decode}");
    assert!(within(rec.metered.around().get(ContractCostType::ValDeser).cpu as i64, decode as i64, 5.0));
    assert!(decode as f64 >= around as f64 * 0.85, "decoding is most of the validator's work: {decode} of {around}");

    assert!(within(rec.metered.invocation.total().mem as i64, host.mem_bytes, 15.0), "memory {} vs test host {}", rec.metered.invocation.total().mem, host.mem_bytes);
    assert!(within(p.cpu_insns as i64, rec.cpu_insns as i64, 2.0), "preflight {} vs applied {}", p.cpu_insns, rec.cpu_insns);
    assert!(rec.cpu_insns <= p.data.resources.instructions as u64);
    assert_eq!(writes + 1, host.write_entries, "entries written");
    let _ = USDC;
}

/// The sizes of the footprint's ledger entries (and of their TTL entries) as e2e_invoke receives
/// them: read before the transaction is applied.
fn footprint_sizes(node: &Node, data: &soroban_env_host::xdr::SorobanTransactionData) -> Vec<usize> {
    let fp = &data.resources.footprint;
    let mut sizes = vec![];
    for k in fp.read_only.iter().chain(fp.read_write.iter()) {
        if let Some(s) = node.entries.get(k) {
            sizes.push(s.entry.to_xdr(Limits::none()).unwrap().len());
            if s.live_until.is_some() {
                sizes.push(36); // its TTL entry: key hash and live-until ledger
            }
        }
    }
    sizes
}

/// What the cost model charges (ValDeser) for the XDR e2e_invoke decodes before the call: the
/// resources, the footprint's entries and TTLs, the auth entries, the host function, the source.
fn decoding_cost(node: &Node, data: &soroban_env_host::xdr::SorobanTransactionData, footprint: &[usize], rec: &traqora_devnet::node::TxRecord) -> u64 {
    use soroban_env_host::xdr::{ReadXdr, TransactionEnvelope};
    let budget = node.settings.budget(u64::MAX, u64::MAX);
    let charge = |len: usize| budget.charge(ContractCostType::ValDeser, Some(len as u64)).unwrap();
    charge(data.resources.to_xdr(Limits::none()).unwrap().len());
    footprint.iter().for_each(|len| charge(*len));
    let TransactionEnvelope::Tx(v1) = TransactionEnvelope::from_xdr_base64(&rec.envelope, Limits::none()).unwrap() else { unreachable!() };
    let soroban_env_host::xdr::OperationBody::InvokeHostFunction(op) = &v1.tx.operations[0].body else { unreachable!() };
    for a in op.auth.iter() {
        charge(a.to_xdr(Limits::none()).unwrap().len());
    }
    charge(op.host_function.to_xdr(Limits::none()).unwrap().len());
    charge(36); // the source account id
    budget.get_cpu_insns_consumed().unwrap()
}
