//! Cost report on the wasm, the network's metering: every scenario of `traqora_exports::costs`
//! runs on the built wasm and natively, printed side by side. Every call must fit the
//! per-transaction CPU and memory limits. Every call a traveller, airline or admin signs stays
//! within a tenth of the CPU limit; the keepers' batches listed in `KEEPER_BATCHES` within a fifth.
//!
//!     cargo test --workspace --features traqora-wasm-tests/wasm --test costs -- --nocapture
//!
//! Limits and fee rates, and where they come from:
//! * per-transaction CPU limit: 100,000,000 instructions, the lowest published value
//!   (developers.stellar.org "Resource Limits & Fees", per-transaction limits). soroban-sdk
//!   26.1.1's `InvocationResourceLimits::mainnet()`, which the test host enforces, allows 600 M,
//!   so this check is the stricter one.
//! * fees: `cost_estimate().fee()`, soroban-sdk 26.1.1's mainnet fee snapshot (25 stroops per
//!   10,000 instructions, 6,250 per disk-read entry, 10,000 per written entry, 1,786 per disk-read
//!   KB, 3,500 per written KB, 10,000 per KB of events, rent at 12,000 per KB), the same rates
//!   as the "Resource Fees" table of that page. Not included: the inclusion fee and the
//!   transaction-size (bandwidth) fee, 1,624 stroops per KB of envelope.

use traqora_exports::costs::{self, group, Row};
use traqora_exports::world::Code;

const TX_MAX_INSTRUCTIONS: i64 = 100_000_000;
/// Per-transaction memory limit, 40 MiB (same page, and the SDK).
const TX_MEMORY_LIMIT: i64 = 41_943_040;
/// Each call a person signs uses at most a tenth of the CPU limit.
const CALL_BUDGET: i64 = TX_MAX_INSTRUCTIONS / 10;
/// Batches a server keeper submits (no person waits on them, and one batch replaces several
/// transactions) may use up to a fifth: the 10-item release batch (13 %) and the oracle's 5-item
/// settlement batch (16 %). Listed so that any other call above the user budget fails the test,
/// and a keeper batch that fits has to be taken off. See contracts/README.md, *Cost report*.
const KEEPER_BUDGET: i64 = TX_MAX_INSTRUCTIONS / 5;
const KEEPER_BATCHES: [&str; 2] = ["batch_release_payments (10)", "oracle.settle_bookings (5)"];

/// Rows that are sums of several transactions, not one call.
fn is_single_call(r: &Row) -> bool {
    !r.name.contains(" × ")
}

#[test]
fn wasm_costs_side_by_side_with_native_and_within_budget() {
    let native = costs::scenarios(Code::Native);
    let wasm = costs::scenarios(Code::Wasm);
    let mut over = Vec::new();
    for (n, w) in native.iter().zip(&wasm) {
        assert_eq!(n.title, w.title);
        println!("\n**{}**\n", w.title);
        println!("| call | CPU native | CPU wasm | % of tx CPU limit | memory bytes | entries read | entries written | bytes written | event bytes | fee native | fee wasm (stroops) |");
        println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (nr, wr) in n.rows.iter().zip(&w.rows) {
            assert_eq!(nr.name, wr.name);
            // the same calls write the same entries, whatever runs them (reads differ: the wasm
            // run also reads each contract's code entry)
            assert_eq!(nr.writes, wr.writes, "{}", wr.name);
            let pct = wr.instructions as f64 * 100.0 / TX_MAX_INSTRUCTIONS as f64;
            println!(
                "| {} | {} | {} | {:.1}% | {} | {} | {} | {} | {} | {} | {} |",
                wr.name, group(nr.instructions), group(wr.instructions), pct, group(wr.mem), wr.reads, wr.writes,
                group(wr.write_bytes as i64), group(wr.event_bytes as i64), group(nr.fee), group(wr.fee)
            );
            assert!(wr.instructions > nr.instructions, "{}: the wasm run should meter the VM", wr.name);
            if is_single_call(wr) {
                assert!(wr.instructions <= TX_MAX_INSTRUCTIONS && wr.mem <= TX_MEMORY_LIMIT, "{} exceeds a tx limit", wr.name);
                if wr.instructions > CALL_BUDGET {
                    over.push(wr.name.clone());
                    assert!(wr.instructions <= KEEPER_BUDGET, "{} above the keepers' budget", wr.name);
                }
            }
        }
    }
    assert_eq!(over, KEEPER_BATCHES, "calls above {} instructions (10% of the tx CPU limit)", group(CALL_BUDGET));
}
