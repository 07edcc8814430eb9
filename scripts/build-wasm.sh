#!/usr/bin/env bash
# Builds the chain artifacts: every contract under contracts/ (or only the ones named) and,
# built the same way, the reference contracts from crates.io: cw20-base 2.0 (the flow-token's
# size and gas yardstick), cw4-group 2.0 (a holon's membership group, which the real-wasm
# tests and the gas benchmark in tests/vm run) and cw3-flex-multisig 2.0 (the members' own
# governance of a holon, which scripts/deploy.mjs wires by default).
#
#   scripts/build-wasm.sh [CONTRACT...]
#
# 1. cargo build --release --lib --target wasm32-unknown-unknown (stripped)
# 2. binaryen's wasm-opt (npm package pinned in scripts/package.json) optimises for size and
#    lowers the bulk-memory and non-trapping float-to-int instructions that Rust >= 1.87
#    emits and no released wasmd accepts
# 3. cosmwasm-check (3.0.10) validates each artifact as the chain would
# 4. artifacts/checksums.txt (sha256sum format) and a size table
#
# Out: artifacts/<contract_underscored>.wasm,
#      artifacts/reference/{cw20_base,cw4_group,cw3_flex_multisig}.wasm.
# Fails (non-zero, with the reason) if a build, wasm-opt or cosmwasm-check fails, or if an
# artifact is larger than the chain's upload limit of 819,200 bytes.
# Quick when nothing changed: cargo is incremental and wasm-opt is skipped for inputs it has
# already lowered with the same flags.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

MAX_BYTES=819200
CAPABILITIES="iterator,staking,stargate,cosmwasm_1_1,cosmwasm_1_2,cosmwasm_1_3,cosmwasm_1_4,cosmwasm_2_0"
# -Os first, the lowering passes last, so that no later pass brings bulk memory back.
# The stripped input has no target_features section, so the features it uses are named.
WASM_OPT_FLAGS=(-Os
    --enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int
    --enable-sign-ext --enable-mutable-globals
    --llvm-memory-copy-fill-lowering --llvm-nontrapping-fptoint-lowering)
TARGET=wasm32-unknown-unknown
TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
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
if command -v cosmwasm-check >/dev/null 2>&1; then
    COSMWASM_CHECK="$(command -v cosmwasm-check)"
elif [ -x "$HOME/.cargo/bin/cosmwasm-check" ]; then
    COSMWASM_CHECK="$HOME/.cargo/bin/cosmwasm-check"
else
    die "cosmwasm-check not found: cargo install cosmwasm-check --version =3.0.10 --locked (or run .ci/run)"
fi
echo "cosmwasm-check: $("$COSMWASM_CHECK" --version)"
if command -v rustup >/dev/null 2>&1; then
    rustup target list --installed | grep -qx "$TARGET" ||
        die "the $TARGET target is missing: rustup target add $TARGET"
fi

# --- cargo --------------------------------------------------------------------------------
stage "cargo build"
echo "contracts: ${contracts[*]}"
pkgs=()
for c in "${contracts[@]}"; do pkgs+=(-p "$c"); done
RUSTFLAGS="-C link-arg=-s" cargo build --release --lib --target "$TARGET" "${pkgs[@]}" ||
    die "cargo build of ${contracts[*]} for $TARGET"

stage "cargo build (reference)"
for ref in "${REFERENCES[@]}"; do
    ref_dir="${ref%%:*}"
    echo "${ref##*:} through $ref_dir"
    RUSTFLAGS="-C link-arg=-s" cargo build --release --lib --locked --target "$TARGET" \
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

# --- cosmwasm-check -----------------------------------------------------------------------
stage "cosmwasm-check"
echo "capabilities: $CAPABILITIES"
failed=()
for a in "${artifacts[@]}"; do
    if out="$("$COSMWASM_CHECK" --available-capabilities "$CAPABILITIES" "$a" 2>&1)"; then
        echo "pass: $a"
    else
        echo "$out" | grep -v '^Available capabilities' >&2
        echo "FAIL: $a" >&2
        failed+=("$a")
    fi
done

# --- checksums and sizes ------------------------------------------------------------------
stage "checksums and sizes"
(cd artifacts && sha256sum -- *.wasm reference/*.wasm >checksums.txt)
# What built them: the same source gives the same bytes only with the same tools.
rustc_version="$(rustc --version)"
pinned_rust="$(sed -n 's/^rust-version = "\(.*\)"/\1/p' Cargo.toml)"
{
    echo "rustc: $rustc_version"
    echo "wasm-opt: $wasm_opt_version"
    echo "RUSTFLAGS: -C link-arg=-s"
} >artifacts/build-info.txt
case "$rustc_version" in
"rustc $pinned_rust".*) ;;
*) echo "warning: built with $rustc_version, not Rust $pinned_rust (Cargo.toml's rust-version):" \
    "sizes and checksums will differ from the README's and BENCHMARKS.md's" ;;
esac
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
    echo "build-wasm.sh: FAILED: cosmwasm-check rejected: ${failed[*]}" >&2
    status=1
fi
if [ ${#too_big[@]} -gt 0 ]; then
    echo "build-wasm.sh: FAILED: larger than the $MAX_BYTES-byte upload limit: ${too_big[*]}" >&2
    status=1
fi
[ "$status" -eq 0 ] && echo "build-wasm.sh: ${#artifacts[@]} artifacts built and checked"
exit "$status"
