#!/usr/bin/env bash
# End-to-end tests on a real chain: a fresh wasmd localnet, the contracts deployed by
# scripts/deploy.mjs, and the members' transactions signed by their own keys through the
# generated TypeScript client (packages/flow-client).
#
#   scripts/e2e.sh [--no-build] [--keep] [TEST_FILE...]
#
# 1. scripts/node_modules (npm ci when missing), the wasm artifacts (scripts/build-wasm.sh,
#    incremental; --no-build reuses artifacts/ as they are, as scripts/test.sh does right
#    after its wasm stage; CW4_GROUP_WASM=FILE and CW3_FLEX_MULTISIG_WASM=FILE name other
#    cw4-group and cw3-flex-multisig artifacts), and packages/flow-client compiled by tsc
#    (a type check too)
# 2. scripts/localnet.sh build (cached) and start --fresh: a chain of its own (chain id
#    cw-flow-e2e, home $CW_FLOW_CACHE/localnet-e2e, RPC 127.0.0.1:26757, P2P 26756, gRPC
#    9190, or free ports when those are taken), so that a localnet a developer keeps running
#    is left alone
# 3. node scripts/deploy.mjs for Holon Alpha with one steward wallet (holon-alpha-steward.toml,
#    which tests 01-05 share) and Holon Beta (scripts/holons/); 07-governance deploys the
#    default holon file, governed by its members, itself. Holon files are read by the flow
#    CLI (`flow holon FILE --json`): target/debug/flow, built here, or $FLOW_BIN
# 4. node --test scripts/e2e/*.test.mjs, one file after another (they share the chain);
#    06-simulate-node runs the flow CLI on the chain
# 5. the gas table from the chain's tx results, printed, and written to BENCHMARKS-chain.md
#    when the whole suite passed
# The node is stopped on exit, whatever happened (--keep leaves it running for a look).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

build=1
keep=0
files=()
for arg in "$@"; do
    case "$arg" in
    --no-build) build=0 ;;
    --keep) keep=1 ;;
    -h | --help)
        sed -n '2,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    -*)
        echo "e2e.sh: unknown option $arg" >&2
        exit 2
        ;;
    *) files+=("$arg") ;;
    esac
