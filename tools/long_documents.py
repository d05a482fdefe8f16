#!/usr/bin/env python3
"""Write six long single-document JSON Lines files, to check that `entente run` takes time in
proportion to a document's length (a step that reads the whole text, or every mention, once per
token or mention makes it grow with the square):

  lines.jsonl       20,000 lines of one French sentence (1.9 MB)
  one-line.jsonl    15,000 French and English sentences on one line, with quotations, dates and
                    quantities (two documents, 3.6 MB)
  paragraphs.jsonl  20,000 paragraphs with a quotation, a date, a quantity and a duration (2.7 MB)
  articles.jsonl    the reference articles repeated to 1.2 MB
  names.jsonl       15,000 sentences naming 90,000 made-up people, places and organisations
                    (1.4 MB)
  unclosed.jsonl    20,000 paragraphs opening a quotation that only the last one closes, as in
                    OCR text (0.7 MB)

The files are the same on every run.

usage: tools/long_documents.py OUT_DIR
then:  for f in OUT_DIR/*.jsonl; do /usr/bin/time -f "$f %e s %M KB" target/release/entente run -j 1 "$f" > /dev/null; done
"""
import json
import os
import random
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def write(path, docs):
    with open(path, "w", encoding="utf-8") as out:
        for doc_id, text in docs:
            out.write(json.dumps({"id": doc_id, "text": text}) + "\n")


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    fr = "Le président Emmanuel Macron a rencontré Vladimir Poutine à Moscou le 3 mars."
    write(os.path.join(out, "lines.jsonl"), [("lines", "\n".join([fr] * 20000))])
    fr_quoted = ("Le président Emmanuel Macron a déclaré « nous irons » à Vladimir Poutine à Moscou "
                 "le 3 mars, 2 030 soldats.")
    en_quoted = 'President Joe Biden told "we will go" to Vladimir Putin in Moscow on March 3, 2,030 troops.'
    write(os.path.join(out, "one-line.jsonl"),
          [("one-line-fr", " ".join([fr_quoted] * 15000)), ("one-line-en", " ".join([en_quoted] * 15000))])
    paragraph = ("« Nous irons », a déclaré Jean Dupont. Le 3 mars 2022, 2 030 soldats ont quitté Paris "
                 "pour 14 jours (AFP).")
    write(os.path.join(out, "paragraphs.jsonl"), [("paragraphs", "\n\n".join([paragraph] * 20000))])
    with open(os.path.join(ROOT, "examples/seed-fr.txt"), encoding="utf-8") as f:
        articles = f.read()
    with open(os.path.join(ROOT, "examples/seed-en.txt"), encoding="utf-8") as f:
        articles += f.read()
    write(os.path.join(out, "articles.jsonl"), [("articles", articles * (1048576 // len(articles) + 1))])
    rng = random.Random(1)
    syllables = ["ka", "lo", "mi", "ra", "to", "ne", "su", "vi", "da", "pe", "zo", "ri"]

    def name():
        return "".join(rng.choice(syllables) for _ in range(3)).capitalize()

    sentences = (f"{name()} {name()} a rencontré {name()} {name()} à {name()}ville et chez {name()} Corporation."
                 for _ in range(15000))
    write(os.path.join(out, "names.jsonl"), [("names", " ".join(sentences))])
    write(os.path.join(out, "unclosed.jsonl"),
          [("unclosed", "« Le président parle de la guerre\n\n" * 20000 + "fin »")])


if __name__ == "__main__":
    main()
