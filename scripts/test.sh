#!/usr/bin/env bash
# Every check the project has, in the order a reviewer wants them:
#   formatting, clippy, the wasm artifacts (built, lowered, checked by tests/vm's check-wasm
#   as cosmwasm-check would, within the size limit), the tests, the committed schema being
#   up to date, the TypeScript client (packages/flow-client) being up to date with the
#   schema, and the end-to-end tests on a
#   wasmd localnet (scripts/e2e.sh: builds wasmd once, ~5 minutes, then reuses it), and the
#   members' web app in a real browser on the localnet (scripts/web-e2e.sh).
# Every stage runs even if an earlier one failed; the summary names the ones that failed and
# the script exits non-zero. Needs the tools .ci/run installs (rust-toolchain.toml's
# toolchain with the wasm32 target, rustfmt and clippy; scripts/node_modules).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

log_dir="$(mktemp -d)"
trap 'rm -rf "$log_dir"' EXIT

passed_stages=()
failed_stages=()
timings=()

# run NAME COMMAND...: runs one stage with a header and records how it went.
run() {
    local name="$1" start end
    shift
    printf '\n========== %s\n' "$name"
    printf '$ %s\n' "$*"
    start=$(date +%s)
    if "$@"; then
        passed_stages+=("$name")
        result=ok
    else
        failed_stages+=("$name")
        result=FAILED
    fi
    end=$(date +%s)
    timings+=("$(printf '%-10s %-8s %5d s' "$name" "$result" $((end - start)))")
}

# cargo test, with its output kept so that the summary can count the tests.
cargo_test() {
    cargo test --workspace 2>&1 | tee "$log_dir/cargo-test.log"
    return "${PIPESTATUS[0]}"
}

run fmt cargo fmt --all -- --check
run clippy cargo clippy --workspace --all-targets -- -D warnings
# The artifacts first: the real-wasm tests (tests/vm) load them. Their check (tests/vm's
# check-wasm) comes from `cargo test --workspace --no-run` (CHECK_WASM_WORKSPACE=1): the
# test stage then runs the tests without compiling cosmwasm-vm and wasmer a second time.
run wasm env CHECK_WASM_WORKSPACE=1 bash scripts/build-wasm.sh
run test cargo_test
run schema bash scripts/schema.sh --check
run client node scripts/codegen.mjs --check

# The end-to-end tests on a real chain, with the artifacts the wasm stage just built.
e2e() {
    bash scripts/e2e.sh --no-build 2>&1 | tee "$log_dir/e2e.log"
    return "${PIPESTATUS[0]}"
}
run e2e e2e

# The members' web app in a real browser (Debian's chromium, playwright-core) against the
# localnet: type check, unit tests, build, then each member's page signs with its own wallet.
web() {
    bash scripts/web-e2e.sh --no-build 2>&1 | tee "$log_dir/web.log"
    return "${PIPESTATUS[0]}"
}
run web web

printf '\n========== summary\n'
printf '%s\n' "${timings[@]}"
tests_passed=0
tests_failed=0
if [ -f "$log_dir/cargo-test.log" ]; then
    read -r tests_passed tests_failed < <(
        awk '/^test result:/ {
                for (i = 1; i <= NF; i++) {
                    if ($(i + 1) ~ /^passed/) p += $i
                    if ($(i + 1) ~ /^failed/) f += $i
                }
            }
            END { print p + 0, f + 0 }' "$log_dir/cargo-test.log"
    )
fi
# The end-to-end tests count too (node's test runner: "ℹ pass N", "ℹ fail N").
if [ -f "$log_dir/e2e.log" ]; then
    read -r e2e_passed e2e_failed < <(
        awk '/^ℹ pass [0-9]+$/ { p = $3 } /^ℹ fail [0-9]+$/ { f = $3 } END { print p + 0, f + 0 }' \
            "$log_dir/e2e.log"
    )
    tests_passed=$((tests_passed + e2e_passed))
    tests_failed=$((tests_failed + e2e_failed))
fi
# The web app's unit and browser tests (scripts/web-e2e.sh's last line: "web: N passed, N failed").
if [ -f "$log_dir/web.log" ]; then
    read -r web_passed web_failed < <(
        awk '/^web: [0-9]+ passed, [0-9]+ failed$/ { p = $2; f = $4 } END { print p + 0, f + 0 }' \
            "$log_dir/web.log"
    )
    tests_passed=$((tests_passed + web_passed))
    tests_failed=$((tests_failed + web_failed))
fi
if [ ${#failed_stages[@]} -gt 0 ]; then
    echo "FAILED stages: ${failed_stages[*]}"
    echo "tests: $tests_passed passed, $tests_failed failed"
    exit 1
fi
echo "all stages passed: ${passed_stages[*]}"
echo "tests: $tests_passed passed, $tests_failed failed"
