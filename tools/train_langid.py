#!/usr/bin/env python3
"""Train entente's n-gram language models from wordfreq's word-frequency lists.

usage: tools/train_langid.py WORDFREQ_DATA_DIR OUT_DIR [--langs fr,en,...] [--words N]
                             [--list LANG=PATH ...] [--alphabet ALPHABET.bin]

WORDFREQ_DATA_DIR is the `wordfreq/data` folder of the wordfreq 3.1.1 wheel
(`pip download --no-deps wordfreq==3.1.1` then unzip). Each language gets one file
OUT_DIR/<lang>.bin holding
  - its N most frequent words with their frequency (the word model), and
  - conditional probabilities of characters given the 0-3 previous ones, estimated from
    the spelling of every listed word weighted by its frequency (the character model),
and OUT_DIR/alphabet.bin holds the shared character alphabet. The format is read by
crates/entente-detect-ngram/src/model.rs. The script is deterministic.

A language wordfreq lacks can bring its own list (`--list la=la-words.tsv`, lines
`word<TAB>weight`, see tools/build_latin_words.py); `--alphabet` then reuses the shipped
alphabet so that the other models stay valid.

Needs the `msgpack` Python package (pip install msgpack). Standard library otherwise.
"""

import argparse
import gzip
import math
import os
import struct
import sys
import unicodedata
from collections import defaultdict

import msgpack

MAGIC = b"ENTLID01"
ORDER = 4            # characters of context + 1
BOUNDARY = 1         # symbol id of the word boundary
OTHER = 2            # symbol id of letters outside the alphabet
MAX_SYMBOLS = 250
Q_SCALE_WORD = 8.0   # q = round(-ln p * scale), stored in a byte (255 = absent)
Q_SCALE_GRAM = 16.0
MIN_GRAM_WEIGHT = 2e-8  # n-grams seen with less total frequency are dropped


def load_freqs(data_dir, lang):
    for size in ("large", "small"):
        path = os.path.join(data_dir, f"{size}_{lang}.msgpack.gz")
        if os.path.exists(path):
            with gzip.open(path) as f:
                packed = msgpack.load(f, raw=False)
            header, buckets = packed[0], packed[1:]
            assert header.get("format") == "cB", header
            out = []
            for index, bucket in enumerate(buckets):
                freq = 10 ** (-index / 100)
                out.extend((w, freq) for w in bucket)
            return out, size
    sys.exit(f"no wordfreq list for {lang} in {data_dir}")


def load_tsv(path):
    """A word list of our own: lines `word<TAB>weight` (tools/build_latin_words.py)."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            word, _, weight = line.rstrip("\n").partition("\t")
            out.append((word, float(weight)))
    return out


def read_alphabet(path):
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == MAGIC, path
    (n,) = struct.unpack_from("<I", data, 8)
    return [chr(c) for c in struct.unpack_from(f"<{n}I", data, 12)]


def letters_only(word):
    """The word as the detector sees it: NFC, lower case, letters only (else None)."""
    w = unicodedata.normalize("NFC", word).lower()
    if not w or not all(c.isalpha() for c in w):
        return None
    return w


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data_dir")
    ap.add_argument("out_dir")
    ap.add_argument("--langs", default="fr,en,es,it,pt,de,nl,ca,ro,id,ms")
    ap.add_argument("--words", type=int, default=40000)
    ap.add_argument(
        "--list",
        action="append",
        default=[],
        metavar="LANG=PATH",
        help="read LANG's words from PATH (lines `word<TAB>weight`) instead of wordfreq",
    )
    ap.add_argument(
        "--alphabet",
        metavar="PATH",
        help="reuse this alphabet.bin instead of deriving (and writing) one from the lists",
    )
    args = ap.parse_args()
    langs = args.langs.split(",")
    own_lists = dict(item.split("=", 1) for item in args.list)

    lists = {}
    for lang in langs:
        if lang in own_lists:
            freqs, size = load_tsv(own_lists[lang]), own_lists[lang]
        else:
            freqs, size = load_freqs(args.data_dir, lang)
        merged = defaultdict(float)
        for word, freq in freqs:
            w = letters_only(word)
            if w:
                merged[w] += freq
        lists[lang] = sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))
        print(f"{lang}: {len(lists[lang])} letter words from the {size} list", file=sys.stderr)

    os.makedirs(args.out_dir, exist_ok=True)
    if args.alphabet:
        alphabet = read_alphabet(args.alphabet)
    else:
        # Shared alphabet: characters by total frequency weight across languages.
        weight = defaultdict(float)
        for lang in langs:
            for word, freq in lists[lang]:
                for c in word:
                    weight[c] += freq
        alphabet = [c for c, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))][: MAX_SYMBOLS - 3]
        with open(os.path.join(args.out_dir, "alphabet.bin"), "wb") as f:
            f.write(MAGIC)
            f.write(struct.pack("<I", len(alphabet)))
            for c in alphabet:
                f.write(struct.pack("<I", ord(c)))
    symbol = {c: i + 3 for i, c in enumerate(alphabet)}

    for lang in langs:
        words = lists[lang]
        total = sum(freq for _, freq in words)
        # Character model: counts of (context, char) for contexts of 0..ORDER-1 symbols.
        joint = defaultdict(float)
        context = defaultdict(float)
        for word, freq in words:
            p = freq / total
            syms = [BOUNDARY] + [symbol.get(c, OTHER) for c in word] + [BOUNDARY]
            for i in range(1, len(syms)):
                for n in range(1, ORDER + 1):
                    if i - (n - 1) < 0:
                        break
                    gram = tuple(syms[i - n + 1: i + 1])
                    joint[gram] += p
                    context[gram[:-1]] += p
        grams = []
        for gram, p in joint.items():
            if p < MIN_GRAM_WEIGHT:
                continue
            cond = p / context[gram[:-1]]
            q = min(254, round(-math.log(cond) * Q_SCALE_GRAM))
            key = 0
            for s in gram:
                key = (key << 8) | s
            grams.append((key, q))
        grams.sort()
        top = words[: args.words]
        with open(os.path.join(args.out_dir, f"{lang}.bin"), "wb") as f:
            f.write(MAGIC)
            tag = lang.encode()
            f.write(struct.pack("<B", len(tag)) + tag)
            f.write(struct.pack("<I", len(top)))
            for word, freq in top:
                b = word.encode()
                q = min(254, round(-math.log(freq / total) * Q_SCALE_WORD))
                f.write(struct.pack("<B", len(b)) + b + struct.pack("<B", q))
            f.write(struct.pack("<I", len(grams)))
            for key, q in grams:
                f.write(struct.pack("<IB", key, q))
        size = os.path.getsize(os.path.join(args.out_dir, f"{lang}.bin"))
        print(f"{lang}: {len(top)} words, {len(grams)} n-grams, {size / 1e6:.2f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
