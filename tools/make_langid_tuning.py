#!/usr/bin/env python3
"""Build a French/English language-id tuning set from the NER *train* splits.

usage: tools/make_langid_tuning.py SHARED_DIR OUT.jsonl

Words (5+ letters, written in lower case, so mostly not names), word pairs and sentences are drawn with a fixed seed from
../shared/data/ner/wikineural/{fr,en}/train.jsonl. Detector parameters are tuned on this set,
never on ../shared/data/langid (whose sources are the evaluation's).
"""
import json
import random
import re
import sys

shared, out = sys.argv[1], sys.argv[2]
rng = random.Random(20261127)
word_re = re.compile(r"[^\W\d_]{5,}")
rows = []
for lang in ("fr", "en"):
    with open(f"{shared}/data/ner/wikineural/{lang}/train.jsonl", encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f]
    rng.shuffle(texts)
    words, pairs, sentences = [], [], []
    for text in texts:
        # Lower-case words only: names are not what the word and pair buckets hold.
        tokens = [t for t in word_re.findall(text) if t.islower()]
        if tokens and len(words) < 1500:
            words.append(rng.choice(tokens))
        if len(tokens) >= 2 and len(pairs) < 1500:
            i = rng.randrange(len(tokens) - 1)
            pairs.append(f"{tokens[i]} {tokens[i + 1]}")
        if len(sentences) < 500 and len(text) > 40:
            sentences.append(text)
    for bucket, items in (("word", words), ("pair", pairs), ("sentence", sentences)):
        for n, text in enumerate(items):
            rows.append({"id": f"tune-{lang}-{bucket}-{n}", "text": text, "lang": lang, "bucket": bucket})
with open(out, "w", encoding="utf-8") as f:
    for row in rows:
        f.write(json.dumps(row, ensure_ascii=False) + "\n")
print(f"{len(rows)} items -> {out}", file=sys.stderr)
