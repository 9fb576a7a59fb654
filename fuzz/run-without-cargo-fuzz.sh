#!/usr/bin/env bash
# Builds and runs a fuzz target on a stable toolchain without cargo-fuzz:
# the same SanitizerCoverage instrumentation cargo-fuzz uses, minus
# AddressSanitizer (which needs nightly; the code has no unsafe anyway).
# Usage: fuzz/run-without-cargo-fuzz.sh pipeline|wrap [seconds]
set -euo pipefail
cd "$(dirname "$0")"
target=${1:-pipeline}
secs=${2:-60}
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
triple=$(rustc -vV | sed -n 's/^host: //p')
# --target keeps the flags off build scripts.
cargo build --release --target "$triple" --bin "$target"
mkdir -p "corpus/$target" "artifacts/$target"
if [ -z "$(ls -A "corpus/$target")" ]; then
    for f in ../seeds/*; do
        (printf 'dP\x55\x80'; head -c 3000 "$f") > "corpus/$target/$(basename "$f")"
    done
fi
"target/$triple/release/$target" "corpus/$target" -max_total_time="$secs" \
    -max_len=4096 -timeout=20 -artifact_prefix="artifacts/$target/"
