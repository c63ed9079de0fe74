//! The admin-gated OpenZeppelin entry points that most Traqora contracts expose word for word.

/// Generates `pause`/`unpause` (OZ `Pausable`) and `upgrade` (OZ `Upgradeable`) for a contract,
/// each gated by `#[only_admin]` (the admin is the admin multisig):
///
/// ```ignore
/// traqora_common::admin_pausable_upgradeable!(Escrow);
/// ```
///
/// Only the identical entry points are folded. `migrate` stays in each contract: it carries the
/// contract's own error and doc comment, and it is where a future v2 writes its conversion.
///
/// The expansion names `soroban_sdk`, `stellar_contract_utils` and `stellar_macros` by path, so the
/// calling crate depends on them (every contract does). Parameter names and the absence of doc
/// comments are part of the exported spec: changing either changes `spec/*.json`.
#[macro_export]
macro_rules! admin_pausable_upgradeable {
    ($contract:ident) => {
        #[soroban_sdk::contractimpl(contracttrait)]
        impl stellar_contract_utils::pausable::Pausable for $contract {
            #[stellar_macros::only_admin]
            fn pause(e: &soroban_sdk::Env, _caller: soroban_sdk::Address) {
                stellar_contract_utils::pausable::pause(e);
            }

            #[stellar_macros::only_admin]
            fn unpause(e: &soroban_sdk::Env, _caller: soroban_sdk::Address) {
                stellar_contract_utils::pausable::unpause(e);
            }
        }

        $crate::admin_upgradeable!($contract);
    };
}

/// Generates the admin-gated `upgrade` alone, for contracts that are not pausable (TRQ, the
/// governor).
#[macro_export]
macro_rules! admin_upgradeable {
    ($contract:ident) => {
        #[soroban_sdk::contractimpl]
        impl stellar_contract_utils::upgradeable::Upgradeable for $contract {
            #[stellar_macros::only_admin]
            fn upgrade(
                e: &soroban_sdk::Env,
                new_wasm_hash: soroban_sdk::BytesN<32>,
                _operator: soroban_sdk::Address,
            ) {
                stellar_contract_utils::upgradeable::upgrade(e, &new_wasm_hash);
            }
        }
    };
}
