#!/usr/bin/env bash
# Wall time and peak memory of every rustc process a cargo command runs, largest first: which
# crate of a build needs the memory. Clean what you want measured first, e.g. from the
# repository root:
#
#   cargo clean -p tl-schema-tests && bench/rustc-peaks.sh cargo test --no-run -p tl-schema-tests
#
# (It sets itself as RUSTC_WRAPPER; cargo then calls it as `rustc-peaks.sh RUSTC ARGS…`.)
set -euo pipefail
if [ -n "${RUSTC_PEAKS_LOG:-}" ]; then
    rustc=$1
    shift
    name=unknown
    args=("$@")
    for i in "${!args[@]}"; do
        if [ "${args[$i]}" = --crate-name ]; then name=${args[$((i + 1))]}; fi
    done
    exec /usr/bin/time -a -o "$RUSTC_PEAKS_LOG" -f "%e %M $name" "$rustc" "$@"
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
RUSTC_PEAKS_LOG=$log RUSTC_WRAPPER=$(realpath "$0") "$@"
printf '%-32s %8s %9s\n' crate "wall s" "peak MB"
# Version queries and build scripts' probes have no --crate-name; they are skipped.
grep -v -e ' unknown$' -e ' ___$' "$log" | sort -k2 -n -r |
    awk '{ printf "%-32s %8.1f %9.0f\n", $3, $1, $2 / 1024 }'
