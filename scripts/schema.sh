#!/usr/bin/env bash
# Regenerates the committed JSON schemas: schema/<contract>/<contract>.json and raw/*.json
# for every contract under contracts/ that has a src/bin/schema.rs.
#
#   scripts/schema.sh           regenerate them all
#   scripts/schema.sh --check   regenerate, then fail if schema/ differs from what git has
#                               (a stale committed schema), naming the files
#   scripts/schema.sh [--check] CONTRACT...   only these contracts
#
# A contract that does not build is reported and makes the script fail, after the others
# have been generated.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

check=0
contracts=()
for arg in "$@"; do
    case "$arg" in
        --check) check=1 ;;
        -h | --help)
            sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        -*)
            echo "schema.sh: unknown option $arg" >&2
            exit 2
            ;;
        *) contracts+=("$arg") ;;
    esac
done
if [ ${#contracts[@]} -eq 0 ]; then
    for bin in contracts/*/src/bin/schema.rs; do
        contracts+=("$(basename "$(dirname "$(dirname "$(dirname "$bin")")")")")
    done
fi

failed=()
for c in "${contracts[@]}"; do
    if [ ! -f "contracts/$c/src/bin/schema.rs" ]; then
        echo "schema.sh: contracts/$c/src/bin/schema.rs does not exist" >&2
        failed+=("$c")
        continue
    fi
    echo "--- schema: $c"
    if ! cargo run -q -p "$c" --bin schema >/dev/null; then
        echo "schema.sh: FAILED to generate the schema of $c (see the cargo output above)" >&2
        failed+=("$c")
    fi
done

status=0
if [ ${#failed[@]} -gt 0 ]; then
    echo "schema.sh: no schema for: ${failed[*]}" >&2
    status=1
fi

if [ "$check" -eq 1 ]; then
    # Untracked, modified or deleted files under schema/ all mean the committed schema is stale.
    changes="$(git status --porcelain --untracked-files=all -- schema/)"
    if [ -n "$changes" ]; then
        echo "schema.sh: the committed schema is stale; these files changed on regeneration:" >&2
        echo "$changes" | sed 's/^/    /' >&2
        git --no-pager diff --stat -- schema/ >&2 || true
        echo "schema.sh: run scripts/schema.sh and commit schema/" >&2
        status=1
    else
        echo "schema.sh: schema/ is up to date"
    fi
fi
exit "$status"
