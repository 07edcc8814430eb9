#!/usr/bin/env bash
# Builds the chain artifacts: every contract under contracts/ (or only the ones named) and,
# built the same way, the reference contracts from crates.io: cw20-base 2.0 (the flow-token's
# size and gas yardstick), cw4-group 2.0 (a holon's membership group, which the real-wasm
# tests and the gas benchmark in tests/vm run) and cw3-flex-multisig 2.0 (the members' own
# governance of a holon, which scripts/deploy.mjs wires by default).
#
#   scripts/build-wasm.sh [CONTRACT...]
#
# 1. cargo build --release --locked --lib --target wasm32-unknown-unknown, stripped, with the
#    checkout, $CARGO_HOME and the target dir remapped to fixed names (--remap-path-prefix):
#    with the toolchain of rust-toolchain.toml and Cargo.lock, clean clones at any path on
#    any machine give byte-identical artifacts (scripts/verify.mjs relies on it)
# 2. binaryen's wasm-opt (npm package pinned by scripts/package-lock.json) optimises for size
#    and lowers the bulk-memory and non-trapping float-to-int instructions that Rust >= 1.87
#    emits and no released wasmd accepts
# 3. check-wasm (tests/vm: cosmwasm-vm 3.0.10's check_wasm with wasmd's capabilities and
#    limits, then a compile with the VM's engine: what cosmwasm-check 3.0.10 does) validates
#    each artifact as the chain would. Built in the dev profile so that the tests reuse the
#    compiled cosmwasm-vm and wasmer: `cargo run -p flow-vm` (then `cargo test -p flow-vm`
#    compiles no VM again), or with CHECK_WASM_WORKSPACE=1 (scripts/test.sh) from the
#    binaries of `cargo test --workspace --no-run`, which the test stage then only runs
#    (the workspace unifies other features, so a `-p flow-vm` build would not be reused),
#    or CHECK_WASM_BIN=PATH, a check-wasm already built
# 4. artifacts/checksums.txt (sha256sum format), artifacts/build-info.txt (what built them)
#    and a size table
#
# Out: artifacts/<contract_underscored>.wasm,
#      artifacts/reference/{cw20_base,cw4_group,cw3_flex_multisig}.wasm.
# Fails (non-zero, with the reason) if a build, wasm-opt or check-wasm fails, or if an
# artifact is larger than the chain's upload limit of 819,200 bytes.
# Quick when nothing changed: cargo is incremental and wasm-opt is skipped for inputs it has
# already lowered with the same flags.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

MAX_BYTES=819200
# -Os first, the lowering passes last, so that no later pass brings bulk memory back.
# The stripped input has no target_features section, so the features it uses are named.
WASM_OPT_FLAGS=(-Os
    --enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int
    --enable-sign-ext --enable-mutable-globals
    --llvm-memory-copy-fill-lowering --llvm-nontrapping-fptoint-lowering)
TARGET=wasm32-unknown-unknown
TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
# The wasm builds' flags: stripped, and no path of this machine in the bytes (panic messages
# name source files): the registry sources, the checkout and the target dir (build scripts'
# OUT_DIR) get fixed names; the last matching prefix wins, so the target dir (which may lie
# inside the checkout) comes last. build-info.txt records them with the paths as names.
CARGO_HOME_DIR="${CARGO_HOME:-$HOME/.cargo}"
mkdir -p "$TARGET_DIR"
TARGET_DIR="$(cd "$TARGET_DIR" && pwd)"
WASM_RUSTFLAGS="-C link-arg=-s --remap-path-prefix=$CARGO_HOME_DIR=/cargo --remap-path-prefix=$root=/cw-flow --remap-path-prefix=$TARGET_DIR=/cw-flow/target"
WASM_RUSTFLAGS_RECORDED="-C link-arg=-s --remap-path-prefix=\$CARGO_HOME=/cargo --remap-path-prefix=<checkout>=/cw-flow --remap-path-prefix=<target dir>=/cw-flow/target"
# Reference wrappers: DIR:ARTIFACT (each crate's lib is DIR's basename with '-' → '_').
# cw3-flex-multisig's build time on 2 cores: 8 s beside the other references (only cw3,
# cw3-fixed-multisig and itself compile; the rest is shared in target/reference), 33 s alone
# in an empty target dir, plus 10 s of wasm-opt; nothing when it is up to date.
REFERENCES=("scripts/reference/cw20-base-ref:cw20_base" "scripts/reference/cw4-group-ref:cw4_group"
    "scripts/reference/cw3-flex-multisig-ref:cw3_flex_multisig")
STAMPS="$TARGET_DIR/wasm-opt-stamps"

