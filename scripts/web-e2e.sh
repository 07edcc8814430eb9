#!/usr/bin/env bash
# The members' web app (packages/flow-web) in a real browser against a real chain.
#
#   scripts/web-e2e.sh [--no-build] [--keep] [TEST_FILE...]
#
# 1. packages/flow-web/node_modules and scripts/node_modules (npm ci when missing or stale)
# 2. the app: type check (tsc), unit tests (vitest), production build (vite build; sizes and
#    gzip sizes of the bundle printed; dist/build-info.json, each file's sha256 and the
#    bundle's, checked with sha256sum and the bundle's hash printed)
# 3. the wasm artifacts: scripts/build-wasm.sh (incremental), or as they are with --no-build
#    (scripts/test.sh passes it right after its wasm stage)
# 4. the localnet: reused when `scripts/localnet.sh status` says it runs (and left running),
#    else started with `scripts/localnet.sh start` (and stopped at the end)
# 5. a fresh Holon Alpha (packages/flow-web/e2e/holon-alpha-web.toml: the seed's holon with
#    40-second cycles) and Holon Beta (scripts/holons/holon-beta.toml) deployed by
#    scripts/deploy.mjs, which reads holon files with the flow CLI (target/debug/flow, built
#    here: cargo build -p flow-cli --bin flow; FLOW_BIN for the tests); their deployment
#    files copied into dist/ (deployment.json and deployments/ with an index), as a static
#    host would serve them
# 6. `vite preview` serving dist/ on 127.0.0.1:$FLOW_WEB_PORT (default 4173), started as
#    node_modules/.bin/vite in its own process group and ended by its PID
# 7. node --test packages/flow-web/e2e/*.test.mjs: Debian's chromium (/usr/bin/chromium, or
#    $CHROMIUM) driven by playwright-core, one injected Keplr-shaped wallet per member;
#    screenshots to packages/flow-web/screenshots/
# Whatever it started is stopped on exit, whatever happened (--keep leaves the node and the
# preview server running for a look). The last line is "web: N passed, N failed" (unit and
# browser tests together).
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
        sed -n '2,27p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    -*)
        echo "web-e2e.sh: unknown option $arg" >&2
        exit 2
        ;;
    *) files+=("$(realpath "$arg")") ;;
    esac
done

started=$(date +%s)
step() { printf '\n--- web: %s (%d s)\n' "$*" "$(($(date +%s) - started))"; }
WEB=packages/flow-web
CHAIN_ID="${LOCALNET_CHAIN_ID:-cw-flow-local}"
PORT="${FLOW_WEB_PORT:-4173}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
out_dir="$root/target/web-e2e"
mkdir -p "$out_dir"
unit_passed=0
unit_failed=0
browser_passed=0
browser_failed=0
node_started=0
preview_pid=""

summary() {
    echo "web wall time: $(($(date +%s) - started)) s"
    echo "web: $((unit_passed + browser_passed)) passed, $((unit_failed + browser_failed)) failed"
}

