//! Genesis: funded accounts, the test stablecoin (a classic asset with trustlines and its Stellar
//! Asset Contract), and the Traqora contracts deployed from their wasm and wired together as
//! contracts/README.md's deployment steps say — every step a real transaction through
//! simulation, signing, validation and the host.

use std::path::Path;

use serde_json::{json, Value};
use soroban_env_host::xdr::{
    AccountId, AlphaNum4, Asset, AssetCode4, ContractExecutable, ContractIdPreimage, ContractIdPreimageFromAddress,
    CreateContractArgsV2, Hash, HostFunction, InvokeContractArgs, LedgerEntryData, LedgerKey, LedgerKeyTrustLine,
    ScAddress, ScVal, TrustLineAsset, TrustLineEntry, TrustLineEntryExt, Uint256,
};

use crate::keys::{address_strkey, sha256, Keypair};
use crate::ledger;
use crate::node::Node;
use crate::scval::{self, addr, i128, option, record, string, sym, u128, variant};
use crate::submit::invoke;

pub const XLM: i64 = 10_000_000;
/// 7 decimals, like USDC on Stellar.
pub const USDC: i64 = 10_000_000;
pub const ASSET_CODE: &str = "USDC";
/// Trustline flag: the issuer authorised the holder.
const AUTHORIZED: u32 = 1;

/// Named genesis accounts. Their keys derive from the names (see `Keypair::from_name`): a dev
/// network's keys are public by design.
/// `loyalty-liability` is the platform's loyalty-liability account: it pays the part of a fare that
/// points redeemed at checkout cover (`pay_quoted`'s sponsor), authorising each payment itself.
pub const ACCOUNTS: [&str; 13] = [
    "root", "issuer", "signer-1", "signer-2", "signer-3", "platform", "server", "airline", "treasury", "passenger",
    "syncer", "trq-treasury", "loyalty-liability",
];
/// Holders of the test stablecoin at genesis, and how much.
const USDC_HOLDERS: [(&str, i64); 7] = [
    ("passenger", 10_000 * USDC),
    ("loyalty-liability", 10_000 * USDC),
    ("airline", 0),
    ("treasury", 0),
    ("server", 1_000 * USDC),
    ("signer-1", 0),
    ("syncer", 0),
];
/// Deployment order of contracts/README.md.
pub const CONTRACTS: [&str; 9] = ["multisig", "airline", "escrow", "receipts", "oracle", "trq", "governor", "disputes", "loyalty"];

const DAY: u64 = 86_400;

pub fn key(name: &str) -> Keypair {
    Keypair::from_name(name)
}

pub fn asset() -> Asset {
    Asset::CreditAlphanum4(AlphaNum4 { asset_code: AssetCode4(*b"USDC"), issuer: key("issuer").account_id() })
}

pub fn trustline_key(holder: &AccountId) -> LedgerKey {
    let Asset::CreditAlphanum4(a) = asset() else { unreachable!() };
    LedgerKey::Trustline(LedgerKeyTrustLine { account_id: holder.clone(), asset: TrustLineAsset::CreditAlphanum4(a) })
}

/// Credits `amount` of the test stablecoin to `holder`, opening an authorised trustline first
/// if there is none (genesis, and the devnet's /devnet/mint control endpoint).
pub fn credit_usdc(node: &mut Node, holder: &AccountId, amount: i64) -> Result<i64, String> {
    let ledger = node.ledger;
    let mut account = node.entries.account(holder).ok_or("no such account (fund it with the friendbot first)")?;
    let key = trustline_key(holder);
    let mut line = match node.entries.get(&key).map(|s| s.entry.data.clone()) {
        Some(LedgerEntryData::Trustline(t)) => t,
        _ => {
            account.num_sub_entries += 1;
            node.entries.put_account(account, ledger);
            let Asset::CreditAlphanum4(a) = asset() else { unreachable!() };
            TrustLineEntry {
                account_id: holder.clone(),
                asset: TrustLineAsset::CreditAlphanum4(a),
                balance: 0,
                limit: i64::MAX,
                flags: AUTHORIZED,
                ext: TrustLineEntryExt::V0,
            }
        }
    };
    line.balance = line.balance.checked_add(amount).ok_or("balance overflow")?;
    let balance = line.balance;
    node.entries.put(&key, ledger::entry(LedgerEntryData::Trustline(line), ledger), None);
    node.dirty = true;
    Ok(balance)
}

fn call(contract: &ScAddress, function: &str, args: Vec<ScVal>) -> HostFunction {
    HostFunction::InvokeContract(InvokeContractArgs {
        contract_address: contract.clone(),
        function_name: function.try_into().unwrap(),
        args: args.try_into().unwrap(),
    })
}

fn account(name: &str) -> ScAddress {
    ScAddress::Account(key(name).account_id())
}

fn as_address(v: ScVal) -> Result<ScAddress, String> {
    match v {
        ScVal::Address(a) => Ok(a),
        other => Err(format!("expected an address, got {other:?}")),
    }
}

struct Deployer<'a> {
    node: &'a mut Node,
    root: Keypair,
}

