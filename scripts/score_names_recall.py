"""Score the pipeline's names against a hand-made names gold of whole news articles (issue #13).

The gold file (``docs/names-recall-fresh.jsonl``: one article a line, ``id``, ``text_sha256`` and
``names`` with ``start``, ``end``, ``label``, ``text``, ``uncertain``) holds every PERSON, GPE, LOC,
ORG and LAW name a reader found by reading; the article texts are looked up by id in the news
corpus (never copied). Prints exact recall per label (all names, and sure names only), precision
over the same articles, with 95 % Wilson intervals, with the model and rules only::

    python scripts/score_names_recall.py                      # docs/names-recall-fresh.jsonl
    python scripts/score_names_recall.py GOLD.jsonl --corpus ../shared/corpus-news/news2023.jsonl

Example of the interval (王某 found 3 of 4 times): ``wilson(3, 4)`` → (0.301, 0.954).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELS = ("PERSON", "GPE", "LOC", "ORG", "LAW")


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95 % Wilson score interval of k successes in n trials."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (round(c - h, 3), round(c + h, 3))


def load(gold: Path, corpus: Path) -> list[tuple[dict, str]]:
    """The gold lines with their article texts (checked against ``text_sha256``)."""
    rows = [json.loads(line) for line in gold.open(encoding="utf-8") if line.strip()]
    want = {r["id"] for r in rows}
    texts: dict[str, str] = {}
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["id"] in want:
                texts[d["id"]] = d["text"]
    out = []
    for r in rows:
        text = texts.get(r["id"])
        if text is None or hashlib.sha256(text.encode("utf-8")).hexdigest() != r["text_sha256"]:
            sys.exit(f"{gold}: article {r['id']} not found in {corpus} or its text changed")
        out.append((r, text))
    return out


def score(items: list[tuple[dict, str]], model: bool) -> dict:
    from pxextract.pipeline import Extractor

    ex = Extractor(model=model)
    found = {lab: [0, 0, 0, 0] for lab in LABELS + ("all",)}  # found, gold, found sure, gold sure
    right = given = 0
    for r, text in items:
        pred = {(s["start"], s["end"], s["label"]) for s in ex.record(r["id"], text, {})["spans"] if s["label"] in LABELS}
        gold = {(n["start"], n["end"], n["label"]): n.get("uncertain", False) for n in r["names"]}
        for (a, b, lab), unsure in gold.items():
            hit = (a, b, lab) in pred
            for key in (lab, "all"):
                found[key][0] += hit
                found[key][1] += 1
                if not unsure:
                    found[key][2] += hit
                    found[key][3] += 1
        right += len(pred & set(gold))
        given += len(pred)
    return {"recall": found, "precision": (right, given)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="?", default=str(ROOT / "docs" / "names-recall-fresh.jsonl"))
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus-news" / "news2023.jsonl"))
    ap.add_argument("--model", default="", help="a model file to score instead of the bundled one (a retrained candidate)")
    args = ap.parse_args(argv)
    items = load(Path(args.gold), Path(args.corpus))
    print(f"{len(items)} articles, {sum(len(r['names']) for r, _ in items)} gold names")
    print("| label | model: recall (all) | sure only | rules only: recall (all) | sure only |")
    print("|---|---|---|---|---|")
    res = {m: score(items, (args.model or True) if m else False) for m in (True, False)}
    for lab in LABELS + ("all",):
        cells = []
        for m in (True, False):
            f, g, fs, gs = res[m]["recall"][lab]
            cells += [f"{f / g:.3f} {wilson(f, g)} ({f}/{g})" if g else "–", f"{fs / gs:.3f} {wilson(fs, gs)} ({fs}/{gs})" if gs else "–"]
        print(f"| {lab} | " + " | ".join(cells) + " |")
    for m in (True, False):
        k, n = res[m]["precision"]
        print(f"precision ({'model' if m else 'rules only'}): {k / max(n, 1):.3f} {wilson(k, n)} ({k}/{n})")


if __name__ == "__main__":
    main()
