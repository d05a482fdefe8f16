#!/usr/bin/env bash
# End-to-end throughput and memory of `entente run` (one process, one worker thread; THREADS=N for more) on the NER dev
# sentences of ../shared (French and English, repeated five times: 38,480 documents,
# 772,145 words), as JSON Lines. Prints words per CPU-second and peak RSS for the default
# configuration and, as baselines measured in the same run, for the rule-based extractor and
# for the whatlang detector.
#
# With BASELINE=path/to/another/entente, it instead compares two builds on the default
# configuration: five runs of each, interleaved so that both see the machine's drift alike,
# best of five each, and their ratio.
#
# usage: tools/bench_pipeline.sh    (needs a release build and ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
entente=${ENTENTE:-target/release/entente}
out=${OUT:-target/eval}
mkdir -p "$out"
corpus="$out/bench-corpus.jsonl"
python3 - "$shared" "$corpus" <<'PY'
import json, sys
shared, path = sys.argv[1], sys.argv[2]
with open(path, "w") as out:
    for rep in range(5):
        for f in ("wikineural/fr", "wikineural/en", "europeana/fr", "wikigold/en"):
            for line in open(f"{shared}/data/ner/{f}/dev.jsonl"):
                d = json.loads(line)
                out.write(json.dumps({"id": f"{rep}-{d['id']}", "text": d["text"]}, ensure_ascii=False) + "\n")
PY
words=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].split()) for l in open(sys.argv[1])))" "$corpus")
mb=$(python3 -c "import os,sys; print(round(os.path.getsize(sys.argv[1]) / 1e6, 2))" "$corpus")
rules="$out/bench-rules.toml"
sed 's/^kind = "rules"$/kind = "rules"\nparams = { tagger = false }/' config/default.toml > "$rules"
echo "corpus: $(wc -l < "$corpus") documents, $words words, $mb MB"
cpu_of() { /usr/bin/time -f "%U %S %M" -o "$out/bench.time" "$1" run -j "${THREADS:-1}" -c "$2" "$corpus" > /dev/null
  read -r user sys rss < "$out/bench.time"; echo "$(echo "$user + $sys" | bc) $rss"; }
if [ -n "${BASELINE:-}" ]; then
  best_base=""; best_new=""
  for run in 1 2 3 4 5; do
    read -r base base_rss < <(cpu_of "$BASELINE" config/default.toml)
    read -r new new_rss < <(cpu_of "$entente" config/default.toml)
    if [ -z "$best_base" ] || [ "$(echo "$base < $best_base" | bc)" = 1 ]; then best_base=$base; fi
    if [ -z "$best_new" ] || [ "$(echo "$new < $best_new" | bc)" = 1 ]; then best_new=$new; fi
  done
  printf '%-32s %8.2f CPU-s  %9.0f words/CPU-s  peak RSS %5.1f MB\n' "baseline $BASELINE" "$best_base" \
    "$(echo "$words / $best_base" | bc -l)" "$(echo "$base_rss / 1024" | bc -l)"
  printf '%-32s %8.2f CPU-s  %9.0f words/CPU-s  peak RSS %5.1f MB\n' "$entente" "$best_new" \
    "$(echo "$words / $best_new" | bc -l)" "$(echo "$new_rss / 1024" | bc -l)"
  printf 'speed-up: %.2f\n' "$(echo "$best_base / $best_new" | bc -l)"
  exit 0
fi
for config in config/default.toml "$rules" config/examples/whatlang.toml; do
  best=""
  for run in 1 2 3; do
    /usr/bin/time -f "%U %S %M" -o "$out/bench.time" "$entente" run -j "${THREADS:-1}" -c "$config" "$corpus" > /dev/null
    read -r user sys rss < "$out/bench.time"
    cpu=$(echo "$user + $sys" | bc)
    if [ -z "$best" ] || [ "$(echo "$cpu < $best" | bc)" = 1 ]; then best=$cpu; best_rss=$rss; fi
  done
  printf '%-32s %8.2f CPU-s  %9.0f words/CPU-s  %6.2f MB/CPU-s  peak RSS %5.1f MB\n' \
    "$config" "$best" "$(echo "$words / $best" | bc -l)" "$(echo "$mb / $best" | bc -l)" "$(echo "$best_rss / 1024" | bc -l)"
done
