#!/usr/bin/env bash
# Runs the fuzz targets one after the other, each for SECONDS (600 by default):
#   rules   - any rule file through the loader, the checker, paths and walks;
#   answers - any --answers / --carrier text and batch input, on the built-in rules.
# Seeds: the built-in rule files and a few answer lines. Needs the nightly
# toolchain and cargo-fuzz (`cargo install cargo-fuzz`); installs cargo-fuzz
# when missing. Usage: fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"

seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(rules answers)

command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked

mkdir -p corpus/rules corpus/answers
cp ../rules/*.toml corpus/rules/
cp ../examples/guangdong/*.toml corpus/rules/ 2>/dev/null || true
printf '%s' 'carrier=mobile,symptom=no_option,account_state=normal,package_origin=deal,has_min_term=yes,contract_bundled=no' > corpus/answers/seed-diagnosed
printf '%s' 'carrier=cmcc,symptom=code_failed,code_source=website' > corpus/answers/seed-alias
printf '%s\n' '{"carrier":"unicom","symptom":"no_option","account_state":"suspended"}' '{"carrier":1}' 'not json' > corpus/answers/seed-batch

for target in "${targets[@]}"; do
  echo "== $target: ${seconds} s"
  cargo +nightly fuzz run "$target" "corpus/$target" -- -max_total_time="$seconds" -max_len=65536 -timeout=10 2>&1 |
    grep -E '^(#[0-9]+ +DONE|Done|INFO: Running with|==[0-9]+==|SUMMARY|.*panicked|.*crash)' || true
  # libFuzzer leaves crash-* files behind on a failure.
  if ls "artifacts/$target"/crash-* >/dev/null 2>&1; then
    echo "$target: crashes in fuzz/artifacts/$target/" >&2
    exit 1
  fi
done
