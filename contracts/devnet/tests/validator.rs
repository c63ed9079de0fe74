//! The devnet refuses what a validator refuses and keeps what it applied. Runs without the
//! contracts' wasm: the test stablecoin's Stellar Asset Contract is built into the host, so a
//! token transfer exercises signatures, sequence numbers, fees, footprints, auth entries and
//! events on the real host.

use soroban_env_host::xdr::{
    HostFunction, InvokeContractArgs, Limits, ReadXdr, ScAddress, ScVal, SorobanCredentials, TransactionEnvelope,
    TransactionExt, TransactionResult, TransactionResultResult,
};
use serde_json::json;
use traqora_devnet::genesis::{genesis, key, USDC};
use traqora_devnet::keys::{address_strkey, Keypair};
use traqora_devnet::node::{Node, Sent};
use traqora_devnet::scval::{addr, i128};
use traqora_devnet::settings::{Settings, DEFAULT_PASSPHRASE};
use traqora_devnet::submit::{self, envelope, prepare, send_and_close, sign_auth, signed};

fn devnet() -> (Node, ScAddress) {
    let mut node = Node::new(Settings::new(DEFAULT_PASSPHRASE));
    let empty = std::env::temp_dir().join("traqora-devnet-no-wasm");
    std::fs::create_dir_all(&empty).unwrap();
    node.manifest = genesis(&mut node, &empty).unwrap();
    let sac = node.manifest["asset"]["contractId"].as_str().unwrap().to_string();
    let sac = ScAddress::Contract(soroban_env_host::xdr::ContractId(soroban_env_host::xdr::Hash(
        stellar_strkey::Contract::from_string(&sac).unwrap().0,
    )));
    (node, sac)
}

fn account(name: &str) -> ScAddress {
    ScAddress::Account(key(name).account_id())
}

fn transfer(sac: &ScAddress, from: &str, to: &str, amount: i128) -> HostFunction {
    HostFunction::InvokeContract(InvokeContractArgs {
        contract_address: sac.clone(),
        function_name: "transfer".try_into().unwrap(),
        args: vec![addr(&account(from)), addr(&account(to)), i128(amount)].try_into().unwrap(),
    })
}

fn balance(node: &mut Node, sac: &ScAddress, who: &str) -> i128 {
    let f = HostFunction::InvokeContract(InvokeContractArgs {
        contract_address: sac.clone(),
        function_name: "balance".try_into().unwrap(),
        args: vec![addr(&account(who))].try_into().unwrap(),
    });
    match prepare(node, &key("root"), &f).unwrap().result {
        ScVal::I128(p) => ((p.hi as i128) << 64) | p.lo as i128,
        other => panic!("balance: {other:?}"),
    }
}

fn refused(sent: Sent) -> TransactionResultResult {
    match sent {
        Sent::Error { result, .. } => result.result,
        Sent::Pending(_) => panic!("accepted"),
        Sent::Duplicate(_) => panic!("duplicate"),
    }
}

#[test]
fn a_signed_transfer_moves_money_records_the_result_and_its_event() {
    let (mut node, sac) = devnet();
    let env = signed(&node, &key("passenger"), transfer(&sac, "passenger", "airline", 25 * USDC as i128), &[]).unwrap();
    let rec = send_and_close(&mut node, env).unwrap();
    assert!(rec.successful, "{:?}", rec.error);
    assert_eq!(balance(&mut node, &sac, "airline"), 25 * USDC as i128);
    assert_eq!(balance(&mut node, &sac, "passenger"), 9_975 * USDC as i128);
    let result = TransactionResult::from_xdr_base64(&rec.result, Limits::none()).unwrap();
    assert!(matches!(result.result, TransactionResultResult::TxSuccess(_)));
    // the fee charged is the inclusion fee plus the resource fee actually used, never more than bid
    assert!(rec.fee_charged > 100 && rec.cpu_insns > 0);
    let page = node.get_events(&json!({ "startLedger": rec.ledger, "filters": [{ "contractIds": [address_strkey(&sac)] }] })).unwrap();
    let events = page["events"].as_array().unwrap();
    assert_eq!(events.len(), 1, "{page}");
    assert_eq!(events[0]["txHash"], json!(rec.hash));
    let topic0 = ScVal::from_xdr_base64(events[0]["topic"][0].as_str().unwrap(), Limits::none()).unwrap();
    assert_eq!(topic0, traqora_devnet::scval::sym("transfer"));
}

