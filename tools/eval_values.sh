#!/usr/bin/env bash
# Values: predictions for Duckling's FR/EN corpus (../shared/data/values/duckling-dev.jsonl),
# scored by ../shared/eval/score_values.py. Each case's reference_time and lang come with it.
#
# usage: tools/eval_values.sh [CONFIG]    (needs a release build and ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
config=${1:-config/examples/duckling.toml}
shared=${SHARED:-../shared}
entente=${ENTENTE:-target/release/entente}
out=${OUT:-target/eval}
mkdir -p "$out"
"$entente" predict values -c "$config" "$shared/data/values/duckling-dev.jsonl" > "$out/values-pred.jsonl"
python3 "$shared/eval/score_values.py" "$shared/data/values/duckling-dev.jsonl" "$out/values-pred.jsonl"
