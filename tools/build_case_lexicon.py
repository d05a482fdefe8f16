#!/usr/bin/env python3
"""Builds the case lexicons of the Title-Case repair (crates/entente-normalize/data/case-LANG.tsv)
from the train splits of ../shared/data/ner: for each word seen at least 3 times past the start of
a sentence, whether it is written in lower case (`l`) or capitalized (`c`) at least 90 % of the
time, or else in lower case at least 60 % of the time (`m`: "company", which names also use).
Other words are left out.

usage: tools/build_case_lexicon.py [SHARED]    (default ../shared)
"""
import collections
import json
import re
import sys

shared = sys.argv[1] if len(sys.argv) > 1 else "../shared"
sources = {
    "fr": ["wikineural/fr/train.jsonl", "europeana/fr/train.jsonl"],
    "en": ["wikineural/en/train.jsonl", "uner_ewt/en/train.jsonl"],
}
word = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
for lang, files in sources.items():
    lower, capital = collections.Counter(), collections.Counter()
    for name in files:
        for line in open(f"{shared}/data/ner/{name}", encoding="utf-8"):
            words = word.findall(json.loads(line)["text"])
            for w in words[1:]:
                key = w.lower().replace("’", "'")
                if w == w.lower():
                    lower[key] += 1
                elif w[0].isupper() and w[1:] == w[1:].lower():
                    capital[key] += 1
    rows = []
    for key in sorted(set(lower) | set(capital)):
        n = lower[key] + capital[key]
        if n < 3:
            continue
        if lower[key] >= 0.9 * n:
            rows.append(f"{key}\tl")
        elif capital[key] >= 0.9 * n:
            rows.append(f"{key}\tc")
        elif lower[key] >= 0.6 * n:
            rows.append(f"{key}\tm")
    path = f"crates/entente-normalize/data/case-{lang}.tsv"
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(rows) + "\n")
    print(f"{path}: {len(rows)} words")
