//! Tests on the wasm the network runs; see the `tests/` directory. Everything shared with the
//! native tests (the wired deployment, quote signing) is `traqora_exports::world`, deployed on
//! [`traqora_exports::world::Code::Wasm`].
