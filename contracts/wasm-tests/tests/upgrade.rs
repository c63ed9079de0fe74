//! A real upgrade on the wasm: the escrow's code is replaced with a second version's wasm through
//! the admin multisig, as on the network (upload, then a 2-of-3 proposal `upgrade(hash, multisig)`).
//! The bookings, the money and the roles survive; the new version's `migrate` converts the config
//! once and refuses to run again.

use soroban_sdk::testutils::{Address as _, MockAuth, MockAuthInvoke};
use soroban_sdk::{vec, Address, BytesN, Executable, IntoVal};
use traqora_common::BookingState;
use traqora_escrow_v2::EscrowV2Client;
use traqora_exports::world::*;

const PRICE: i128 = 450_0000000;

#[test]
fn multisig_installs_a_second_wasm_version_keeping_storage_and_migrating_once() {
    let w = World::on_wasm();
    let f = w.flight(PRICE);
    let alice = w.passenger(2 * PRICE);
    w.pay(&alice, 1, f);
    w.pay(&alice, 2, f);
    w.escrow.request_delayed_refund(&w.airline, &2);
    let before = (w.escrow.get_booking(&1), w.escrow.get_booking(&2), w.escrow.total_held());
    let config = w.escrow.get_config();
    assert_eq!(w.escrow.storage_version(), 1);

    let v2_hash: BytesN<32> = w.env.deployer().upload_contract_wasm(wasm("traqora_escrow_v2"));
    let ms = w.multisig.address.clone();
    // a single signer cannot swap the code: the escrow's admin is the multisig
    w.env.mock_auths(&[MockAuth {
        address: &w.signers[0],
        invoke: &MockAuthInvoke {
            contract: &w.escrow.address,
            fn_name: "upgrade",
            args: (v2_hash.clone(), w.signers[0].clone()).into_val(&w.env),
            sub_invokes: &[],
        },
    }]);
    assert!(w.escrow.try_upgrade(&v2_hash, &w.signers[0]).is_err());
    w.env.mock_all_auths();
    w.admin_call(&w.escrow.address, "upgrade", vec![&w.env, v2_hash.into_val(&w.env), ms.into_val(&w.env)]);
    assert_eq!(w.escrow.address.executable(), Some(Executable::Wasm(v2_hash)));

    let v2 = EscrowV2Client::new(&w.env, &w.escrow.address);
    assert_eq!(v2.version(), 2);
    // storage survived the code swap: same bookings, same total, same admin, same money
    assert_eq!((v2.get_booking(&1), v2.get_booking(&2), v2.total_held()), before);
    assert_eq!(v2.get_booking(&2).state, BookingState::RefundRequested);
    assert_eq!(w.usdc.balance(&w.escrow.address), 2 * PRICE);
    assert_eq!(v2.storage_version(), 1);
    assert_eq!(v2.config_v2(), None);

    // migrate is admin-only…
    let stranger = Address::generate(&w.env);
    w.env.mock_auths(&[MockAuth {
        address: &stranger,
        invoke: &MockAuthInvoke { contract: &w.escrow.address, fn_name: "migrate", args: ().into_val(&w.env), sub_invokes: &[] },
    }]);
    assert!(v2.try_migrate().is_err());
    w.env.mock_all_auths();
    // …runs once through the multisig…
    w.admin_call(&w.escrow.address, "migrate", vec![&w.env]);
    assert_eq!(v2.storage_version(), 2);
    let migrated = v2.config_v2().expect("converted config");
    assert_eq!((migrated.v1.fee_bps, migrated.v1.token, migrated.min_amount), (config.fee_bps, config.token, 1));
    // …and never twice (AlreadyMigrated, 14)
    assert_eq!(
        v2.try_migrate().unwrap_err().unwrap(),
        soroban_sdk::Error::from(traqora_escrow_v2::EscrowV2Error::AlreadyMigrated)
    );
    assert_eq!(v2.storage_version(), 2);
    assert_eq!(v2.get_booking(&1), before.0);
}