#[test]
fn a_transaction_signed_by_the_wrong_key_is_refused_and_changes_nothing() {
    let (mut node, sac) = devnet();
    let good = signed(&node, &key("passenger"), transfer(&sac, "passenger", "airline", USDC as i128), &[]).unwrap();
    let TransactionEnvelope::Tx(v1) = good else { unreachable!() };
    let forged = envelope(&node, v1.tx.clone(), &[&Keypair::from_name("mallory")]);
    assert_eq!(refused(node.send(forged)), TransactionResultResult::TxBadAuth);
    let unsigned = envelope(&node, v1.tx, &[]);
    assert_eq!(refused(node.send(unsigned)), TransactionResultResult::TxBadAuth);
    node.close();
    assert_eq!(balance(&mut node, &sac, "airline"), 0);
}

#[test]
fn a_stale_or_skipped_sequence_number_is_refused() {
    let (mut node, sac) = devnet();
    let first = signed(&node, &key("passenger"), transfer(&sac, "passenger", "airline", USDC as i128), &[]).unwrap();
    let TransactionEnvelope::Tx(v1) = first.clone() else { unreachable!() };
    assert!(send_and_close(&mut node, first).unwrap().successful);
    // the same sequence number again, in a different transaction
    let mut again = v1.tx.clone();
    again.memo = soroban_env_host::xdr::Memo::Id(1);
    let e = envelope(&node, again, &[&key("passenger")]);
    assert_eq!(refused(node.send(e)), TransactionResultResult::TxBadSeq);
    let mut skipped = v1.tx;
    skipped.seq_num.0 += 2;
    let e = envelope(&node, skipped, &[&key("passenger")]);
    assert_eq!(refused(node.send(e)), TransactionResultResult::TxBadSeq);
}

#[test]
fn a_fee_below_the_resource_fee_is_refused() {
    let (node, sac) = devnet();
    let env = signed(&node, &key("passenger"), transfer(&sac, "passenger", "airline", USDC as i128), &[]).unwrap();
    let TransactionEnvelope::Tx(v1) = env else { unreachable!() };
    let mut tx = v1.tx;
    let TransactionExt::V1(data) = &tx.ext else { unreachable!() };
    tx.fee = data.resource_fee as u32; // nothing left for the inclusion fee
    let mut node = node;
    let e = envelope(&node, tx, &[&key("passenger")]);
    assert_eq!(refused(node.send(e)), TransactionResultResult::TxInsufficientFee);
}

#[test]
fn another_accounts_authorization_must_be_signed_by_its_key_and_not_expired() {
    let (mut node, sac) = devnet();
    // the server sends a transfer out of the passenger's balance: the passenger must authorise it
    let f = transfer(&sac, "passenger", "airline", 5 * USDC as i128);
    let p = prepare(&node, &key("server"), &f).unwrap();
    assert!(matches!(p.auth[0].credentials, SorobanCredentials::Address(_)));
    let build = |node: &Node, auth| {
        let seq = node.entries.account(&key("server").account_id()).unwrap().seq_num.0 + 1;
        let mut tx = submit::build(&key("server"), f.clone(), auth, seq);
        tx.fee = (100 + p.data.resource_fee) as u32;
        tx.ext = TransactionExt::V1(p.data.clone());
        envelope(node, tx, &[&key("server")])
    };
    // signed by someone else: accepted into the ledger (the envelope is fine), fails in the host
    let mallory = Keypair::from_name("mallory");
    let wrong = p.auth.iter().cloned().map(|e| traqora_devnet::auth::sign_entry(&node.settings.network_id, &mallory, e, node.ledger + 10)).collect();
    let e = build(&node, wrong);
    let rec = send_and_close(&mut node, e).unwrap();
    assert!(!rec.successful);
    // signed by the passenger but expired (valid until a ledger already closed)
    let expired = p.auth.iter().cloned().map(|e| traqora_devnet::auth::sign_entry(&node.settings.network_id, &key("passenger"), e, node.ledger)).collect();
    let e = build(&node, expired);
    let rec = send_and_close(&mut node, e).unwrap();
    assert!(!rec.successful);
    assert_eq!(balance(&mut node, &sac, "airline"), 0);
    // properly signed: it goes through
    let good = sign_auth(&node, p.auth.clone(), &[&key("passenger")]).unwrap();
    let e = build(&node, good);
    let rec = send_and_close(&mut node, e).unwrap();
    assert!(rec.successful, "{:?}", rec.error);
    assert_eq!(balance(&mut node, &sac, "airline"), 5 * USDC as i128);
}

