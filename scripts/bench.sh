#!/usr/bin/env bash
# Regenerates BENCHMARKS.md: builds the wasm artifacts (scripts/build-wasm.sh), then runs the
# gas benchmark of tests/vm (the gas-bench binary, release build) on them: every action's
# VM, storage and total SDK gas at N = 10 and N = 10,000 members / needs / attestations /
# token holders in state, cw20-base side by side, and the wasm sizes.
#
#   scripts/bench.sh [gas-bench arguments...]     e.g. --n 10 --n 1000 for a quick look,
#                                                  --trace to print every storage operation
#
# Takes about 10 minutes from cold (most of it compiling cosmwasm-vm and wasmer in
# release), about 3 minutes warm.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/build-wasm.sh
echo
echo "=== gas-bench (release)"
start=$(date +%s)
cargo build --release -p flow-vm --bin gas-bench
target_dir="${CARGO_TARGET_DIR:-$root/target}"
# The report ends with the change against the last committed BENCHMARKS.md, so that a change
# reports its gas before and after.
compare=()
before="$(mktemp)"
trap 'rm -f "$before"' EXIT
if git show HEAD:BENCHMARKS.md >"$before" 2>/dev/null; then
    compare=(--compare "$before" --compare-label "the committed BENCHMARKS.md ($(git rev-parse --short HEAD))")
fi
"$target_dir/release/gas-bench" --out BENCHMARKS.md "${compare[@]}" "$@" >/dev/null
echo "bench.sh: BENCHMARKS.md written in $(($(date +%s) - start)) s"