cleanup() {
    local status=$?
    if [ -n "$preview_pid" ]; then
        if [ "$keep" = 1 ]; then
            echo "web-e2e.sh: --keep: vite preview still serves http://127.0.0.1:$PORT/ (pid $preview_pid)"
        else
            kill -TERM -- "-$preview_pid" 2>/dev/null || true
            for _ in $(seq 1 20); do kill -0 "$preview_pid" 2>/dev/null || break; sleep 0.1; done
            kill -KILL -- "-$preview_pid" 2>/dev/null || true
        fi
    fi
    if [ "$node_started" = 1 ]; then
        if [ "$keep" = 1 ]; then
            echo "web-e2e.sh: --keep: the node is still running (scripts/localnet.sh stop)"
        else
            bash scripts/localnet.sh stop || true
        fi
    fi
    summary
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step "tools"
for tool in node npm jq curl python3; do
    command -v "$tool" >/dev/null || { echo "web-e2e.sh: $tool is not installed" >&2; exit 1; }
done
[ -x "$CHROMIUM" ] || {
    echo "web-e2e.sh: no chromium at $CHROMIUM: apt-get update && apt-get install -y chromium" >&2
    exit 1
}
"$CHROMIUM" --version 2>/dev/null | head -n1
# node_modules are current when installed by `npm ci` from the exact package-lock.json (a
# stamp of the lock's sha256 in node_modules): both locks are complete (every platform's
# optional native packages, rollup's and esbuild's included), so every machine installs the
# same versions, and a stale or missing node_modules is installed again.
npm_ci() {
    local dir="$1" stamp="$1/node_modules/.cw-flow-lock.sha256" sum
    sum="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
    if [ -d "$dir/node_modules" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$sum" ]; then
        echo "$dir/node_modules is up to date"
    else
        (cd "$dir" && npm ci --no-audit --no-fund)
        echo "$sum" >"$stamp"
    fi
}
npm_ci "$WEB"
npm_ci scripts

step "the app: type check, unit tests, build"
(cd "$WEB" && node_modules/.bin/tsc --noEmit)
echo "tsc: no type errors"
set +e
(cd "$WEB" && NO_COLOR=1 FORCE_COLOR=0 node_modules/.bin/vitest run) 2>&1 | tee "$out_dir/unit.log"
unit_status=${PIPESTATUS[0]}
set -e
read -r unit_failed unit_passed < <(
    sed -n 's/^ *Tests  *\(\([0-9]*\) failed | \)\{0,1\}\([0-9]*\) passed.*/\2 \3/p' "$out_dir/unit.log" | tail -n1 |
        awk '{ if (NF == 1) print 0, $1; else print $1 + 0, $2 + 0 }'
) || true
unit_passed=${unit_passed:-0}
unit_failed=${unit_failed:-0}
[ "$unit_status" = 0 ] || { [ "$unit_failed" -gt 0 ] || unit_failed=1; echo "web-e2e.sh: unit tests failed" >&2; exit 1; }
(cd "$WEB" && node_modules/.bin/vite build --logLevel warn)
echo "bundle (bytes, gzip -9 bytes):"
for f in "$WEB"/dist/index.html "$WEB"/dist/assets/*; do
    printf '  %-40s %9d %9d\n' "${f#"$WEB"/}" "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)"
done
# dist/build-info.json (written by the build): each file's sha256 and the bundle's, checked
# here against the files as built (sha256sum), so a release can record the bundle's hash.
(cd "$WEB/dist" && jq -r '.files | to_entries[] | "\(.value)  \(.key)"' build-info.json | sha256sum --check --quiet) || {
    echo "web-e2e.sh: dist/build-info.json does not match the files built" >&2
    exit 1
}
bundle_sha="$(cd "$WEB/dist" && jq -r '.files | keys[]' build-info.json | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1)"
[ "$bundle_sha" = "$(jq -r .bundle_sha256 "$WEB/dist/build-info.json")" ] || {
    echo "web-e2e.sh: the bundle's sha256 is $bundle_sha, build-info.json says otherwise" >&2
    exit 1
}
echo "web bundle sha256: $bundle_sha ($WEB/dist/build-info.json)"

if [ "$build" = 1 ]; then
    step "wasm artifacts (scripts/build-wasm.sh)"
    bash scripts/build-wasm.sh >"$out_dir/build-wasm.log" 2>&1 || {
        tail -n 40 "$out_dir/build-wasm.log" >&2
        echo "web-e2e.sh: scripts/build-wasm.sh failed (log: $out_dir/build-wasm.log)" >&2
        exit 1
    }
    echo "artifacts built and checked"
fi
for a in artifacts/{need_registry,attestation,distributor,flow_token}.wasm \
    "${CW4_GROUP_WASM:-artifacts/reference/cw4_group.wasm}" \
    "${CW3_FLEX_MULTISIG_WASM:-artifacts/reference/cw3_flex_multisig.wasm}"; do
    [ -f "$a" ] || { echo "web-e2e.sh: $a is missing: run scripts/build-wasm.sh" >&2; exit 1; }
done

step "localnet"
if bash scripts/localnet.sh status >/dev/null 2>&1; then
    echo "reusing the running localnet (left running): $(bash scripts/localnet.sh status | sed -n 's/^node: *//p')"
else
    bash scripts/localnet.sh build
    node_started=1
    bash scripts/localnet.sh start
fi

step "flow CLI (cargo build -p flow-cli --bin flow: it reads the holon files)"
cargo build -q -p flow-cli --bin flow
export FLOW_BIN="${FLOW_BIN:-$root/target/debug/flow}"
echo "holon files read by $FLOW_BIN"

step "deploy Holon Alpha (40 s cycles) and Holon Beta"
alpha_file="$(node scripts/deploy.mjs "$WEB/e2e/holon-alpha-web.toml" --slug holon-alpha-web --quiet | tail -n1)"
beta_file="$(node scripts/deploy.mjs scripts/holons/holon-beta.toml --slug holon-beta-web --quiet | tail -n1)"
echo "Holon Alpha: $alpha_file"
echo "Holon Beta:  $beta_file"
mkdir -p "$WEB/dist/deployments"
cp "$alpha_file" "$WEB/dist/deployment.json"
cp "$alpha_file" "$beta_file" "$WEB/dist/deployments/"
printf '[{"slug":"holon-alpha-web","url":"deployments/holon-alpha-web.json"},{"slug":"holon-beta-web","url":"deployments/holon-beta-web.json"}]\n' \
    >"$WEB/dist/deployments/index.json"

step "vite preview on 127.0.0.1:$PORT"
if curl -sf --max-time 2 "http://127.0.0.1:$PORT/" >/dev/null 2>&1; then
    echo "web-e2e.sh: something already answers on port $PORT (set FLOW_WEB_PORT)" >&2
    exit 1
fi
(cd "$WEB" && exec setsid node_modules/.bin/vite preview --host 127.0.0.1 --port "$PORT" --strictPort \
    >"$out_dir/vite.log" 2>&1 </dev/null) &
preview_pid=$!
for i in $(seq 1 100); do
    curl -sf --max-time 2 "http://127.0.0.1:$PORT/deployment.json" >/dev/null 2>&1 && break
    kill -0 "$preview_pid" 2>/dev/null || { cat "$out_dir/vite.log" >&2; exit 1; }
    [ "$i" = 100 ] && { echo "web-e2e.sh: vite preview did not answer" >&2; exit 1; }
    sleep 0.2
done
echo "serving http://127.0.0.1:$PORT/ (pid $preview_pid)"

step "browser tests"
if [ ${#files[@]} -eq 0 ]; then
    mapfile -t files < <(ls "$root/$WEB"/e2e/*.test.mjs | sort)
fi
set +e
(cd "$WEB" && FLOW_WEB_URL="http://127.0.0.1:$PORT" FLOW_WEB_DEPLOYMENT="$alpha_file" \
    FLOW_WEB_DEPLOYMENT_BETA="$beta_file" FLOW_WEB_BETA_SLUG=holon-beta-web CHROMIUM="$CHROMIUM" \
    node --test --test-concurrency=1 --test-timeout=600000 --test-reporter=spec "${files[@]}") 2>&1 |
    tee "$out_dir/browser.log"
status=${PIPESTATUS[0]}
set -e
browser_passed=$(sed -n 's/^ℹ pass \([0-9]*\)$/\1/p' "$out_dir/browser.log" | tail -n1)
browser_failed=$(sed -n 's/^ℹ fail \([0-9]*\)$/\1/p' "$out_dir/browser.log" | tail -n1)
browser_passed=${browser_passed:-0}
browser_failed=${browser_failed:-0}
[ "$status" = 0 ] || [ "$browser_failed" -gt 0 ] || browser_failed=1
echo "screenshots: $(ls "$WEB"/screenshots/*.png 2>/dev/null | wc -l) in $WEB/screenshots/"
step "done"
exit "$status"
