#!/usr/bin/env bash
# Every check the project has, in the order a reviewer wants them:
#   formatting, clippy, the tests, the wasm artifacts (built, lowered, cosmwasm-check'ed,
#   within the size limit), and the committed schema being up to date.
# Every stage runs even if an earlier one failed; the summary names the ones that failed and
# the script exits non-zero. Needs the tools .ci/run installs (wasm32 target, rustfmt,
# clippy, cosmwasm-check 3.0.10, scripts/node_modules).
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
run test cargo_test
run wasm bash scripts/build-wasm.sh
run schema bash scripts/schema.sh --check

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
if [ ${#failed_stages[@]} -gt 0 ]; then
    echo "FAILED stages: ${failed_stages[*]}"
    echo "tests: $tests_passed passed, $tests_failed failed"
    exit 1
fi
echo "all stages passed: ${passed_stages[*]}"
echo "tests: $tests_passed passed, $tests_failed failed"
