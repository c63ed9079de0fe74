//! traqora-devnet [--port 8000] [--host 127.0.0.1] [--wasm-dir ../target/wasm] [--state FILE]
//!                [--close-ms 1000] [--passphrase "…"] [--manifest FILE]
//!
//! Starts from --state when that file exists, otherwise from genesis (then writes it there).

use std::path::PathBuf;
use std::time::Duration;

use traqora_devnet::node::Node;
use traqora_devnet::server::{serve, Options};
use traqora_devnet::settings::{Settings, DEFAULT_PASSPHRASE};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut port = 8000u16;
    let mut host = "127.0.0.1".to_string();
    let mut wasm_dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../target/wasm"));
    let mut state: Option<PathBuf> = None;
    let mut close_ms = 1000u64;
    let mut passphrase = DEFAULT_PASSPHRASE.to_string();
    let mut manifest: Option<PathBuf> = None;
    while let Some(flag) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage(&format!("{flag} needs a value")));
        match flag.as_str() {
            "--port" => port = value().parse().unwrap_or_else(|_| usage("--port: a number")),
            "--host" => host = value(),
            "--wasm-dir" => wasm_dir = value().into(),
            "--state" => state = Some(value().into()),
            "--close-ms" => close_ms = value().parse().unwrap_or_else(|_| usage("--close-ms: a number")),
            "--passphrase" => passphrase = value(),
            "--manifest" => manifest = Some(value().into()),
            "-h" | "--help" => usage(""),
            other => usage(&format!("unknown argument {other}")),
        }
    }
    let mut node = Node::new(Settings::new(&passphrase));
    match &state {
        Some(path) if path.exists() => {
            if let Err(e) = traqora_devnet::store::load(&mut node, path) {
                eprintln!("traqora-devnet: {}: {e}", path.display());
                std::process::exit(1);
            }
            eprintln!("traqora-devnet: restored ledger {} from {}", node.ledger, path.display());
        }
        _ => {
            let started = std::time::Instant::now();
            match traqora_devnet::genesis::genesis(&mut node, &wasm_dir) {
                Ok(m) => node.manifest = m,
                Err(e) => {
                    eprintln!("traqora-devnet: genesis failed: {e}");
                    std::process::exit(1);
                }
            }
            eprintln!("traqora-devnet: genesis in {:.1}s, ledger {}, missing wasm: {}", started.elapsed().as_secs_f64(), node.ledger, node.manifest["missing"]);
        }
    }
    if let Some(path) = &manifest {
        std::fs::write(path, serde_json::to_string_pretty(&node.manifest).unwrap()).expect("writing the manifest");
    }
    if let Err(e) = serve(node, Options { host, port, close_every: Duration::from_millis(close_ms), state_file: state }) {
        eprintln!("traqora-devnet: {e}");
        std::process::exit(1);
    }
}

fn usage(problem: &str) -> ! {
    if !problem.is_empty() {
        eprintln!("traqora-devnet: {problem}");
    }
    eprintln!("usage: traqora-devnet [--port 8000] [--host 127.0.0.1] [--wasm-dir DIR] [--state FILE] [--close-ms 1000] [--passphrase P] [--manifest FILE]");
    std::process::exit(2);
}
