#!/usr/bin/env python3
"""Build the place-name list the named-entity tagger uses as a feature.

usage: tools/build_places.py SHARED_DIR OUT.txt

From GeoNames (../shared/data/kb/raw/geonames/cities15000.json, CC BY 4.0): the name of every
city of 15,000 inhabitants or more, and, for cities of 100,000 or more, their alternate names
written in the Latin alphabet that start with a capital (exonyms such as "Moscou" or "Pékin").
Names of one or two letters and names of more than four words are left out. One name per line,
sorted, deduplicated; the script is deterministic.
"""
import json
import sys
import unicodedata

shared, out = sys.argv[1], sys.argv[2]
ALT_MIN = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
with open(f"{shared}/data/kb/raw/geonames/cities15000.json", encoding="utf-8") as f:
    cities = json.load(f).values()


def latin(name):
    return all(c.isascii() or "LATIN" in unicodedata.name(c, "") for c in name if c.isalpha())


names = set()
for city in cities:
    candidates = [city["name"]]
    if city["population"] >= ALT_MIN:
        candidates += [a for a in city["alternatenames"] if a[:1].isupper() and latin(a)]
    for name in candidates:
        name = " ".join(name.split())
        if len(name) > 2 and len(name.split()) <= 4 and latin(name) and any(c.isalpha() for c in name):
            names.add(name)
with open(out, "w", encoding="utf-8") as f:
    for name in sorted(names):
        f.write(name + "\n")
print(f"{out}: {len(names)} names", file=sys.stderr)
