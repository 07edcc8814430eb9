#!/usr/bin/env bash
# A single-node wasmd chain on this machine, for the deploy script and the end-to-end tests.
#
#   scripts/localnet.sh build             build wasmd v0.61.14 once (cached outside the repo)
#   scripts/localnet.sh start [--fresh]   start the node (creating it first); returns once
#                                         blocks are produced. --fresh wipes the chain first.
#   scripts/localnet.sh stop              stop the node (by its PID file)
#   scripts/localnet.sh status            running or not, height, where things are
#   scripts/localnet.sh accounts          the test keyring's accounts (name, address)
#   scripts/localnet.sh reset             stop and delete the chain (not the binary)
#
# wasmd is built from Go modules through the wrapper module in scripts/wasmd/ (go.mod, go.sum
# and a `//go:build tools` file with a blank import of wasmd's command; wasmd's replace lines;
# sonic bumped for Go 1.26). Nothing of wasmd is in the repo: the binary and the libwasmvm
# shared library beside it live in the cache directory, and the build is skipped when the
# binary there was built from the same go.mod/go.sum.
#
# Everything this script writes is in $CW_FLOW_CACHE (default
# ${XDG_CACHE_HOME:-$HOME/.cache}/cw-flow):
#   wasmd-v0.61.14/wasmd, libwasmvm.x86_64.so   the node binary and its VM library
#   go/mod, go/build                             Go's module and build caches for the build
#                                                (unless GOMODCACHE / GOCACHE are set)
#   localnet/                                    the node home (config, data, test keyring)
#   localnet/accounts.json                       name, address, mnemonic, private key (hex)
#                                                of every test account: localnet only!
#   localnet/node.log, localnet/node.pid
#
# The chain: id cw-flow-local, RPC http://127.0.0.1:26657 (CORS open for a web page), P2P
# and gRPC on 127.0.0.1, the REST API off, blocks every ~300 ms, gas price 0.0025stake.
# Accounts (test keyring): validator, steward, steward-beta, alex, jordan, casey, riley, sam
# (Holon Alpha), bea, ben (Holon Beta), funder, stranger; each funded in genesis with
# `stake` (gas) and `ucredit` (the treasury denom).
#
# Environment: CW_FLOW_CACHE, LOCALNET_CHAIN_ID, LOCALNET_RPC_PORT, LOCALNET_P2P_PORT,
# LOCALNET_GRPC_PORT, LOCALNET_HOME (node home; default $CW_FLOW_CACHE/localnet).
# LOCALNET_UPLOAD_ACCESS (read when the chain is created): who may store code, as on chains
# where only governance uploads: unset or empty, anyone (wasmd's default, Everybody);
# "nobody" (Nobody); or account names / addresses separated by commas, e.g. "steward"
# (AnyOfAddresses): the genesis's wasm params.code_upload_access.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

WASMD_VERSION=0.61.14
CACHE="${CW_FLOW_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cw-flow}"
BIN_DIR="$CACHE/wasmd-v$WASMD_VERSION"
WASMD_BIN="$BIN_DIR/wasmd"
NODE_HOME="${LOCALNET_HOME:-$CACHE/localnet}"
CHAIN_ID="${LOCALNET_CHAIN_ID:-cw-flow-local}"
RPC_PORT="${LOCALNET_RPC_PORT:-26657}"
P2P_PORT="${LOCALNET_P2P_PORT:-26656}"
GRPC_PORT="${LOCALNET_GRPC_PORT:-9090}"
RPC="http://127.0.0.1:$RPC_PORT"
PID_FILE="$NODE_HOME/node.pid"
LOG_FILE="$NODE_HOME/node.log"
GAS_PRICE=0.0025stake
# Every account gets this much of both denoms in genesis.
GENESIS_COINS=1000000000000000stake,1000000000000000ucredit
VALIDATOR_STAKE=1000000000000stake
ACCOUNTS=(validator steward steward-beta alex jordan casey riley sam bea ben funder stranger)

die() {
    echo "localnet.sh: $*" >&2
    exit 1
}
usage() {
    sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 2
}

wasmd() { LD_LIBRARY_PATH="$BIN_DIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$WASMD_BIN" "$@"; }

