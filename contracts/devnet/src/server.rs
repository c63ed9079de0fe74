//! HTTP: JSON-RPC at POST /, the friendbot, and the devnet's control endpoints under /devnet.
//! One thread owns the node; it serves requests and closes a ledger every `close_every`.

use std::io::Read;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use soroban_env_host::xdr::{
    CreateAccountOp, Memo, MuxedAccount, Operation, OperationBody, Preconditions, SequenceNumber, Transaction,
    TransactionExt, Uint256,
};
use tiny_http::{Header, Method, Request, Response, Server};

use crate::faults::Stage;
use crate::genesis::{credit_usdc, key, XLM};
use crate::keys::parse_account;
use crate::node::Node;
use crate::rpc::dispatch;
use crate::settings::BASE_FEE;
use crate::submit::{envelope, send_and_close};

pub struct Options {
    pub host: String,
    pub port: u16,
    /// Zero: ledgers close only on demand (POST /devnet/close) and when a friendbot call needs one.
    pub close_every: Duration,
    pub state_file: Option<PathBuf>,
}

/// What a new account gets from the friendbot, like testnet's.
pub const FRIENDBOT_XLM: i64 = 10_000 * XLM;

pub fn serve(mut node: Node, opts: Options) -> std::io::Result<()> {
    let server = Server::http((opts.host.as_str(), opts.port)).map_err(std::io::Error::other)?;
    let base = format!("http://{}:{}", opts.host, server.server_addr().to_ip().map(|a| a.port()).unwrap_or(opts.port));
    let friendbot = format!("{base}/friendbot");
    println!("traqora-devnet listening on {base} (ledger {}, {})", node.ledger, node.settings.passphrase);
    let mut next_close = Instant::now() + opts.close_every;
    let mut closes_since_save = 0u32;
    loop {
        let wait = if opts.close_every.is_zero() { Duration::from_secs(3600) } else { next_close.saturating_duration_since(Instant::now()) };
        if let Ok(Some(req)) = server.recv_timeout(wait) {
            handle(&mut node, &friendbot, req);
        }
        if !opts.close_every.is_zero() && Instant::now() >= next_close {
            node.close();
            closes_since_save += 1;
            next_close += opts.close_every;
            if next_close < Instant::now() {
                next_close = Instant::now() + opts.close_every;
            }
        }
        // every ledger that applied something, and now and then so the sequence survives a restart
        if let Some(path) = &opts.state_file {
            if node.dirty || closes_since_save >= 30 {
                if let Err(e) = crate::store::save(&node, path) {
                    eprintln!("traqora-devnet: writing {}: {e}", path.display());
                }
                node.dirty = false;
                closes_since_save = 0;
            }
        }
    }
}

fn respond(req: Request, status: u16, body: Value) {
    let mut r = Response::from_string(body.to_string()).with_status_code(status);
    for (k, v) in [
        ("content-type", "application/json"),
        // the browser calls RPC from the app's origin
        ("access-control-allow-origin", "*"),
        ("access-control-allow-methods", "GET, POST, OPTIONS"),
        ("access-control-allow-headers", "content-type, x-client-name, x-client-version"),
        ("access-control-allow-private-network", "true"),
    ] {
        r.add_header(Header::from_bytes(k, v).unwrap());
    }
    let _ = req.respond(r);
}

fn text(body: String) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_string(body).with_header(Header::from_bytes("content-type", "text/plain; charset=utf-8").unwrap())
}

/// The app's settings for this network (.env lines): the soroban rail on the devnet's escrow,
/// the server account as settler and the platform key as quote signer, as genesis wired them.
pub fn app_env(node: &Node, base: &str) -> String {
    let m = &node.manifest;
    let ids: Vec<String> = m["contracts"]
        .as_object()
        .map(|o| o.iter().map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or_default())).collect())
        .unwrap_or_default();
    let secret = |name: &str| m["accounts"][name]["secretSeed"].as_str().unwrap_or_default().to_string();
    format!(
        "# traqora-devnet: development keys only\nPAYMENT_RAIL=soroban\nSTELLAR_RPC_URL={base}\nSTELLAR_NETWORK_PASSPHRASE={}\nTRAQORA_CONTRACT_IDS={}\nSTELLAR_SERVER_SECRET={}\nSTELLAR_QUOTE_SECRET={}\nLOYALTY_LIABILITY_SECRET={}\n",
        node.settings.passphrase,
        ids.join(","),
        secret("server"),
        secret("platform"),
        secret("loyalty-liability"),
    )
}

fn query(url: &str, name: &str) -> Option<String> {
    url.split_once('?')?.1.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == name).then(|| v.replace("%3A", ":").replace("%3a", ":"))
    })
}

