#!/usr/bin/env bash
# Named entities: predictions for the NER dev files, scored by ../shared/eval/score_ner.py.
#
# usage: tools/eval_ner.sh [CONFIG] [SET...]
#   CONFIG  an entente config (default: config/default.toml)
#   SET     wikineural/fr europeana/fr wikigold/en uner_ewt/en wikineural/en (default: all)
# Needs a release build (cargo build --release -p entente-driver) and ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."
config=${1:-config/default.toml}
shift || true
sets=("$@")
[ ${#sets[@]} -eq 0 ] && sets=(wikineural/fr europeana/fr wikigold/en uner_ewt/en wikineural/en)
shared=${SHARED:-../shared}
entente=${ENTENTE:-target/release/entente}
out=${OUT:-target/eval}
mkdir -p "$out"
for set in "${sets[@]}"; do
  gold="$shared/data/ner/$set/dev.jsonl"
  pred="$out/ner-$(echo "$set" | tr / -)-$(basename "$config" .toml).jsonl"
  labels=PER,LOC,ORG,MISC
  case "$set" in europeana/*|uner_ewt/*) labels=PER,LOC,ORG ;; esac
  start=$(date +%s.%N)
  "$entente" predict ner -c "$config" "$gold" > "$pred"
  end=$(date +%s.%N)
  words=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].split()) for l in open(sys.argv[1])))" "$gold")
  echo "== $set ($labels; $words words in $(printf '%.2f' "$(echo "$end - $start" | bc)") s, whole pipeline)"
  python3 "$shared/eval/score_ner.py" "$gold" "$pred" --labels "$labels" | tail -1
done