die() {
    echo >&2
    echo "build-wasm.sh: FAILED: $*" >&2
    exit 1
}
now() { date +%s; }
stage_name=""
stage_start=$(now)
# stage NAME: ends the running stage (printing how long it took) and starts NAME.
stage() {
    local t
    t=$(now)
    [ -z "$stage_name" ] || echo "--- $stage_name: $((t - stage_start)) s"
    stage_name="$*"
    stage_start=$t
    [ -z "$stage_name" ] || printf '\n=== %s\n' "$stage_name"
}
# ratio A B: A / B with three decimals; percent A B: 100 * A / B with one.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
percent() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", 100 * a / b }'; }
kib() { awk -v a="$1" 'BEGIN { printf "%.1f", a / 1024 }'; }

# --- what to build -----------------------------------------------------------------------
all=()
for manifest in contracts/*/Cargo.toml; do
    all+=("$(basename "$(dirname "$manifest")")")
done
if [ $# -gt 0 ]; then
    contracts=("$@")
    for c in "${contracts[@]}"; do
        [ -f "contracts/$c/Cargo.toml" ] || die "no contract named '$c' (have: ${all[*]})"
    done
else
    contracts=("${all[@]}")
fi

# --- tools --------------------------------------------------------------------------------
stage "tools"
WASM_OPT="$root/scripts/node_modules/.bin/wasm-opt"
if [ ! -x "$WASM_OPT" ]; then
    echo "wasm-opt not found: installing scripts/node_modules (npm ci)"
    (cd scripts && npm ci --no-audit --no-fund) || die "npm ci in scripts/ failed"
fi
wasm_opt_version="$("$WASM_OPT" --version)" || die "$WASM_OPT does not run"
echo "wasm-opt:       $wasm_opt_version"
rustc_version="$(rustc --version)" || die "rustc does not run"
echo "rustc:          $rustc_version"
# rust-toolchain.toml pins the toolchain (rustup picks it); another rustc gives other bytes.
pinned_rust="$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml 2>/dev/null)"
case "$rustc_version" in
"rustc $pinned_rust "*) ;;
*) echo "warning: built with $rustc_version, not Rust $pinned_rust (rust-toolchain.toml):" \
    "checksums will differ from a pinned build's (scripts/verify.mjs), sizes from BENCHMARKS.md's" ;;
esac
if command -v rustup >/dev/null 2>&1; then
    rustup target list --installed | grep -qx "$TARGET" ||
        die "the $TARGET target is missing: rustup target add $TARGET"
fi

# --- cargo --------------------------------------------------------------------------------
stage "cargo build"
echo "contracts: ${contracts[*]}"
pkgs=()
for c in "${contracts[@]}"; do pkgs+=(-p "$c"); done
RUSTFLAGS="$WASM_RUSTFLAGS" cargo build --release --locked --lib --target "$TARGET" "${pkgs[@]}" ||
    die "cargo build of ${contracts[*]} for $TARGET"

stage "cargo build (reference)"
for ref in "${REFERENCES[@]}"; do
    ref_dir="${ref%%:*}"
    echo "${ref##*:} through $ref_dir"
    RUSTFLAGS="$WASM_RUSTFLAGS" cargo build --release --lib --locked --target "$TARGET" \
        --manifest-path "$ref_dir/Cargo.toml" --target-dir "$TARGET_DIR/reference" ||
        die "cargo build of the reference $ref_dir"
done

# --- wasm-opt -----------------------------------------------------------------------------
stage "wasm-opt"
echo "flags: ${WASM_OPT_FLAGS[*]}"
mkdir -p artifacts/reference "$STAMPS"
flags_key="$wasm_opt_version ${WASM_OPT_FLAGS[*]}"

# optimise IN OUT: runs wasm-opt unless OUT was made from the same IN with the same flags.
optimise() {
    local in="$1" out="$2" stamp key
    [ -f "$in" ] || die "cargo produced no $in"
    stamp="$STAMPS/$(echo "$out" | tr '/' '_').stamp"
    key="$(sha256sum "$in" | cut -d' ' -f1) $flags_key"
    if [ -f "$out" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$key" ]; then
        echo "up to date: $out"
        return
    fi
    rm -f "$stamp"
    "$WASM_OPT" "${WASM_OPT_FLAGS[@]}" "$in" -o "$out.tmp" >"$STAMPS/wasm-opt.log" 2>&1 || {
        head -c 4000 "$STAMPS/wasm-opt.log" >&2
        rm -f "$out.tmp"
        die "wasm-opt on $in (log: $STAMPS/wasm-opt.log)"
    }
    mv "$out.tmp" "$out"
    echo "$key" >"$stamp"
    echo "optimised:  $out"
}

artifacts=()
for c in "${contracts[@]}"; do
    name="${c//-/_}"
    optimise "$TARGET_DIR/$TARGET/release/$name.wasm" "artifacts/$name.wasm"
    artifacts+=("artifacts/$name.wasm")
done
for ref in "${REFERENCES[@]}"; do
    ref_dir="${ref%%:*}"
    ref_lib="$(basename "$ref_dir" | tr '-' '_')"
    optimise "$TARGET_DIR/reference/$TARGET/release/$ref_lib.wasm" "artifacts/reference/${ref##*:}.wasm"
    artifacts+=("artifacts/reference/${ref##*:}.wasm")
done
reference="artifacts/reference/cw20_base.wasm"

# --- check-wasm ---------------------------------------------------------------------------
# tests/vm's check-wasm (src/bin/check-wasm.rs), built as the tests build flow-vm (dev
# profile, no RUSTFLAGS of the wasm builds) so that the test stage compiles no VM again.
stage "check-wasm (cosmwasm-vm 3.0.10, wasmd's capabilities)"
failed=()
check_log="$TARGET_DIR/check-wasm.log"
if [ -n "${CHECK_WASM_BIN:-}" ]; then
    # A check-wasm already built (e2e 12-upgrade's second build of the contracts uses the
    # checkout's own, instead of compiling the VM again in its target dir).
    [ -x "$CHECK_WASM_BIN" ] || die "CHECK_WASM_BIN=$CHECK_WASM_BIN is not an executable"
    check_wasm=("$CHECK_WASM_BIN")
elif [ "${CHECK_WASM_WORKSPACE:-0}" = 1 ]; then
    echo "building the workspace's tests (cargo test --workspace --no-run), check-wasm among them"
    cargo test -q --workspace --no-run || die "cargo test --workspace --no-run (building check-wasm)"
    check_wasm=("$TARGET_DIR/debug/check-wasm")
else
    check_wasm=(cargo run -q -p flow-vm --bin check-wasm --)
fi
if "${check_wasm[@]}" "${artifacts[@]}" >"$check_log" 2>&1; then
    cat "$check_log"
else
    cat "$check_log" >&2
    mapfile -t failed < <(sed -n 's/^FAIL: \([^:]*\): .*/\1/p' "$check_log")
    [ ${#failed[@]} -gt 0 ] || failed=("check-wasm did not run (log: $check_log)")
fi

# --- checksums and sizes ------------------------------------------------------------------
stage "checksums and sizes"
(cd artifacts && sha256sum -- *.wasm reference/*.wasm >checksums.txt)
# What built them: the same source gives the same bytes only with the same tools and flags.
# Nothing here names this machine's paths, so two builds' build-info.txt compare too.
{
    echo "rustc: $(rustc -vV | tr '\n' ' ' | sed 's/ *$//')"
    echo "cargo: $(cargo --version)"
    echo "target: $TARGET"
    echo "profile.release: $(sed -n '/^\[profile.release\]/,/^\[/{/^[a-z-]* = /p}' Cargo.toml | tr '\n' ' ' | sed 's/ *$//')"
    echo "RUSTFLAGS: $WASM_RUSTFLAGS_RECORDED"
    echo "cargo build: --release --locked --lib --target $TARGET"
    echo "Cargo.lock sha256: $(sha256sum Cargo.lock | cut -d' ' -f1)"
    for ref in "${REFERENCES[@]}"; do
        echo "${ref%%:*}/Cargo.lock sha256: $(sha256sum "${ref%%:*}/Cargo.lock" | cut -d' ' -f1)"
    done
    echo "wasm-opt: $wasm_opt_version (binaryen $(node -p 'require("./scripts/node_modules/binaryen/package.json").version' 2>/dev/null || echo '?') from scripts/package-lock.json)"
    echo "wasm-opt flags: ${WASM_OPT_FLAGS[*]}"
    echo "source: $(git rev-parse HEAD 2>/dev/null || echo '?')$(git status --porcelain -- contracts packages Cargo.toml Cargo.lock scripts/reference 2>/dev/null | grep -q . && echo ' (uncommitted changes)')"
} >artifacts/build-info.txt
echo "artifacts/checksums.txt:"
sed 's/^/    /' artifacts/checksums.txt

too_big=()
echo
printf '%-42s %10s %9s %12s\n' "artifact" "bytes" "KiB" "% of limit"
for a in "${artifacts[@]}"; do
    bytes=$(stat -c %s "$a")
    printf '%-42s %10d %9s %11s%%\n' "$a" "$bytes" "$(kib "$bytes")" "$(percent "$bytes" "$MAX_BYTES")"
    [ "$bytes" -le "$MAX_BYTES" ] || too_big+=("$a ($bytes bytes)")
done
if [ -f artifacts/flow_token.wasm ]; then
    token=$(stat -c %s artifacts/flow_token.wasm)
    ref=$(stat -c %s "$reference")
    echo
    printf 'flow-token %d bytes vs cw20-base 2.0 %d bytes: ratio %s (%+d bytes)\n' \
        "$token" "$ref" "$(ratio "$token" "$ref")" "$((token - ref))"
fi
stage ""

status=0
if [ ${#failed[@]} -gt 0 ]; then
    echo "build-wasm.sh: FAILED: check-wasm rejected: ${failed[*]}" >&2
    status=1
fi
if [ ${#too_big[@]} -gt 0 ]; then
    echo "build-wasm.sh: FAILED: larger than the $MAX_BYTES-byte upload limit: ${too_big[*]}" >&2
    status=1
fi
[ "$status" -eq 0 ] && echo "build-wasm.sh: ${#artifacts[@]} artifacts built and checked"
exit "$status"