fn handle(node: &mut Node, friendbot: &str, mut req: Request) {
    let url = req.url().to_string();
    let path = url.split('?').next().unwrap_or("/").to_string();
    match (req.method().clone(), path.as_str()) {
        (Method::Options, _) => respond(req, 204, Value::Null),
        (Method::Post, "/") | (Method::Post, "/rpc") => {
            let mut body = String::new();
            if req.as_reader().take(4 << 20).read_to_string(&mut body).is_err() {
                return respond(req, 400, json!({ "jsonrpc": "2.0", "id": null, "error": { "code": -32700, "message": "unreadable body" } }));
            }
            let Ok(call) = serde_json::from_str::<Value>(&body) else {
                return respond(req, 200, json!({ "jsonrpc": "2.0", "id": null, "error": { "code": -32700, "message": "parse error" } }));
            };
            let id = call["id"].clone();
            let method = call["method"].as_str().unwrap_or_default().to_string();
            let out = match dispatch(node, friendbot, &method, &call["params"]) {
                Ok(result) => json!({ "jsonrpc": "2.0", "id": id, "result": result }),
                Err((code, message)) => json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } }),
            };
            respond(req, 200, out)
        }
        (Method::Get, "/") => respond(req, 200, json!({ "status": "healthy", "service": "traqora-devnet", "latestLedger": node.ledger })),
        (_, "/friendbot") => {
            let (status, body) = fund(node, query(&url, "addr").as_deref());
            respond(req, status, body)
        }
        (Method::Get, "/devnet") => {
            let mut m = node.manifest.clone();
            m["latestLedger"] = json!(node.ledger);
            respond(req, 200, m)
        }
        (Method::Post, "/devnet/close") => {
            let ledger = node.close();
            respond(req, 200, json!({ "ledger": ledger }))
        }
        (Method::Post, "/devnet/mint") => {
            let holder = query(&url, "addr").as_deref().and_then(parse_account);
            let amount = query(&url, "amount").and_then(|a| a.parse::<i64>().ok()).filter(|a| *a > 0);
            match (holder, amount) {
                (Some(h), Some(a)) => match credit_usdc(node, &h, a) {
                    Ok(balance) => respond(req, 200, json!({ "balance": balance.to_string() })),
                    Err(e) => respond(req, 400, json!({ "detail": e })),
                },
                (None, _) => respond(req, 400, json!({ "detail": "addr: a G… account address" })),
                (_, None) => respond(req, 400, json!({ "detail": "amount: a positive number of stroops" })),
            }
        }
        (Method::Post, "/devnet/fail-next") => {
            let mut body = String::new();
            let _ = req.as_reader().take(64 << 10).read_to_string(&mut body);
            let call: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
            match call["stage"].as_str().and_then(Stage::parse) {
                Some(stage) => {
                    node.faults.push(stage, call["reason"].as_str().map(str::to_string));
                    respond(req, 200, json!({ "queued": call["stage"] }))
                }
                None => respond(req, 400, json!({ "detail": "stage: simulate, send or chain" })),
            }
        }
        (Method::Get, "/devnet/costs") => respond(req, 200, node.costs()),
        (Method::Get, "/devnet/env") => {
            let base = friendbot.trim_end_matches("/friendbot");
            let _ = req.respond(text(app_env(node, base)));
        }
        _ => respond(req, 404, json!({ "detail": format!("no route {path}") })),
    }
}

/// The friendbot: a real CreateAccount transaction from the root account, applied in a ledger
/// closed for it; answers like testnet's friendbot (hash, result_meta_xdr) or 400.
pub fn fund(node: &mut Node, addr: Option<&str>) -> (u16, Value) {
    let Some(dest) = addr.and_then(parse_account) else {
        return (400, json!({ "detail": "addr: a G… account address" }));
    };
    if node.entries.account(&dest).is_some() {
        return (400, json!({ "detail": "createAccountAlreadyExist: the account is already funded" }));
    }
    let root = key("root");
    let seq = node.entries.account(&root.account_id()).map(|a| a.seq_num.0).unwrap_or(0);
    let pending = node.pending.iter().filter(|p| p.source == root.account_id()).map(|p| p.tx.seq_num.0).max().unwrap_or(seq);
    let tx = Transaction {
        source_account: MuxedAccount::Ed25519(Uint256(root.public())),
        fee: BASE_FEE as u32,
        seq_num: SequenceNumber(pending + 1),
        cond: Preconditions::None,
        memo: Memo::None,
        operations: vec![Operation {
            source_account: None,
            body: OperationBody::CreateAccount(CreateAccountOp { destination: dest, starting_balance: FRIENDBOT_XLM }),
        }]
        .try_into()
        .unwrap(),
        ext: TransactionExt::V0,
    };
    let env = envelope(node, tx, &[&root]);
    match send_and_close(node, env) {
        Ok(rec) if rec.successful => (200, json!({ "hash": rec.hash, "successful": true, "ledger": rec.ledger, "result_meta_xdr": rec.meta, "envelope_xdr": rec.envelope, "result_xdr": rec.result })),
        Ok(rec) => (400, json!({ "detail": rec.error })),
        Err(e) => (500, json!({ "detail": e })),
    }
}
