//! Writes `fixtures/quotes/pay_quoted.json`: one deterministic payment quote, its XDR and the
//! platform's signature over it, for the TypeScript side to prove that its encoder produces the
//! same bytes and that a signature made the way the server makes it is one the escrow accepts.
//! Fails when the committed file differs from this run (`UPDATE_EXPORTS=1` rewrites).
//!
//! Everything is fixed: the signer and the accounts come from constant seeds (real `G…`
//! accounts, as passengers and airlines are), the escrow the quote names is registered at a
//! constant contract id, and ed25519 signatures are deterministic. The same quote is then paid on
//! that escrow, so the fixture is one the contract accepts; another escrow trusting the same key
//! refuses it (`WrongEscrow`).

use ed25519_dalek::SigningKey;
use soroban_sdk::testutils::Ledger as _;
use soroban_sdk::xdr::{
    AccountId, ContractId, Hash, Limits, PublicKey, ReadXdr, ScAddress, ScVal, ToXdr, Uint256,
    WriteXdr,
};
use soroban_sdk::{vec, Address, BytesN, Env, String, TryFromVal};
use traqora_common::{BookingState, QUOTED_FLIGHT_BIT};
use traqora_escrow::{Escrow, EscrowClient, EscrowConfig, EscrowError, PaymentQuote, QuoteItem};
use traqora_exports::check_export;
use traqora_exports::world::{sign_quote, test_env, DAY, FEE_BPS, T0};
use traqora_trq::TrqToken;

/// The platform's quote key in the fixture. Test-only: never a deployment's key.
const SIGNER_SEED: [u8; 32] = [0x51; 32];
const PASSENGER_SEED: [u8; 32] = [0x70; 32];
/// The sponsor (the platform's loyalty-liability account) paying part of the first segment.
const SPONSOR_SEED: [u8; 32] = [0x5B; 32];
const AIRLINE_SEEDS: [[u8; 32]; 2] = [[0xA1; 32], [0xA2; 32]];
/// The contract id of the escrow the fixture's quote is for, and that the test pays it on. A
/// constant rather than the test host's next generated id, so the file does not depend on what
/// else the test registers first. (A deployment's id comes from its deployer and salt.)
const ESCROW_ID: [u8; 32] = [0xEC; 32];

/// The `G…` account of an ed25519 key made from `seed`.
fn account(env: &Env, seed: &[u8; 32]) -> Address {
    let public = SigningKey::from_bytes(seed).verifying_key().to_bytes();
    let sc = ScAddress::Account(AccountId(PublicKey::PublicKeyTypeEd25519(Uint256(public))));
    Address::try_from_val(env, &sc).unwrap()
}

/// The `C…` address of the fixture's escrow.
fn escrow_address(env: &Env) -> Address {
    Address::try_from_val(env, &ScAddress::Contract(ContractId(Hash(ESCROW_ID)))).unwrap()
}

fn strkey(a: &Address) -> std::string::String {
    a.to_string().to_string()
}

fn hex(bytes: &[u8]) -> std::string::String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A return trip on two airlines; booking ids are 63-bit, as the app derives them, and flight ids
/// are the app's (117 and 4015) with `QUOTED_FLIGHT_BIT` (2^63) set, as the app sends them, so
/// neither fits a JavaScript number. Points pay 25 USDC of the first segment's fare: that item is
/// sponsored and the quote names its sponsor, so both new fields carry a value.
fn fixture_quote(env: &Env) -> PaymentQuote {
    let out = T0 + 30 * DAY + 11 * 3_600;
    let back = T0 + 37 * DAY + 18 * 3_600;
    PaymentQuote {
        escrow: escrow_address(env),
        expires_at: T0 + 15 * 60,
        items: vec![
            env,
            QuoteItem {
                airline: account(env, &AIRLINE_SEEDS[0]),
                amount: 612_4500000,
                arrival: out + 7 * 3_600 + 55 * 60,
                booking_id: 8_142_357_905_110_263_377,
                departure: out,
                flight_id: QUOTED_FLIGHT_BIT | 117,
                flight_number: String::from_str(env, "BA117"),
                sponsored: 25_0000000,
            },
            QuoteItem {
                airline: account(env, &AIRLINE_SEEDS[1]),
                amount: 538_0500000,
                arrival: back + 8 * 3_600 + 10 * 60,
                booking_id: 1_297_036_692_682_702_848,
                departure: back,
                flight_id: QUOTED_FLIGHT_BIT | 4_015,
                flight_number: String::from_str(env, "AA101"),
                sponsored: 0,
            },
        ],
        passenger: account(env, &PASSENGER_SEED),
        sponsor: Some(account(env, &SPONSOR_SEED)),
    }
}

