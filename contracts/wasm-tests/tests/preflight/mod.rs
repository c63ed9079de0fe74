//! Shared by devnet_preflight.rs: the same `pay_quoted` in the test host's World and on the
//! devnet ([`pair`]), their footprints keyed alike ([`footprint`]), fees per component ([`fees`]).

pub mod fees;
pub mod footprint;
pub mod pair;

/// Prints `text` past cargo test's output capture (which takes `print!`, not direct writes to
/// stdout), so `cargo test --workspace` — CI's log — shows the comparison tables without
/// `--nocapture`. One write per table, so tests running in parallel do not interleave lines.
pub fn show(text: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}