impl Deployer<'_> {
    fn upload(&mut self, wasm: Vec<u8>) -> Result<Hash, String> {
        match invoke(self.node, &self.root, HostFunction::UploadContractWasm(wasm.try_into().unwrap()), &[])? {
            ScVal::Bytes(b) => Ok(Hash(b.as_slice().try_into().map_err(|_| "hash of 32 bytes")?)),
            other => Err(format!("upload returned {other:?}")),
        }
    }

    fn create(&mut self, name: &str, wasm_hash: Hash, args: Vec<ScVal>) -> Result<ScAddress, String> {
        let f = HostFunction::CreateContractV2(CreateContractArgsV2 {
            contract_id_preimage: ContractIdPreimage::Address(ContractIdPreimageFromAddress {
                address: ScAddress::Account(self.root.account_id()),
                salt: Uint256(sha256(format!("traqora-devnet:{name}").as_bytes())),
            }),
            executable: ContractExecutable::Wasm(wasm_hash),
            constructor_args: args.try_into().unwrap(),
        });
        as_address(invoke(self.node, &self.root, f, &[])?)
    }

    /// contracts/README.md: the multisig proposes, a second signer approves, a third executes.
    fn admin_call(&mut self, multisig: &ScAddress, target: &ScAddress, function: &str, args: Vec<ScVal>) -> Result<(), String> {
        let action = variant(
            "Invoke",
            vec![record(vec![("contract", addr(target)), ("function", sym(function)), ("args", scval::vec(args))])],
        );
        let (s1, s2, s3) = (key("signer-1"), key("signer-2"), key("signer-3"));
        let id = invoke(self.node, &s1, call(multisig, "propose_admin_action", vec![addr(&account("signer-1")), action]), &[])?;
        invoke(self.node, &s2, call(multisig, "approve_admin_action", vec![addr(&account("signer-2")), id.clone()]), &[])?;
        invoke(self.node, &s3, call(multisig, "execute_admin_action", vec![addr(&account("signer-3")), id]), &[])?;
        Ok(())
    }

    fn grant(&mut self, multisig: &ScAddress, target: &ScAddress, who: ScAddress, role: &str) -> Result<(), String> {
        self.admin_call(multisig, target, "grant_role", vec![addr(&who), sym(role), addr(multisig)])
    }
}