done
all_files=0
if [ ${#files[@]} -eq 0 ]; then
    mapfile -t files < <(ls scripts/e2e/*.test.mjs | sort)
    all_files=1
fi

started=$(date +%s)
step() { printf '\n--- e2e: %s (%d s)\n' "$*" "$(($(date +%s) - started))"; }
# The e2e chain (read by localnet.sh, deploy.mjs and the tests).
cache="${CW_FLOW_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cw-flow}"
export LOCALNET_HOME="${E2E_LOCALNET_HOME:-$cache/localnet-e2e}"
export LOCALNET_CHAIN_ID="${E2E_CHAIN_ID:-cw-flow-e2e}"
# Ports: 26757, 26756 and 9190, or free ones picked by the OS when any of those is taken
# (another localnet on this machine); E2E_RPC_PORT etc. choose them.
read -r free_rpc free_p2p free_grpc < <(python3 -c '
import socket
want = [26757, 26756, 9190]
def free(p):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", p))
            return True
        except OSError:
            return False
if not all(free(p) for p in want):
    socks = [socket.socket() for _ in want]
    for s in socks:
        s.bind(("127.0.0.1", 0))
    want = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
print(*want)')
export LOCALNET_RPC_PORT="${E2E_RPC_PORT:-$free_rpc}"
export LOCALNET_P2P_PORT="${E2E_P2P_PORT:-$free_p2p}"
export LOCALNET_GRPC_PORT="${E2E_GRPC_PORT:-$free_grpc}"
CHAIN_ID="$LOCALNET_CHAIN_ID"
out_dir="$root/target/e2e"
mkdir -p "$out_dir"
gas_log="$out_dir/gas.jsonl"
: >"$gas_log"

step "tools"
for tool in node npm go jq curl python3; do
    command -v "$tool" >/dev/null || { echo "e2e.sh: $tool is not installed" >&2; exit 1; }
done
lock_sum="$(sha256sum scripts/package-lock.json | cut -d' ' -f1)"
if [ ! -d scripts/node_modules/@cosmjs/cosmwasm-stargate ] ||
    [ "$(cat scripts/node_modules/.cw-flow-lock.sha256 2>/dev/null)" != "$lock_sum" ]; then
    (cd scripts && npm ci --no-audit --no-fund)
    echo "$lock_sum" >scripts/node_modules/.cw-flow-lock.sha256
fi

if [ "$build" = 1 ]; then
    step "wasm artifacts (scripts/build-wasm.sh)"
    bash scripts/build-wasm.sh >"$out_dir/build-wasm.log" 2>&1 || {
        tail -n 40 "$out_dir/build-wasm.log" >&2
        echo "e2e.sh: scripts/build-wasm.sh failed (log: $out_dir/build-wasm.log)" >&2
        exit 1
    }
    echo "artifacts built and checked (log: $out_dir/build-wasm.log)"
fi
for a in artifacts/{need_registry,attestation,distributor,flow_token}.wasm \
    "${CW4_GROUP_WASM:-artifacts/reference/cw4_group.wasm}" \
    "${CW3_FLEX_MULTISIG_WASM:-artifacts/reference/cw3_flex_multisig.wasm}"; do
    [ -f "$a" ] || {
        echo "e2e.sh: $a is missing: run scripts/build-wasm.sh" >&2
        exit 1
    }
done

step "packages/flow-client (tsc)"
rm -rf scripts/.build/flow-client
(cd scripts && node_modules/.bin/tsc -p tsconfig.flow-client.json)
echo '{"type":"commonjs"}' >scripts/.build/flow-client/package.json
echo "compiled into scripts/.build/flow-client"

step "flow CLI (cargo build -p flow-cli --bin flow)"
cargo build -q -p flow-cli --bin flow
# The holon files' reader (scripts/holon-file.mjs) and 06-simulate-node run this binary.
export FLOW_BIN="${FLOW_BIN:-$root/target/debug/flow}"
echo "built target/debug/flow (FLOW_BIN=$FLOW_BIN)"

step "localnet"
bash scripts/localnet.sh build
stop_node() {
    local status=$?
    if [ "$keep" = 1 ]; then
        echo "e2e.sh: --keep: the node is still running (scripts/localnet.sh stop)"
    else
        bash scripts/localnet.sh stop || true
    fi
    exit "$status"
}
trap stop_node EXIT
trap 'exit 130' INT TERM
bash scripts/localnet.sh start --fresh

step "deploy"
# A fresh chain: deployment files of an earlier one are stale.
rm -rf "deployments/$CHAIN_ID"
node scripts/deploy.mjs scripts/holons/holon-alpha-steward.toml
node scripts/deploy.mjs scripts/holons/holon-beta.toml

step "tests: ${files[*]}"
set +e
E2E_GAS_LOG="$gas_log" node --test --test-concurrency=1 --test-timeout=600000 \
    --test-reporter=spec "${files[@]}" 2>&1 | tee "$out_dir/tests.log"
status=${PIPESTATUS[0]}
set -e

step "gas"
if [ "$status" = 0 ] && [ "$all_files" = 1 ]; then
    node scripts/e2e/gas-report.mjs "$gas_log" --write BENCHMARKS-chain.md
else
    # A partial or failed run prints its table but leaves BENCHMARKS-chain.md alone.
    node scripts/e2e/gas-report.mjs "$gas_log"
fi

step "done"
pass=$(sed -n 's/^ℹ pass \([0-9]*\)$/\1/p' "$out_dir/tests.log" | tail -n1)
fail=$(sed -n 's/^ℹ fail \([0-9]*\)$/\1/p' "$out_dir/tests.log" | tail -n1)
echo "e2e wall time: $(($(date +%s) - started)) s"
echo "e2e: ${pass:-0} passed, ${fail:-0} failed"
exit "$status"
