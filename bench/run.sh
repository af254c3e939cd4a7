#!/usr/bin/env bash
# Measures unsub-doctor side by side, in one run, on this machine:
#   - a full scripted diagnosis (--format json) against /bin/true and --version (hyperfine);
#   - batch throughput (cases per second);
#   - `rules check` on generated packs of 1,000 / 10,000 / 100,000 nodes
#     (files of at most 1,000 nodes each): time, peak memory, growth per 10x;
#   - peak memory of one diagnosis.
# Usage: bench/run.sh [--small]   (--small: fewer runs and sizes, for CI)
# Needs hyperfine and GNU time (Debian packages `hyperfine`, `time`); installs them when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

small=false
[ "${1:-}" = "--small" ] && small=true

for tool in hyperfine /usr/bin/time; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine time >/dev/null
  fi
done

# The binary as scripts/release builds it (after that script, or .ci/run's
# `cargo test`, nothing here compiles again): a release build of the binary
# alone, and the pack generator in the dev profile, which `cargo test` has
# built (it only writes text; a release build of an example would compile
# every dev-dependency for release).
cargo build --release --quiet --locked --bin unsub-doctor
cargo build --quiet --example gen_pack
# .cargo/config.toml builds for the host tuple, into target/<tuple>/.
out=target/$(rustc --print host-tuple)/release
gen=target/$(rustc --print host-tuple)/debug/examples/gen_pack
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Measure a copy, as `cargo install` makes one: the file the linker wrote
# starts measurably slower (about 0.2 ms a run here) than a copy of it.
cp "$out/unsub-doctor" "$work/unsub-doctor"
bin=$work/unsub-doctor

answers="symptom=no_option,account_state=normal,package_origin=deal,has_min_term=yes,contract_bundled=no"
runs=300; $small && runs=20

echo "## Start-up: one diagnosis against /bin/true and --version (medians)"
hyperfine -N --warmup 10 --runs "$runs" --export-json "$work/startup.json" \
  "/bin/true" "$bin --version" "$bin --json --carrier mobile --answers $answers" >/dev/null 2>&1
python3 - "$work/startup.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
base = results[0]["median"]
print("| command | median | ratio to /bin/true |")
print("|---|---|---|")
for r in results:
    print(f"| `{r['command']}` | {r['median'] * 1000:.2f} ms | {r['median'] / base:.2f}x |")
PY
echo
echo "## Batch throughput"
cases=100000; $small && cases=2000
python3 - "$cases" > "$work/cases.jsonl" <<'PY'
import json, sys
paths = [
  {"carrier": "mobile", "symptom": "code_failed", "code_source": "website"},
  {"carrier": "unicom", "symptom": "no_option", "account_state": "suspended"},
  {"carrier": "telecom", "symptom": "refused", "account_state": "normal", "package_origin": "gift"},
  {"carrier": "mobile", "symptom": "still_active", "submitted_via": "official", "got_confirmation": "yes"},
]
for i in range(int(sys.argv[1])):
    print(json.dumps(paths[i % len(paths)]))
PY
for shape in "" "--brief"; do
  start=$(date +%s.%N)
  "$bin" batch $shape "$work/cases.jsonl" > /dev/null 2>&1
  end=$(date +%s.%N)
  python3 -c "import sys; c,s,e=int(sys.argv[1]),float(sys.argv[2]),float(sys.argv[3]); print(f'batch {sys.argv[4] or \"(full reports)\"}: {c} cases in {e-s:.2f} s: {c/(e-s):,.0f} cases per second')" "$cases" "$start" "$end" "$shape"
done

echo
echo "## rules check on generated packs"
sizes="1000 10000 100000"; $small && sizes="1000 10000"
previous=""
for nodes in $sizes; do
  "$gen" "$nodes" "$work/pack$nodes"
  # The median of three runs: one slow run on a shared machine says little.
  for run in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/time$run" "$bin" --no-builtin --rules "$work/pack$nodes" rules check > /dev/null
  done
  read -r seconds kilobytes < <(sort -n "$work"/time[123] | sed -n 2p)
  growth=""
  [ -n "$previous" ] && growth=$(python3 -c "import sys; print(f'(x{float(sys.argv[1])/max(float(sys.argv[2]),0.001):.1f} for 10x nodes)')" "$seconds" "$previous")
  echo "$nodes nodes: $seconds s, $((kilobytes / 1024)) MB peak $growth"
  previous=$seconds
done

echo
echo "## Peak memory of one diagnosis"
/usr/bin/time -f "%M" -o "$work/rss" "$bin" --json --carrier mobile --answers "$answers" > /dev/null
echo "$(( $(cat "$work/rss") / 1024 )) MB peak RSS"

echo
echo "## Hostile packs at the documented limits (goal: 2 s and 512 MB each)"
# Each pack is as large as docs/bad-input.md allows in the one respect it
# stresses (bench/limit_packs.py); `brace` and `oneline` are refused, at once.
python3 bench/limit_packs.py "$work/limits"
A=carrier=mobile,symptom=no_option,account_state=normal,package_origin=deal,has_min_term=yes,contract_bundled=no
L=$work/limits
rows=(
  "longvalue|--no-builtin --rules $L/longvalue questions"
  "chain|--no-builtin --rules $L/chain why-not y --answers carrier=k0"
  "chain|--no-builtin --rules $L/chain --answers carrier=k0"
  "chain|--no-builtin --rules $L/chain --json --answers carrier=k0"
  "diamond|--no-builtin --rules $L/diamond why-not x --answers carrier=k0"
  "diamond|--no-builtin --rules $L/diamond rules paths --limit 100000"
  "diamond|--no-builtin --rules $L/diamond rules paths --json --limit 100000"
  "brace|--rules $L/brace rules check"
  "rungs|--rules $L/rungs --answers $A"
  "carriers|--no-builtin --rules $L/carriers --answers carrier=k49"
  "details|--rules $L/details --answers $A"
  "oneline|--rules $L/oneline rules check"
)
$small && rows=("${rows[@]:0:2}" "${rows[4]}" "${rows[7]}")
echo "| pack | command | exit | time | peak memory |"
echo "|---|---|---|---|---|"
for row in "${rows[@]}"; do
  name=${row%%|*}
  args=${row#*|}
  # shellcheck disable=SC2086 # the arguments are words on purpose
  /usr/bin/time -f "%e %M %x" -o "$work/hostile" "$bin" --lang en $args > /dev/null 2>&1 || true
  read -r seconds kilobytes code < <(tail -1 "$work/hostile")
  shown=${args//$work\/limits\//}
  echo "| $name | \`${shown//$A/\$A}\` | $code | $seconds s | $((kilobytes / 1024)) MB |"
done
