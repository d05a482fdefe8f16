#!/usr/bin/env bash
# Instructions that `entente run -j 1` executes on the first 2,000 documents of the bench
# corpus (see bench_pipeline.sh), start-up subtracted (a run on an empty file), counted by
# valgrind: unlike time, the count does not drift with the machine, so two builds compare to
# the per mille. Instructions are not time (a cut of cheap, well-predicted work buys little),
# so a speed claim still needs bench_pipeline.sh.
#
# usage: tools/count_instructions.sh [ENTENTE ...]   (default: target/release/entente; needs
#        valgrind and target/eval/bench-corpus.jsonl, which bench_pipeline.sh writes)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-target/eval}
corpus="$out/bench-corpus.jsonl"
[ -f "$corpus" ] || { echo "no $corpus: run tools/bench_pipeline.sh first" >&2; exit 1; }
head -2000 "$corpus" > "$out/count-docs.jsonl"
: > "$out/count-empty.jsonl"
count() {
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
    "$1" run -j 1 -c config/default.toml "$2" 2>&1 >/dev/null | awk '/I *refs/ {gsub(",", "", $NF); print $NF}'
}
for entente in "${@:-target/release/entente}"; do
  total=$(count "$entente" "$out/count-docs.jsonl")
  startup=$(count "$entente" "$out/count-empty.jsonl")
  printf '%-40s per-document work %6.1f million instructions (start-up %.1f million)\n' "$entente" \
    "$(echo "($total - $startup) / 1000000" | bc -l)" "$(echo "$startup / 1000000" | bc -l)"
done
