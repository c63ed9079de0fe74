//! `spec/<contract>.json` is read from each built wasm's `contractspecv0` section (after
//! build-wasm.sh's spec shaking), so the TypeScript clients are bound to the bytes deployed.
//! `UPDATE_EXPORTS=1` rewrites the files from the wasm; otherwise any difference fails.

use soroban_sdk::xdr::{Limits, ScSpecEntry, WriteXdr};
use traqora_exports::{check_export, spec_json};
use traqora_exports::world::wasm;

const CONTRACTS: [&str; 9] = ["multisig", "airline", "escrow", "receipts", "oracle", "trq", "governor", "disputes", "loyalty"];

fn entries(name: &str) -> Vec<ScSpecEntry> {
    soroban_spec::read::from_wasm(wasm(&format!("traqora_{name}"))).expect("contractspecv0")
}

#[test]
fn committed_spec_is_the_wasm_spec() {
    for name in CONTRACTS {
        let raw: Vec<Vec<u8>> = entries(name).iter().map(|e| e.to_xdr(Limits::none()).unwrap()).collect();
        let refs: Vec<&[u8]> = raw.iter().map(|r| &r[..]).collect();
        check_export(&format!("spec/{name}.json"), &spec_json(&refs));
    }
}
