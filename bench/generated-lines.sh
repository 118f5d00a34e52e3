#!/usr/bin/env bash
# How much code tl_schema! generates for layer 230 + grammers' MTProto schema (what bench/types
# expands), per declaration:
#
#   macro output:  what the macro hands the compiler, formatted by rustfmt (the runtime's helper
#                  macros, such as `__ctor_impls!(A, B, …)`, still unexpanded);
#   fully expanded: the crate after every macro is expanded (`-Zunpretty=expanded`, the derives and
#                  the runtime's macros included), formatted the same way.
#
# Usage: cd bench && ./generated-lines.sh          (needs rustfmt; the second count RUSTC_BOOTSTRAP=1)
set -euo pipefail
cd "$(dirname "$0")"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

(cd .. && cargo run -q --release -p tl-pipeline --example expand -- \
    ../shared/schemas/telegram-api-layer230.tl ../shared/schemas/mtproto-grammers.tl) >"$out/macro.rs"
rustfmt --edition 2021 "$out/macro.rs"
# Declarations that generate a type: every struct of `types` and `functions`.
decls=$(grep -cE '^\s*pub struct ' "$out/macro.rs")
lines=$(wc -l <"$out/macro.rs")

RUSTC_BOOTSTRAP=1 cargo rustc -q -p tl-bench-types -- -Zunpretty=expanded >"$out/expanded.rs" 2>/dev/null
rustfmt --edition 2021 "$out/expanded.rs" 2>/dev/null || true
expanded=$(wc -l <"$out/expanded.rs")

printf 'declarations (structs): %d\n' "$decls"
printf 'macro output:   %7d lines, %5.1f per declaration, %s bytes\n' "$lines" \
    "$(awk -v a="$lines" -v b="$decls" 'BEGIN { print a / b }')" "$(wc -c <"$out/macro.rs")"
printf 'fully expanded: %7d lines, %5.1f per declaration, %s bytes\n' "$expanded" \
    "$(awk -v a="$expanded" -v b="$decls" 'BEGIN { print a / b }')" "$(wc -c <"$out/expanded.rs")"