/// Builds the genesis state into `node`: accounts and trustlines as the first ledger's entries,
/// then one transaction per deployment step. Contracts whose wasm is not in `wasm_dir` are
/// skipped (listed in the manifest under `missing`), as are the ones that depend on them.
pub fn genesis(node: &mut Node, wasm_dir: &Path) -> Result<Value, String> {
    let ledger = node.ledger;
    for name in ACCOUNTS {
        let balance = if name == "root" { 100_000_000_000 * XLM } else { 10_000 * XLM };
        node.entries.put_account(ledger::new_account(key(name).account_id(), balance, ledger), ledger);
    }
    for (holder, amount) in USDC_HOLDERS {
        credit_usdc(node, &key(holder).account_id(), amount)?;
    }
    let mut d = Deployer { node, root: key("root") };

    let sac = as_address(invoke(
        d.node,
        &d.root,
        HostFunction::CreateContractV2(CreateContractArgsV2 {
            contract_id_preimage: ContractIdPreimage::Asset(asset()),
            executable: ContractExecutable::StellarAsset,
            constructor_args: Default::default(),
        }),
        &[],
    )?)?;

    let mut hashes = serde_json::Map::new();
    let mut missing = vec![];
    let mut code = std::collections::HashMap::new();
    for c in CONTRACTS {
        let path = wasm_dir.join(format!("traqora_{c}.wasm"));
        match std::fs::read(&path) {
            Ok(bytes) => {
                let h = d.upload(bytes)?;
                hashes.insert(c.into(), json!(crate::node::hex(&h.0)));
                code.insert(c, h);
            }
            Err(_) => missing.push(c),
        }
    }
    let have = |c: &str| code.contains_key(c);
    let mut ids = serde_json::Map::new();
    let treasury = account("treasury");
    let put = |ids: &mut serde_json::Map<String, Value>, name: &str, a: &ScAddress| {
        ids.insert(name.into(), json!(address_strkey(a)));
    };

    let mut wired = vec![];
    if have("multisig") {
        let ms = d.create(
            "multisig",
            code["multisig"].clone(),
            vec![scval::vec(vec![addr(&account("signer-1")), addr(&account("signer-2")), addr(&account("signer-3"))]), ScVal::U32(2), ScVal::U64(7 * DAY)],
        )?;
        put(&mut ids, "multisig", &ms);
        let flights = if have("airline") {
            let a = d.create("airline", code["airline"].clone(), vec![addr(&ms), ScVal::U64(3_600)])?;
            put(&mut ids, "airline", &a);
            Some(a)
        } else {
            None
        };
        let escrow = match (&flights, have("escrow")) {
            (Some(flights), true) => {
                let e = d.create(
                    "escrow",
                    code["escrow"].clone(),
                    vec![
                        addr(&ms),
                        record(vec![
                            ("token", addr(&sac)),
                            ("treasury", addr(&treasury)),
                            ("flights", addr(flights)),
                            ("receipts", option(None)),
                            ("fee_bps", ScVal::U32(250)),
                            ("large_refund_threshold", i128(1_000 * USDC as i128)),
                            ("refund_delay", ScVal::U64(DAY)),
                            ("settlement_window", ScVal::U64(3 * DAY)),
                        ]),
                    ],
                )?;
                put(&mut ids, "escrow", &e);
                Some(e)
            }
            _ => None,
        };
        if let Some(escrow) = &escrow {
            if have("receipts") {
                let r = d.create("receipts", code["receipts"].clone(), vec![addr(&ms), addr(escrow), string("https://traqora.local/receipts/")])?;
                put(&mut ids, "receipts", &r);
                d.admin_call(&ms, escrow, "set_receipts", vec![addr(&r)])?;
                wired.push("escrow.set_receipts(receipts)");
            }
            d.admin_call(&ms, escrow, "set_quote_signer", vec![scval::bytes(&key("platform").public())])?;
            wired.push("escrow.set_quote_signer(platform)");
            d.grant(&ms, escrow, account("server"), "settler")?;
            wired.push("escrow.grant_role(server, settler)");
        }
        if let Some(flights) = &flights {
            d.grant(&ms, flights, account("airline"), "airline")?;
            wired.push("airline.grant_role(airline, airline)");
        }
        if let (Some(escrow), Some(flights), true) = (&escrow, &flights, have("oracle")) {
            let o = d.create(
                "oracle",
                code["oracle"].clone(),
                vec![
                    addr(&ms),
                    record(vec![
                        ("stake_token", addr(&sac)),
                        ("escrow", addr(escrow)),
                        ("flights", addr(flights)),
                        ("treasury", addr(&treasury)),
                        ("min_stake", i128(1_000 * USDC as i128)),
                        ("quorum", ScVal::U32(2)),
                        ("dispute_window", ScVal::U64(6 * 3_600)),
                        ("dispute_bond", i128(100 * USDC as i128)),
                        ("slash_bps", ScVal::U32(5_000)),
                    ]),
                ],
            )?;
            put(&mut ids, "oracle", &o);
            d.grant(&ms, escrow, o, "settler")?;
            wired.push("escrow.grant_role(oracle, settler)");
        }
        let supply: i128 = 100_000_000 * USDC as i128;
        let trq = if have("trq") {
            let t = d.create("trq", code["trq"].clone(), vec![addr(&ms), addr(&account("trq-treasury")), i128(supply), i128(10 * supply)])?;
            put(&mut ids, "trq", &t);
            Some(t)
        } else {
            None
        };
        if let (Some(trq), true) = (&trq, have("governor")) {
            let g = d.create(
                "governor",
                code["governor"].clone(),
                vec![addr(&ms), addr(trq), ScVal::U32(720), ScVal::U32(17_280), u128(1_000 * USDC as u128), u128(5_000 * USDC as u128), ScVal::U32(8_640)],
            )?;
            put(&mut ids, "governor", &g);
        }
        if let (Some(escrow), Some(trq), true) = (&escrow, &trq, have("disputes")) {
            let dsp = d.create(
                "disputes",
                code["disputes"].clone(),
                vec![
                    addr(&ms),
                    record(vec![
                        ("escrow", addr(escrow)),
                        ("votes_token", addr(trq)),
                        ("stake_token", addr(&sac)),
                        ("treasury", addr(&treasury)),
                        ("filing_stake", i128(25 * USDC as i128)),
                        ("appeal_multiplier", ScVal::U32(2)),
                        ("jury_fee_bps", ScVal::U32(1_000)),
                        ("min_juror_power", u128(100 * USDC as u128)),
                        ("commit_period", ScVal::U64(DAY)),
                        ("reveal_period", ScVal::U64(DAY)),
                        ("appeal_window", ScVal::U64(2 * DAY)),
                    ]),
                ],
            )?;
            put(&mut ids, "disputes", &dsp);
            d.grant(&ms, escrow, dsp, "arbiter")?;
            wired.push("escrow.grant_role(disputes, arbiter)");
        }
        if have("loyalty") {
            let l = d.create("loyalty", code["loyalty"].clone(), vec![addr(&ms)])?;
            put(&mut ids, "loyalty", &l);
            d.grant(&ms, &l, account("syncer"), "syncer")?;
            wired.push("loyalty.grant_role(syncer, syncer)");
        }
    }

    let accounts: serde_json::Map<String, Value> = ACCOUNTS
        .iter()
        .map(|n| (n.to_string(), json!({ "publicKey": key(n).address(), "secretSeed": key(n).secret() })))
        .collect();
    Ok(json!({
        "networkPassphrase": d.node.settings.passphrase,
        "note": "development keys only: derived from public names, never use them on a real network",
        "accounts": accounts,
        "asset": { "code": ASSET_CODE, "issuer": key("issuer").address(), "contractId": address_strkey(&sac) },
        "contracts": ids,
        "wasmHashes": hashes,
        "missing": missing,
        "wiring": wired,
        "quoteSigner": crate::node::hex(&key("platform").public()),
    }))
}