# A key of the wrapper module: the binary is rebuilt when go.mod or go.sum change.
module_key() { cat "$root/scripts/wasmd/go.mod" "$root/scripts/wasmd/go.sum" | sha256sum | cut -d' ' -f1; }

cmd_build() {
    local stamp="$BIN_DIR/module.sha256" key start
    key="$(module_key)"
    if [ -x "$WASMD_BIN" ] && [ -f "$BIN_DIR/libwasmvm.x86_64.so" ] &&
        [ "$(cat "$stamp" 2>/dev/null)" = "$key" ] && wasmd version >/dev/null 2>&1; then
        echo "wasmd $(wasmd version 2>&1) is built: $WASMD_BIN"
        return
    fi
    command -v go >/dev/null || die "go is not installed (Go >= 1.24 is needed to build wasmd)"
    echo "building wasmd v$WASMD_VERSION with $(go version) into $BIN_DIR"
    echo "(about 5 minutes on two cores the first time; later runs reuse the binary)"
    start=$(date +%s)
    mkdir -p "$BIN_DIR"
    local ldflags="-checklinkname=0 \
-X github.com/cosmos/cosmos-sdk/version.Name=wasm \
-X github.com/cosmos/cosmos-sdk/version.AppName=wasmd \
-X github.com/cosmos/cosmos-sdk/version.Version=$WASMD_VERSION"
    # Go's module and build caches live in the cache directory too (unless GOMODCACHE /
    # GOCACHE are set): -modcacherw lets `rm -rf` clean them. -mod=readonly: the build must
    # not rewrite go.mod / go.sum in the repo.
    export GOMODCACHE="${GOMODCACHE:-$CACHE/go/mod}" GOCACHE="${GOCACHE:-$CACHE/go/build}"
    export GOTOOLCHAIN=local GOFLAGS="-mod=readonly -modcacherw ${GOFLAGS:-}" CGO_ENABLED=1
    (
        cd "$root/scripts/wasmd"
        go build -trimpath -tags netgo -ldflags "$ldflags" \
            -o "$WASMD_BIN.tmp" github.com/CosmWasm/wasmd/cmd/wasmd
    ) || die "go build of wasmd failed"
    # The binary links libwasmvm from the wasmvm module; keep a copy beside it so that
    # cleaning the Go module cache does not break the node.
    local wasmvm_dir
    wasmvm_dir="$(cd "$root/scripts/wasmd" &&
        go list -m -f '{{.Dir}}' github.com/CosmWasm/wasmvm/v3)" || die "wasmvm module not found"
    install -m 0644 "$wasmvm_dir/internal/api/libwasmvm.$(uname -m).so" "$BIN_DIR/" ||
        die "no libwasmvm.$(uname -m).so in $wasmvm_dir/internal/api"
    mv "$WASMD_BIN.tmp" "$WASMD_BIN"
    echo "$key" >"$stamp"
    echo "built wasmd $(wasmd version 2>&1) in $(($(date +%s) - start)) s: $WASMD_BIN"
}

running_pid() {
    local pid
    pid="$(cat "$PID_FILE" 2>/dev/null)" || return 1
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
    # Only our node: the PID must still be a wasmd started with this home.
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "--home $NODE_HOME" || return 1
    echo "$pid"
}

height() { curl -sf --max-time 2 "$RPC/status" | jq -r '.result.sync_info.latest_block_height' 2>/dev/null; }

# Sets a key in a TOML section: toml_set FILE SECTION KEY VALUE (VALUE as TOML).
toml_set() {
    local file="$1" section="$2" key="$3" value="$4"
    python3 - "$file" "$section" "$key" "$value" <<'PY'
import re, sys
path, section, key, value = sys.argv[1:]
lines = open(path).read().split("\n")
current, done = "", False
for i, line in enumerate(lines):
    m = re.match(r"^\s*\[([^\]]+)\]\s*$", line)
    if m:
        current = m.group(1)
        continue
    if current == section and re.match(rf"^\s*{re.escape(key)}\s*=", line):
        lines[i] = f"{key} = {value}"
        done = True
        break
if not done:
    sys.exit(f"{path}: no key {key} in [{section or 'top level'}]")
open(path, "w").write("\n".join(lines))
PY
}

