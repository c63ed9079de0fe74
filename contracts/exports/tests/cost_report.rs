//! Cost report of the native build: CPU instructions, memory, ledger entries, bytes and the fee
//! estimate of each main entry point (`traqora_exports::costs`). Printed, never asserted; the
//! wasm run, which is what the network charges, is `wasm-tests/tests/costs.rs`.
//!
//!     cargo test -p traqora-exports --test cost_report -- --ignored --nocapture
//!
//! Native test builds do not meter the wasm VM, so these are lower bounds.

use traqora_exports::costs;
use traqora_exports::world::Code;

#[test]
#[ignore = "prints a cost report; run with --ignored --nocapture"]
fn cost_report() {
    costs::print(&costs::scenarios(Code::Native));
}
