#!/usr/bin/env bash
# Language identification: predictions for the dev files, scored by ../shared/eval/score_langid.py.
#
# usage: tools/eval_langid.sh [CONFIG] [LANGS]
#   CONFIG  an entente config (default: config/default.toml); its detector is evaluated
#   LANGS   the languages to score (default: the config's, e.g. fr,en)
# Needs a release build (cargo build --release -p entente-driver) and ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."
config=${1:-config/default.toml}
shared=${SHARED:-../shared}
entente=${ENTENTE:-target/release/entente}
out=${OUT:-target/eval}
mkdir -p "$out"
langs=${2:-$(sed -n 's/^languages *= *\[\(.*\)\]/\1/p' "$config" | tr -d ' "')}
name=$(basename "$config" .toml)

# Document-level accuracy on the rows of the configured languages.
python3 - "$shared/data/langid/dev.jsonl" "$out/langid-gold-$name.jsonl" "$langs" <<'PY'
import json, sys
src, dst, langs = sys.argv[1], sys.argv[2], set(sys.argv[3].split(","))
with open(src) as f, open(dst, "w") as g:
    for line in f:
        if json.loads(line)["lang"] in langs:
            g.write(line)
PY
start=$(date +%s.%N)
"$entente" predict langid -c "$config" "$out/langid-gold-$name.jsonl" > "$out/langid-pred-$name.jsonl"
end=$(date +%s.%N)
echo "== $config on dev.jsonl rows of $langs ($(wc -l < "$out/langid-gold-$name.jsonl") items, $(echo "$end - $start" | bc) s)"
python3 "$shared/eval/score_langid.py" "$out/langid-gold-$name.jsonl" "$out/langid-pred-$name.jsonl" --langs "$langs"

if [[ "$langs" == *fr* && "$langs" == *en* ]]; then
  echo "== $config on mixed_dev.jsonl (segments)"
  "$entente" predict segments -c "$config" "$shared/data/langid/mixed_dev.jsonl" > "$out/mixed-pred-$name.jsonl"
  python3 "$shared/eval/score_langid.py" "$shared/data/langid/mixed_dev.jsonl" "$out/mixed-pred-$name.jsonl"
fi