fn render(quote: &PaymentQuote, xdr_base64: &str, signature: &BytesN<64>) -> std::string::String {
    let signer = SigningKey::from_bytes(&SIGNER_SEED);
    let items: std::vec::Vec<std::string::String> = quote
        .items
        .iter()
        .map(|i| {
            format!(
                "      {{\n        \"airline\": \"{}\",\n        \"amount\": \"{}\",\n        \"arrival\": \"{}\",\n        \
                 \"booking_id\": \"{}\",\n        \"departure\": \"{}\",\n        \"flight_id\": \"{}\",\n        \
                 \"flight_number\": \"{}\",\n        \"sponsored\": \"{}\"\n      }}",
                strkey(&i.airline),
                i.amount,
                i.arrival,
                i.booking_id,
                i.departure,
                i.flight_id,
                i.flight_number,
                i.sponsored,
            )
        })
        .collect();
    format!(
        "{{\n  \"signer_seed_hex\": \"{}\",\n  \"signer_public_hex\": \"{}\",\n  \"quote\": {{\n    \
         \"escrow\": \"{}\",\n    \"passenger\": \"{}\",\n    \"sponsor\": \"{}\",\n    \"expires_at\": \"{}\",\n    \"items\": [\n{}\n    ]\n  }},\n  \
         \"quote_xdr_base64\": \"{}\",\n  \"signature_hex\": \"{}\"\n}}\n",
        hex(&SIGNER_SEED),
        hex(&signer.verifying_key().to_bytes()),
        strkey(&quote.escrow),
        strkey(&quote.passenger),
        strkey(quote.sponsor.as_ref().expect("the fixture names a sponsor")),
        quote.expires_at,
        items.join(",\n"),
        xdr_base64,
        hex(&signature.to_array()),
    )
}

#[test]
fn pay_quoted_fixture() {
    let env = test_env();
    let quote = fixture_quote(&env);
    let signer = SigningKey::from_bytes(&SIGNER_SEED);
    let signature = sign_quote(&env, &signer, &quote);

    // The signed bytes are the XDR of the quote's ScVal: a map whose keys are the field names in
    // the order they are declared (alphabetical), items likewise.
    let bytes: std::vec::Vec<u8> = quote.clone().to_xdr(&env).iter().collect();
    let scval = ScVal::from_xdr(&bytes, Limits::none()).unwrap();
    let ScVal::Map(Some(map)) = &scval else { panic!("a quote is an ScMap") };
    let keys: std::vec::Vec<std::string::String> = map
        .iter()
        .map(|e| match &e.key {
            ScVal::Symbol(s) => s.to_utf8_string_lossy(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(keys, ["escrow", "expires_at", "items", "passenger", "sponsor"]);
    let xdr_base64 = scval.to_xdr_base64(Limits::none()).unwrap();

    check_export("fixtures/quotes/pay_quoted.json", &render(&quote, &xdr_base64, &signature));

    // The escrow it names accepts it. The payment token here is a contract token (TRQ), because
    // Stellar Asset Contract balances of `G…` accounts need trustlines the test host does not
    // create.
    env.mock_all_auths();
    let passenger = quote.passenger.clone();
    let admin = account(&env, &[0x01; 32]);
    let total: i128 = quote.items.iter().map(|i| i.amount).sum();
    let sponsored: i128 = quote.items.iter().map(|i| i.sponsored).sum();
    let sponsor = quote.sponsor.clone().unwrap();
    let token = env.register(TrqToken, (&admin, &passenger, total, 10 * total));
    // the passenger holds what it pays, the sponsor the sponsored part
    soroban_sdk::token::Client::new(&env, &token).transfer(&passenger, &sponsor, &sponsored);
    let config = EscrowConfig {
        token: token.clone(),
        treasury: admin.clone(),
        flights: admin.clone(),
        receipts: None,
        fee_bps: FEE_BPS,
        large_refund_threshold: 0,
        refund_delay: 0,
        settlement_window: 3 * DAY,
    };
    let public = BytesN::from_array(&env, &signer.verifying_key().to_bytes());
    let escrow_id = env.register_at(&escrow_address(&env), Escrow, (&admin, config.clone()));
    assert_eq!(strkey(&escrow_id), strkey(&quote.escrow));
    let escrow = EscrowClient::new(&env, &escrow_id);
    escrow.set_quote_signer(&public);
    env.ledger().set_timestamp(quote.expires_at);
    // another deployment trusting the same key refuses it: the quote is not for it
    let elsewhere = EscrowClient::new(&env, &env.register(Escrow, (&admin, config)));
    elsewhere.set_quote_signer(&public);
    let refused = elsewhere.try_pay_quoted(&quote, &signature);
    assert_eq!(refused.err().unwrap().unwrap(), EscrowError::WrongEscrow.into());
    let bookings = escrow.pay_quoted(&quote, &signature);
    assert_eq!(bookings.len(), 2);
    for (b, i) in bookings.iter().zip(quote.items.iter()) {
        assert_eq!((b.id, b.amount, b.airline, b.state), (i.booking_id, i.amount, i.airline, BookingState::Paid));
    }
    assert_eq!(escrow.total_held(), total);
    let tok = soroban_sdk::token::Client::new(&env, &token);
    assert_eq!((tok.balance(&passenger), tok.balance(&sponsor), tok.balance(&escrow_id)), (0, 0, total));
}
