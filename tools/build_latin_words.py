#!/usr/bin/env python3
"""Build a Latin word-frequency list from Collatinus's lexicon, for the language detector.

usage: tools/build_latin_words.py OUT.tsv

wordfreq, the source of the other languages' lists, has no Latin. Collatinus (Yves Ouvrard
and Philippe Verkerk, GPL) has a Latin lexicon of about 80,000 lemmas with their inflection
paradigms and, for most lemmas, the number of times the LASLA corpus of classical texts uses
them. This script inflects every lemma with PyCollatinus (Collatinus's lexicon and engine
as a Python package: `pip install pycollatinus==0.1.6`) and shares each lemma's count among its
forms, so that a form's weight estimates how often it is written:

  weight(form) = count(lemma) * w(morphology) / sum of w over the lemma's morphologies

(an alternative stem or ending, such as archaic "indu" for "in", gets a quarter of the
weight of the first one).

w is a fixed prior over morphologies, written below: the relative frequency of each case and
number in the LASLA corpus (Collatinus's `tags.la`, nouns), and for verbs an ordering of
persons, moods and tenses by how often texts use them (third person over first and second,
indicative over subjunctive, present and perfect over the other tenses). Lemmas LASLA never
saw get half an occurrence.

Spelling follows modern usage, the one of the web: Collatinus writes consonantal u as "u" and
consonantal i as "j" ("uerbum", "cujus"); forms are written with "v" ("verbum": u at the start
of a word or after a vowel, and before a vowel) and "i" ("cuius"); the classical "u" spelling
is kept too, at a quarter of the weight.

Output: one `word<TAB>weight` line per form (letters only, lower case, NFC), heaviest first.
Deterministic. The result is derived from Collatinus's data and so is licensed under the GNU
GPL (version 2 or later), which is why the Latin model is not built into the binary.
"""

import collections
import collections.abc
import sys
import unicodedata

# PyCollatinus 0.1.6 imports `collections.Callable`, which Python 3.10 removed.
collections.Callable = collections.abc.Callable  # type: ignore[attr-defined]

from pycollatinus import Lemmatiseur  # noqa: E402

CASES = ["nominatif", "vocatif", "accusatif", "génitif", "datif", "ablatif", "locatif"]


def noun_counts(lemmatiseur_dir):
    """Share of each (case, number) among the nouns of the LASLA corpus (tags n11 ... n72)."""
    counts = {}
    with open(f"{lemmatiseur_dir}/tags.la", encoding="utf-8") as f:
        for line in f:
            tag, _, n = line.partition(",")
            tag = tag.strip()
            if len(tag) == 3 and tag[0] == "n" and tag[1].isdigit() and tag[2] in "12":
                case = CASES[int(tag[1]) - 1]
                number = "singulier" if tag[2] == "1" else "pluriel"
                counts[(case, number)] = int(n.strip())
    total = sum(counts.values())
    return {k: v / total for k, v in counts.items()}


PERSON = {"1ère": 0.35, "2ème": 0.2, "3ème": 1.0}
MOOD = {"indicatif": 1.0, "subjonctif": 0.5, "impératif": 0.1}
TENSE = {
    "présent": 1.0,
    "parfait": 0.8,
    "imparfait": 0.5,
    "futur": 0.3,
    "plus-que-parfait": 0.2,
    "futur antérieur": 0.05,
}


def morph_weight(text, cases):
    """Prior weight of one morphology, described in Collatinus's French (morphos.fr)."""
    words = text.split()
    w = 1.0
    case = next((c for c in CASES if c in words), None)
    number = "pluriel" if "pluriel" in words else "singulier"
    if "infinitif" in words:
        w = 2.0 if ("présent" in words and "passif" not in words) else 0.3
    elif case is not None:
        w = cases.get((case, number), 0.01)
        if "participe" in words or "gérondif" in words or "adjectif" in words:
            w *= 0.15
        if "comparatif" in words:
            w *= 0.1
        if "superlatif" in words:
            w *= 0.05
    elif any(p in words for p in PERSON):
        person = next(p for p in PERSON if p in words)
        w = PERSON[person] * (0.6 if number == "pluriel" else 1.0)
        w *= next((v for m, v in MOOD.items() if m in words), 0.3)
        tense = "futur antérieur" if "antérieur" in words else next((t for t in TENSE if t in words), "présent")
        w *= TENSE[tense]
        if "passif" in words:
            w *= 0.5
    else:
        w = 0.3  # supines, gerunds without a case, and other rare forms
    return w


VOWELS = set("aeiouy")
# Weight of an alternative stem or ending against the first one.
VARIANT = 0.25


def modern(word):
    """Consonantal u and j written v and i: "uerbum" -> "verbum", "cujus" -> "cuius"."""
    chars = list(word.replace("j", "i"))
    for i, c in enumerate(chars):
        if c != "u" or i + 1 >= len(chars) or chars[i + 1] not in VOWELS:
            continue
        if i == 0 or chars[i - 1] in VOWELS:
            chars[i] = "v"
    return "".join(chars)


def clean(form):
    w = unicodedata.normalize("NFC", form).lower()
    # Collatinus marks vowel length on some forms; the detector sees plain letters.
    w = "".join(c for c in unicodedata.normalize("NFD", w) if not unicodedata.combining(c))
    w = unicodedata.normalize("NFC", w)
    return w if w and all(c.isalpha() for c in w) else None


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    lem = Lemmatiseur()
    cases = noun_counts(lem._resDir)
    morph_text = lem._morphos["fr"]
    weights = {}
    out = collections.defaultdict(float)
    for key in sorted(lem._lemmes):
        lemma = lem._lemmes[key]
        model = lemma.modele()
        forms = collections.defaultdict(float)
        for morph in model.morphos():
            if morph not in weights:
                weights[morph] = morph_weight(morph_text.get(morph, ""), cases)
            for d, desinence in enumerate(model.desinences(morph)):
                radicals = lemma.radical(desinence.numRad())
                if radicals is None:
                    continue
                if not isinstance(radicals, list):
                    radicals = [radicals]
                for r, radical in enumerate(radicals):
                    form = clean(radical.gr() + desinence.gr())
                    if form:
                        # The first of alternative stems or endings is the usual one
                        # ("in", then archaic "indu"; "cuius", then "quoius").
                        forms[form] += weights[morph] * (1.0 if d == 0 else VARIANT) * (1.0 if r == 0 else VARIANT)
        total = sum(forms.values())
        if not total:
            continue
        count = lemma.nbOcc() or 0.5
        for form, w in forms.items():
            share = count * w / total
            out[modern(form)] += share
            if modern(form) != form:
                out[form] += share / 4
    rows = sorted(out.items(), key=lambda kv: (-kv[1], kv[0]))
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        for word, w in rows:
            f.write(f"{word}\t{w:.6g}\n")
    print(f"{len(rows)} forms of {len(lem._lemmes)} lemmas", file=sys.stderr)


if __name__ == "__main__":
    main()
