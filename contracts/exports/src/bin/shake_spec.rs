//! `shake-spec <in.wasm> <out.wasm>`: removes the spec entries a contract does not use from its
//! `contractspecv0` section, which is what stellar-cli does after `cargo build` when soroban-sdk's
//! spec shaking v2 is on (OZ 0.7 turns it on). `build-wasm.sh` runs it on every contract, so the
//! deployed wasm, `spec/*.json` and the TypeScript clients all carry the same entries.
//!
//! soroban-sdk leaves a marker (`SpEcV1` + 8 bytes of the entry's hash) in the data section for
//! every type and event the code really uses; entries without a marker are dropped, functions are
//! always kept (`soroban_spec::shaking`). Every other byte of the module is copied unchanged.

use soroban_sdk::xdr::{Limits, WriteXdr};

const SPEC_SECTION: &str = "contractspecv0";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, output] = &args[..] else {
        eprintln!("usage: shake-spec <in.wasm> <out.wasm>");
        std::process::exit(2);
    };
    let wasm = std::fs::read(input).unwrap_or_else(|e| panic!("{input}: {e}"));
    let shaken = shake(&wasm);
    std::fs::write(output, shaken).unwrap_or_else(|e| panic!("{output}: {e}"));
}

fn shake(wasm: &[u8]) -> Vec<u8> {
    let entries = soroban_spec::read::from_wasm(wasm).expect("a contract spec");
    let markers = soroban_spec::shaking::find_all(wasm);
    let mut spec = Vec::new();
    for entry in soroban_spec::shaking::filter(entries, &markers) {
        spec.extend(entry.to_xdr(Limits::none()).expect("xdr"));
    }
    replace_custom_section(wasm, SPEC_SECTION, &spec)
}

/// Copies the module, writing `data` as the first custom section called `name` and dropping any
/// further ones (the linker merges them, so there is one).
fn replace_custom_section(wasm: &[u8], name: &str, data: &[u8]) -> Vec<u8> {
    assert_eq!(&wasm[..4], b"\0asm", "not a wasm module");
    let mut out = wasm[..8].to_vec();
    let mut pos = 8;
    let mut written = false;
    while pos < wasm.len() {
        let start = pos;
        let id = wasm[pos];
        pos += 1;
        let size = read_leb(wasm, &mut pos) as usize;
        let body = pos;
        pos += size;
        if id == 0 {
            let mut p = body;
            let len = read_leb(wasm, &mut p) as usize;
            if &wasm[p..p + len] == name.as_bytes() {
                if !written {
                    let mut payload = Vec::new();
                    write_leb(&mut payload, len as u32);
                    payload.extend_from_slice(name.as_bytes());
                    payload.extend_from_slice(data);
                    out.push(0);
                    write_leb(&mut out, payload.len() as u32);
                    out.extend(payload);
                    written = true;
                }
                continue;
            }
        }
        out.extend_from_slice(&wasm[start..pos]);
    }
    assert!(written, "no {name} section");
    out
}

fn read_leb(b: &[u8], pos: &mut usize) -> u32 {
    let (mut v, mut shift) = (0u32, 0);
    loop {
        let byte = b[*pos];
        *pos += 1;
        v |= ((byte & 0x7f) as u32) << shift;
        if byte & 0x80 == 0 {
            return v;
        }
        shift += 7;
    }
}

fn write_leb(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}
