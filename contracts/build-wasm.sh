#!/usr/bin/env bash
# Builds every Traqora contract to wasm32v1-none (release profile), the bytes the network runs.
#
#   ./build-wasm.sh                  build into target/wasm/, print sizes, check the size limit,
#                                    compare with the committed wasm-hashes.txt
#   ./build-wasm.sh --update-hashes  the same, then rewrite wasm-hashes.txt
#   ./build-wasm.sh --reproducible   two builds from clean target dirs must give the same bytes
# Then the tests on those bytes: cargo test --workspace --features traqora-wasm-tests/wasm
#
# Toolchain (Debian bookworm-security, offline-friendly; see README "Building the wasm"):
#   apt-get install -y rustc-web cargo-web rust-web-src lld-19 binaryen
# It is Debian's rustc/cargo 1.96 with the standard library's source: core and alloc are built
# for wasm32v1-none with -Zbuild-std (RUSTC_BOOTSTRAP=1 unlocks it on a stable compiler), linked
# with wasm-ld-19, then shrunk with binaryen's wasm-opt when that makes the file smaller.
set -euo pipefail
cd "$(dirname "$0")"

# contract_max_size_bytes: 131,072 (128 KiB) on mainnet and testnet. Sources: developers.stellar.org
# "Resource Limits & Fees" (individual ledger entry size, Wasm entries included: 128 KiB) and
# soroban-sdk 26.1.1 InvocationResourceLimits::mainnet().max_contract_code_entry_size_bytes.
MAX_WASM_BYTES=131072
CONTRACTS=(multisig airline escrow receipts oracle trq governor disputes loyalty)
# Built and hashed like the others, but never deployed: the second version the wasm upgrade test
# installs through the multisig.
FIXTURES=(escrow-v2)
OUT=target/wasm
HASHES=wasm-hashes.txt

mode=check
case "${1:-}" in
  "") ;;
  --update-hashes) mode=update ;;
  --reproducible) mode=reproducible ;;
  *) echo "usage: $0 [--update-hashes|--reproducible]" >&2; exit 2 ;;
esac

for tool in /usr/bin/cargo /usr/bin/rustc wasm-ld-19 wasm-opt sha256sum; do
  command -v "$tool" >/dev/null || {
    echo "missing $tool: apt-get install -y rustc-web cargo-web rust-web-src lld-19 binaryen" >&2
    exit 1
  }
done

# Debian's cargo and rustc, never rustup's (no wasm32v1-none std there, and another version).
export RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1
export CARGO_TARGET_WASM32V1_NONE_LINKER=wasm-ld-19
# OZ 0.7 turns on soroban-sdk's experimental_spec_shaking_v2, whose build script insists that the
# build system then strips unused spec entries (stellar-cli does). This script does it instead:
# see shake_spec below.
export SOROBAN_SDK_BUILD_SYSTEM_SUPPORTS_SPEC_SHAKING_V2=1
# Reproducible across checkouts and machines: no absolute path of this machine in the bytes.
export CARGO_TARGET_WASM32V1_NONE_RUSTFLAGS="--remap-path-prefix=$PWD=/traqora/contracts --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=/cargo"

crate_name() { echo "traqora_${1//-/_}"; }

# build <cargo target dir> <output dir>
build() {
  local target_dir=$1 out=$2 pkgs=()
  for c in "${CONTRACTS[@]}" "${FIXTURES[@]}"; do pkgs+=(-p "traqora-$c"); done
  CARGO_TARGET_DIR=$target_dir nice -n 10 /usr/bin/cargo build --locked --release \
    --target wasm32v1-none -Zbuild-std=core,alloc "${pkgs[@]}"
  build_shaker
  mkdir -p "$out"
  for c in "${CONTRACTS[@]}" "${FIXTURES[@]}"; do
    local name raw shaken opt
    name=$(crate_name "$c")
    raw=$target_dir/wasm32v1-none/release/$name.wasm
    shaken=$out/$name.shaken.wasm
    opt=$out/$name.opt.wasm
    shake_spec "$raw" "$shaken"
    # Soroban's VM accepts MVP wasm plus mutable globals and sign extension: wasm-opt may use
    # nothing else (and refuses input that does).
    wasm-opt -Oz --mvp-features --enable-mutable-globals --enable-sign-ext "$shaken" -o "$opt"
    if [ "$(stat -c %s "$opt")" -lt "$(stat -c %s "$shaken")" ]; then
      mv "$opt" "$out/$name.wasm"
    else
      mv "$shaken" "$out/$name.wasm"
    fi
    rm -f "$opt" "$shaken"
  done
}

# The shaker runs natively, built exactly as `npm test`'s `cargo test --workspace` builds it: the
# same cargo and rustc (rustup's, not the Debian toolchain exported above) and none of the
# wasm-only variables, so cargo finds the test build already there instead of rebuilding the whole
# native workspace (~13 GB of debug artefacts, twice) with another compiler.
SHAKER=target/debug/shake-spec
build_shaker() {
  local log
  log=$(mktemp)
  if ! env -u RUSTC -u RUSTDOC -u RUSTC_BOOTSTRAP -u SOROBAN_SDK_BUILD_SYSTEM_SUPPORTS_SPEC_SHAKING_V2 \
    nice -n 10 cargo test --locked -q --workspace --no-run >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "building the native shake-spec tool failed (output above)" >&2
    return 1
  fi
  rm -f "$log"
}

# Keeps only the spec entries the contract uses (the markers soroban-sdk leaves in the data
# section), as stellar-cli does for spec shaking v2, so the wasm and spec/*.json agree.
shake_spec() {
  "$SHAKER" "$1" "$2"
}


report() {
  local out=$1 over=0
  printf '%-28s %10s %10s\n' wasm bytes "% of max"
  for c in "${CONTRACTS[@]}"; do
    local f size
    f=$out/$(crate_name "$c").wasm
    size=$(stat -c %s "$f")
    printf '%-28s %10d %9d%%\n' "$(basename "$f")" "$size" $((size * 100 / MAX_WASM_BYTES))
    if [ "$size" -gt "$MAX_WASM_BYTES" ]; then
      echo "  ^ over the network's contract_max_size_bytes ($MAX_WASM_BYTES)" >&2
      over=1
    fi
  done
  return $over
}

hashes() { (cd "$1" && sha256sum -- *.wasm); }

case $mode in
  check | update)
    build target/wasm-cargo "$OUT"
    report "$OUT"
    if [ $mode = update ]; then
      hashes "$OUT" >"$HASHES"
      echo "wrote $HASHES"
    elif ! diff <(hashes "$OUT") "$HASHES"; then
      echo "wasm differs from $HASHES (a source, dependency or toolchain change?);" \
        "rerun with --update-hashes if intended" >&2
      exit 1
    else
      echo "hashes match $HASHES"
    fi
    ;;
  reproducible)
    rm -rf target/wasm-repro-a target/wasm-repro-b
    build target/wasm-repro-a/cargo target/wasm-repro-a/out
    build target/wasm-repro-b/cargo target/wasm-repro-b/out
    diff <(hashes target/wasm-repro-a/out) <(hashes target/wasm-repro-b/out)
    diff <(hashes target/wasm-repro-a/out) "$HASHES"
    echo "two clean builds are identical and match $HASHES"
    ;;
esac
