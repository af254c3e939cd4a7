#!/usr/bin/env bash
# Runs the fuzz targets one after the other, each for SECONDS (600 by default):
#   rules            - any rule file through the loader, the checker, paths and walks;
#   answers          - any --answers / --carrier text and batch input, on the built-in rules;
#   batch            - batch input line by line as `batch` reads it (JSON lines, a key
#                      given twice, key=value lines, raw bytes, lines past 1 MiB), read
#                      through a buffer of any size with interrupted reads;
#   answers_file     - any bytes as a --resume answers file, written back and read
#                      again, then walked and rendered on the built-in rules;
#   rules_structured - a valid rule pack built from the input, walked, explained,
#                      rendered, listed path by path and run through the rules tools.
# Seeds: the built-in rule files, a few answer lines and answers files; the
# targets that build their input from bytes (batch, rules_structured) take the
# rule files as bytes to start from. Needs the nightly toolchain and cargo-fuzz
# (`cargo install cargo-fuzz --locked`); installs cargo-fuzz when missing.
# One job at a time (-jobs=1): the machine is shared. With UNSUB_DOCTOR_FUZZ_STATS=1,
# rules_structured also prints the share of packs that passed the checker.
# Usage: fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"

seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(rules answers batch answers_file rules_structured)

command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked

mkdir -p corpus/rules corpus/answers corpus/batch corpus/answers_file corpus/rules_structured
for dir in rules batch rules_structured; do
  cp ../rules/*.toml "corpus/$dir/"
  cp ../examples/guangdong/*.toml "corpus/$dir/" 2>/dev/null || true
done
printf '%s' 'carrier=mobile,symptom=no_option,account_state=normal,package_origin=deal,has_min_term=yes,contract_bundled=no' > corpus/answers/seed-diagnosed
printf '%s' 'carrier=cmcc,symptom=code_failed,code_source=website' > corpus/answers/seed-alias
printf '%s\n' '{"carrier":"unicom","symptom":"no_option","account_state":"suspended"}' '{"carrier":1}' 'not json' > corpus/answers/seed-batch
printf '%s\n' '# unsub-doctor: your answers so far. Edit freely; go on with' '#   unsub-doctor --resume THIS-FILE' \
  '[answers]' 'account_state = "normal"' 'carrier = "mobile"' 'complaint = "no_reply"' 'complaint_date = "2026-11-01"' \
  'complaint_ticket = "YD 2026(加急),二次"' 'contract_bundled = "no"' 'first_charge_date = "2026年10月3日"' \
  'has_min_term = "yes"' 'package_origin = "deal"' 'symptom = "no_option"' 'tried = "app+hotline"' > corpus/answers_file/seed-diagnosed
printf '%s\n' '[answers]' 'carrier = "cmcc"' 'symptom = "code_failed"' '' '[followup]' 'rung = "complaint"' '' \
  '[[followup.history]]' 'date = "2026-11-20"' 'rung = "manager"' 'worked = false' > corpus/answers_file/seed-followup
printf '%s\n' '[answers]' 'carrier = "telecom"' 'tried = "none"' 'first_charge_date = "9999-12-31"' > corpus/answers_file/seed-future

for target in "${targets[@]}"; do
  # A pack of 16 KB of input is already a full one; larger inputs only run slower.
  max_len=65536
  [ "$target" = rules_structured ] && max_len=16384
  echo "== $target: ${seconds} s"
  cargo +nightly fuzz run "$target" "corpus/$target" -- -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -jobs=1 2>&1 |
    grep -E '^(#[0-9]+[[:space:]]+DONE|Done|rules_structured: |INFO: Running with|==[0-9]+==|SUMMARY|.*panicked|.*crash)' || true
  # libFuzzer leaves crash-*, timeout-*, oom-* or leak-* files behind on a failure.
  if ls "artifacts/$target"/{crash,timeout,oom,leak}-* >/dev/null 2>&1; then
    echo "$target: failures in fuzz/artifacts/$target/" >&2
    exit 1
  fi
done