# LOCALNET_UPLOAD_ACCESS into the genesis's wasm params (nothing when it is unset or empty).
restrict_uploads() {
    local accounts="$1" spec="${LOCALNET_UPLOAD_ACCESS:-}" access who one addr addrs="[]"
    [ -n "$spec" ] || return 0
    if [ "$spec" = nobody ]; then
        access='{"permission":"Nobody","addresses":[]}'
    else
        IFS=',' read -ra who <<<"$spec"
        for one in "${who[@]}"; do
            addr="$one"
            if [[ "$one" != wasm1* ]]; then
                addr="$(jq -r --arg n "$one" '.[] | select(.name == $n) | .address' <<<"$accounts")"
                [ -n "$addr" ] || die "LOCALNET_UPLOAD_ACCESS: no account named \"$one\""
            fi
            addrs="$(jq -c --arg a "$addr" '. + [$a]' <<<"$addrs")"
        done
        access="$(jq -c '{permission: "AnyOfAddresses", addresses: .}' <<<"$addrs")"
    fi
    local genesis="$NODE_HOME/config/genesis.json"
    jq --argjson access "$access" '.app_state.wasm.params.code_upload_access = $access' \
        "$genesis" >"$genesis.tmp" && mv "$genesis.tmp" "$genesis"
    echo "code upload access: $access"
}

init_chain() {
    echo "creating chain $CHAIN_ID in $NODE_HOME"
    rm -rf "$NODE_HOME"
    mkdir -p "$NODE_HOME"
    wasmd init cw-flow-localnet --chain-id "$CHAIN_ID" --default-denom stake --home "$NODE_HOME" \
        >/dev/null 2>&1 || die "wasmd init failed"
    local name out addr mnemonic key accounts="[]"
    for name in "${ACCOUNTS[@]}"; do
        out="$(wasmd keys add "$name" --keyring-backend test --home "$NODE_HOME" --output json 2>&1)" ||
            die "keys add $name: $out"
        out="$(grep '^{' <<<"$out" | tail -n1)"
        addr="$(echo "$out" | jq -r .address)"
        mnemonic="$(echo "$out" | jq -r .mnemonic)"
        key="$(printf 'y\n' | wasmd keys export "$name" --unarmored-hex --unsafe \
            --keyring-backend test --home "$NODE_HOME" 2>/dev/null | tail -n1)" || true
        [[ "$key" =~ ^[0-9a-f]{64}$ ]] || die "keys export $name gave no hex key"
        wasmd genesis add-genesis-account "$addr" "$GENESIS_COINS" --home "$NODE_HOME" >/dev/null ||
            die "add-genesis-account $name"
        accounts="$(jq -c --arg n "$name" --arg a "$addr" --arg m "$mnemonic" --arg k "$key" \
            '. + [{name: $n, address: $a, mnemonic: $m, private_key: $k}]' <<<"$accounts")"
    done
    jq --arg chain "$CHAIN_ID" --arg rpc "$RPC" --arg gas "$GAS_PRICE" \
        '{chain_id: $chain, rpc: $rpc, gas_price: $gas, bech32_prefix: "wasm", accounts: .}' \
        <<<"$accounts" >"$NODE_HOME/accounts.json"
    chmod 600 "$NODE_HOME/accounts.json"
    wasmd genesis gentx validator "$VALIDATOR_STAKE" --chain-id "$CHAIN_ID" \
        --keyring-backend test --home "$NODE_HOME" >/dev/null 2>&1 || die "gentx failed"
    wasmd genesis collect-gentxs --home "$NODE_HOME" >/dev/null 2>&1 || die "collect-gentxs failed"
    restrict_uploads "$accounts"
    wasmd genesis validate-genesis --home "$NODE_HOME" >/dev/null || die "invalid genesis"

    local config="$NODE_HOME/config/config.toml" app="$NODE_HOME/config/app.toml"
    toml_set "$config" "" proxy_app '"tcp://127.0.0.1:26658"'
    toml_set "$config" "rpc" laddr "\"tcp://127.0.0.1:$RPC_PORT\""
    toml_set "$config" "rpc" cors_allowed_origins '["*"]'
    toml_set "$config" "rpc" pprof_laddr '""'
    toml_set "$config" "p2p" laddr "\"tcp://127.0.0.1:$P2P_PORT\""
    toml_set "$config" "p2p" addr_book_strict "false"
    toml_set "$config" "consensus" timeout_propose '"300ms"'
    toml_set "$config" "consensus" timeout_commit '"300ms"'
    toml_set "$config" "instrumentation" prometheus "false"
    toml_set "$app" "" minimum-gas-prices "\"$GAS_PRICE\""
    toml_set "$app" "api" enable "false"
    toml_set "$app" "api" address '"tcp://127.0.0.1:1317"'
    toml_set "$app" "grpc" address "\"127.0.0.1:$GRPC_PORT\""
}

