"""Entity replacement for training the NER model (scripts/train_ner.py ``--augment-orgs``, issue #13).

Copies of training sentences in which one ORG span is replaced by a modern organisation name, so
every tag of the sentence stays gold and the model sees 2020s name characters in ORG contexts:
``新华社记者报道`` with ORG 新华社 → ``阿维塔科技记者报道`` with ORG 阿维塔科技. The names come from the
project's lists (gazetteers/org.tsv, org_aliases.tsv, brands.tsv ``brand``) and, optionally, the
ORG names the pipeline gives on news (:func:`news_org_names`); no text is copied into the repository.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from .ner_features import bio_spans, fold

def rule_org_names(rules_dir: str | Path | None = None) -> list[str]:
    """ORG names of the rules folder: every ORG of the gazetteer, every key and alias of
    org_aliases.tsv and every ``brand`` of brands.tsv (阿里巴巴, 国家发改委, 小米), sorted."""
    from .rule_tsv import read_tsv
    from .rules import default_rules_dir

    d = Path(rules_dir) if rules_dir else default_rules_dir()
    names: set[str] = set()
    for _, p in read_tsv(d / "gazetteers" / "org.tsv", ("name", "label", "kind", "full"), required=2, header_row=True):
        if p[1] == "ORG":
            names.update(x for x in (p[0], p[3]) if x)
    for _, p in read_tsv(d / "org_aliases.tsv", ("key", "aliases", "kind", "note"), required=1, header_row=True):
        names.add(p[0])
        names.update(a for a in p[1].split("|") if a)
    for _, p in read_tsv(d / "brands.tsv", ("kind", "surface", "note"), required=2):
        if p[0] == "brand":
            names.add(p[1])
    return sorted(n for n in names if _usable(n))


def news_org_names(records: Iterable[tuple[str, list]], min_mentions: int = 2) -> list[str]:
    """ORG names the pipeline is sure of in ``(text, spans)`` records (spans ``(start, end, label,
    text, …)``): full company names with a legal form of company_words.tsv (…有限公司) and ORG names
    found at least ``min_mentions`` times in all, sorted (湖南利钢金属制品有限公司, 菜鸟)."""
    from .rules import load_rules

    legal_ends = tuple(load_rules().companies.legal_form)
    counts: Counter[str] = Counter()
    legal: set[str] = set()
    for _text, spans in records:
        for sp in spans:
            if sp[2] != "ORG":
                continue
            counts[sp[3]] += 1
            if sp[3].endswith(legal_ends):
                legal.add(sp[3])
    return sorted(n for n in legal | {n for n, c in counts.items() if c >= min_mentions} if _usable(n))


def pipeline_records(news: str | Path, start: int, stop: int) -> Iterable[tuple[str, list]]:
    """``(text, spans)`` of news lines ``[start, stop)`` of a JSONL file (``text`` field), run
    through the default pipeline (with the bundled model). Use lines the evaluation never reads."""
    import json

    from .pipeline import Extractor

    ex = Extractor()
    with open(news, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= stop:
                break
            if i >= start:
                d = json.loads(line)
                rec = ex.record(str(d.get("id", i)), d["text"], {})
                yield d["text"], [(s["start"], s["end"], s["label"], s["text"]) for s in rec["spans"]]


def has_latin(name: str) -> bool:
    """True for a name with a Latin letter (AMD, IT之家): MSRA has almost none, so replacing its ORGs
    by them teaches the model that any Latin word is an ORG (PostScript, Type)."""
    return any("a" <= c.lower() <= "z" for c in fold(name))


def _usable(name: str) -> bool:
    """2–20 characters, no space or line break, not all digits."""
    return 2 <= len(name) <= 20 and not any(c.isspace() for c in name) and not name.isdigit()


def augment(sents: list[tuple[str, list[str]]], names: list[str], n: int, seed: int = 13,
            label: str = "ORG") -> list[tuple[str, list[str]]]:
    """``n`` copies of sentences of ``sents`` that hold a ``label`` span (drawn with
    ``random.Random(seed)``), each with one such span replaced by a name of ``names`` (width-folded)
    tagged B-/I-``label``; the other tags are kept.

    >>> augment([("新华社记者报道", ["B-ORG", "I-ORG", "I-ORG", "O", "O", "O", "O"])], ["阿维塔"], 1)
    [('阿维塔记者报道', ['B-ORG', 'I-ORG', 'I-ORG', 'O', 'O', 'O', 'O'])]
    """
    rng = random.Random(seed)
    pool = [(text, tags, [s for s in bio_spans(tags) if s[2] == label]) for text, tags in sents]
    pool = [p for p in pool if p[2]]
    names = [fold(x) for x in names]
    out: list[tuple[str, list[str]]] = []
    if not pool or not names:
        return out
    for _ in range(n):
        text, tags, spans = rng.choice(pool)
        a, b, _lab = rng.choice(spans)
        name = rng.choice(names)
        out.append((text[:a] + name + text[b:], tags[:a] + [f"B-{label}"] + [f"I-{label}"] * (len(name) - 1) + tags[b:]))
    return out