#[test]
fn restarting_from_the_file_keeps_the_ledger() {
    let (mut node, sac) = devnet();
    let env = signed(&node, &key("passenger"), transfer(&sac, "passenger", "treasury", 7 * USDC as i128), &[]).unwrap();
    let rec = send_and_close(&mut node, env).unwrap();
    let path = std::env::temp_dir().join(format!("traqora-devnet-restart-{}.json", std::process::id()));
    traqora_devnet::store::save(&node, &path).unwrap();

    let mut restarted = Node::new(Settings::new(DEFAULT_PASSPHRASE));
    traqora_devnet::store::load(&mut restarted, &path).unwrap();
    std::fs::remove_file(&path).unwrap();
    assert_eq!(restarted.ledger, node.ledger);
    assert_eq!(restarted.entries.0.len(), node.entries.0.len());
    assert_eq!(restarted.get_transaction(&rec.hash), node.get_transaction(&rec.hash));
    let q = json!({ "startLedger": 1, "pagination": { "limit": 1000 } });
    assert_eq!(restarted.get_events(&q).unwrap()["events"], node.get_events(&q).unwrap()["events"]);
    assert_eq!(balance(&mut restarted, &sac, "treasury"), 7 * USDC as i128);
    // and it goes on from there: the passenger's next sequence number is accepted
    let env = signed(&restarted, &key("passenger"), transfer(&sac, "passenger", "treasury", USDC as i128), &[]).unwrap();
    assert!(send_and_close(&mut restarted, env).unwrap().successful);
    assert_eq!(balance(&mut restarted, &sac, "treasury"), 8 * USDC as i128);
    // another network's file is refused
    traqora_devnet::store::save(&restarted, &path).unwrap();
    let mut other = Node::new(Settings::new("Some Other Network"));
    assert!(traqora_devnet::store::load(&mut other, &path).is_err());
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn faults_asked_for_fail_once_at_their_stage_and_change_nothing_but_fee_and_sequence() {
    use traqora_devnet::faults::Stage;
    use traqora_devnet::rpc::dispatch;
    let (mut node, sac) = devnet();
    let env = signed(&node, &key("passenger"), transfer(&sac, "passenger", "airline", USDC as i128), &[]).unwrap();
    let params = json!({ "transaction": traqora_devnet::simulate::b64(&env) });

    node.faults.push(Stage::Simulate, Some("HostError: Error(Contract, #16)".into()));
    let sim = dispatch(&mut node, "", "simulateTransaction", &params).unwrap();
    assert_eq!(sim["error"], json!("HostError: Error(Contract, #16)"));
    assert!(dispatch(&mut node, "", "simulateTransaction", &params).unwrap()["error"].is_null(), "once");

    node.faults.push(Stage::Send, None);
    let sent = dispatch(&mut node, "", "sendTransaction", &params).unwrap();
    assert_eq!(sent["status"], json!("ERROR"));
    let result = TransactionResult::from_xdr_base64(sent["errorResultXdr"].as_str().unwrap(), Limits::none()).unwrap();
    assert_eq!(result.result, TransactionResultResult::TxInternalError);

    // the friendbot's CreateAccount is not an invocation: the chain fault waits for one
    node.faults.push(Stage::Chain, Some("injected".into()));
    let (status, _) = traqora_devnet::server::fund(&mut node, Some(&Keypair::from_name("newcomer").address()));
    assert_eq!(status, 200);
    let seq = node.entries.account(&key("passenger").account_id()).unwrap().seq_num.0;
    let rec = send_and_close(&mut node, env).unwrap();
    assert!(!rec.successful);
    assert_eq!(rec.error.as_deref(), Some("injected"));
    let result = TransactionResult::from_xdr_base64(&rec.result, Limits::none()).unwrap();
    assert!(matches!(result.result, TransactionResultResult::TxFailed(_)), "{result:?}");
    assert!(rec.fee_charged >= 100);
    assert_eq!(node.entries.account(&key("passenger").account_id()).unwrap().seq_num.0, seq + 1);
    assert_eq!(balance(&mut node, &sac, "airline"), 0);
    // and the next one goes through
    let again = signed(&node, &key("passenger"), transfer(&sac, "passenger", "airline", USDC as i128), &[]).unwrap();
    assert!(send_and_close(&mut node, again).unwrap().successful);
}