cmd_start() {
    local fresh=0 pid h i
    for arg in "$@"; do
        case "$arg" in
        --fresh) fresh=1 ;;
        *) usage ;;
        esac
    done
    if pid="$(running_pid)"; then
        if [ "$fresh" = 1 ]; then
            cmd_stop
        else
            echo "the node is already running (pid $pid, height $(height)): $RPC"
            return
        fi
    fi
    [ -x "$WASMD_BIN" ] || cmd_build
    if [ "$fresh" = 1 ] || [ ! -f "$NODE_HOME/config/genesis.json" ] ||
        [ "$(jq -r .chain_id "$NODE_HOME/config/genesis.json" 2>/dev/null)" != "$CHAIN_ID" ]; then
        init_chain
    fi
    if curl -sf --max-time 2 "$RPC/status" >/dev/null 2>&1; then
        die "something else already answers on $RPC"
    fi
    echo "starting the node: $RPC (log: $LOG_FILE)"
    # Its own session, so that the node outlives this script and stops as one process group.
    setsid env LD_LIBRARY_PATH="$BIN_DIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
        "$WASMD_BIN" start --home "$NODE_HOME" --minimum-gas-prices "$GAS_PRICE" \
        --grpc.address "127.0.0.1:$GRPC_PORT" --api.enable=false \
        >>"$LOG_FILE" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$PID_FILE"
    # Ready once this process has committed a block of its own: right after a restart the
    # RPC already reports the stored height, but until the first new commit the node checks
    # transactions as if at height 0 (account number 0), and a signed transaction fails
    # "signature verification failed".
    local first=""
    for i in $(seq 1 120); do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -n 30 "$LOG_FILE" >&2
            rm -f "$PID_FILE"
            die "the node exited (log above)"
        fi
        h="$(height || true)"
        if [[ "$h" =~ ^[0-9]+$ ]] && [ -z "$first" ]; then
            first="$h"
        fi
        if [[ "$h" =~ ^[0-9]+$ ]] && [ "$h" -ge 2 ] && [ "$h" -gt "$first" ]; then
            echo "chain $CHAIN_ID produces blocks (height $h) after $(awk -v i="$i" 'BEGIN{print i/4}') s; pid $pid"
            return
        fi
        sleep 0.25
    done
    cmd_stop
    die "no blocks after 30 s (log: $LOG_FILE)"
}

cmd_stop() {
    local pid i
    if ! pid="$(running_pid)"; then
        echo "the node is not running"
        rm -f "$PID_FILE"
        return
    fi
    kill -TERM "$pid"
    for i in $(seq 1 80); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.25
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "the node did not stop in 20 s: killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$PID_FILE"
    echo "stopped the node (pid $pid)"
}

cmd_status() {
    local pid
    echo "wasmd:    $([ -x "$WASMD_BIN" ] && echo "$WASMD_BIN" || echo "not built")"
    echo "home:     $NODE_HOME"
    if pid="$(running_pid)"; then
        echo "node:     running, pid $pid, $RPC, chain $CHAIN_ID, height $(height)"
    else
        echo "node:     not running"
        return 3
    fi
}

cmd_accounts() {
    [ -f "$NODE_HOME/accounts.json" ] || die "no chain yet: scripts/localnet.sh start"
    jq -r '.accounts[] | "\(.name)\t\(.address)"' "$NODE_HOME/accounts.json" | column -t
    echo "(keys and mnemonics: $NODE_HOME/accounts.json)"
}

case "${1:-}" in
build) cmd_build ;;
start)
    shift
    cmd_start "$@"
    ;;
stop) cmd_stop ;;
status) cmd_status ;;
accounts) cmd_accounts ;;
reset)
    cmd_stop
    rm -rf "$NODE_HOME"
    echo "deleted $NODE_HOME"
    ;;
*) usage ;;
esac
