"""Scoring per docs/annotation.md §5: span P/R/F1 (exact and partial), numeric attribute
accuracies, record F1 and DATE year accuracy, as a flat dict in the spirit of spaCy's Scorer.

Example:
    >>> g = [{"start": 0, "end": 5, "label": "MONEY", "text": "3亿元", "value": 3e8, "unit": "元",
    ...       "qualifier": "exact", "year": 2022, "metric": "资金池规模", "modality": "actual"}]
    >>> s = score_articles([("a", g, g, None)])
    >>> s["ents_f"], s["record_f"]
    (1.0, 1.0)
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from spacy.scorer import PRFScore

from .records import FULL_RECORD_ATTRS, RECORD_ATTRS, SCORED_ATTRS, SpanRecord
from .rules import LABELS, LABELS_NAMES, LABELS_NUMERIC

NUMERIC_ATTRS = SCORED_ATTRS  # the attributes scored on exactly matched figures (pxextract.records)
GROUPS = {"numeric": LABELS_NUMERIC, "date": ("DATE",), "names": LABELS_NAMES}


def dice(a: str | None, b: str | None) -> float:
    """Character Dice coefficient of two strings (multisets of characters); 1.0 for two empties.

    >>> round(dice("农林牧渔业总产值", "农林牧渔业总产值增长"), 3)
    0.889
    """
    a, b = a or "", b or ""
    if not a and not b:
        return 1.0
    inter = sum((Counter(a) & Counter(b)).values())
    return 2 * inter / (len(a) + len(b))


def _close(x, y) -> bool:
    if x is None or y is None:
        return x is None and y is None
    try:
        return math.isclose(float(x), float(y), rel_tol=1e-9, abs_tol=0.0) or float(x) == float(y)
    except (TypeError, ValueError):
        return False


def attr_match(attr: str, gold: dict, pred: dict, subjects: "SubjectMatcher | None" = None) -> bool:
    """Whether one attribute of an exactly matched numeric span is right (§5); ``subjects``
    tells canonical subjects apart (default: written forms and the prediction's canonical ones)."""
    if attr == "value":
        if gold.get("value") is None and pred.get("value") is None:
            return _close(gold.get("low"), pred.get("low")) and _close(gold.get("high"), pred.get("high"))
        return _close(gold.get("value"), pred.get("value"))
    if attr == "metric":
        return dice(gold.get("metric"), pred.get("metric")) >= 0.5
    if attr == "subject":
        return (subjects or SubjectMatcher(None)).same(gold, pred)
    return gold.get(attr) == pred.get(attr)


class SubjectMatcher:
    """Whether a predicted subject is the gold one (§5, issue #15): the same written form, or the
    same canonical entity — a place with the same key (海拉尔 = 海拉尔区, 萍乡经开区 =
    萍乡经济技术开发区), an organisation with the same normalized key — judged with the
    resolver of :mod:`pxextract.resolve` when one is given. No subject on both sides (``null`` in
    the gold: nobody's figure) is right.

    >>> m = SubjectMatcher(None)
    >>> m.same({"subject": "海拉尔区"}, {"subject": "海拉尔", "subject_canonical": "海拉尔区"})
    True
    >>> m.same({"subject": None}, {"subject": "萍乡市"}), m.same({"subject": None}, {})
    (False, True)
    """

    def __init__(self, resolver=None):
        self.resolver = resolver

    def keys(self, span: dict) -> set[str]:
        """Every name the span's subject is known by (empty for no subject)."""
        out = {str(v).strip() for k in ("subject", "subject_canonical", "subject_id") if (v := span.get(k)) and str(v).strip()}
        written = span.get("subject")
        if self.resolver is not None and written:
            place = self.resolver.place(written)
            out.add(place.key if place is not None else "org:" + self.resolver.org_key(written))
        return out

    def same(self, gold: dict, pred: dict) -> bool:
        g, p = self.keys(gold), self.keys(pred)
        return (not g and not p) or bool(g & p)


def in_regions(span: dict, regions) -> bool:
    """A predicted span is scored unless it lies wholly outside every annotated region."""
    if not regions:
        return True
    return any(span["start"] < b and a < span["end"] for a, b in regions)


def match_partial(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs of overlapping same-label spans, largest overlap first (exact pairs win)."""
    cands = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if g["label"] == p["label"] and g["start"] < p["end"] and p["start"] < g["end"]:
                overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
                exact = g["start"] == p["start"] and g["end"] == p["end"]
                cands.append((not exact, -overlap, i, j))
    cands.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, _, i, j in cands:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j))
    return pairs


@dataclass
class Tally:
    exact: dict = field(default_factory=lambda: {l: PRFScore() for l in LABELS})
    partial: dict = field(default_factory=lambda: {l: PRFScore() for l in LABELS})
    attrs: dict = field(default_factory=lambda: {a: [0, 0] for a in NUMERIC_ATTRS})
    attrs_by_label: dict = field(default_factory=lambda: {l: {a: [0, 0] for a in NUMERIC_ATTRS} for l in LABELS_NUMERIC})
    record: PRFScore = field(default_factory=PRFScore)
    full_record: PRFScore = field(default_factory=PRFScore)
    date_years: dict = field(default_factory=lambda: {"year_start": [0, 0], "year_end": [0, 0]})
    errors: list = field(default_factory=list)
    subjects: SubjectMatcher = field(default_factory=lambda: SubjectMatcher(None))


def score_article(art_id: str, gold: list[SpanRecord], pred: list[SpanRecord], regions, tally: Tally, text: str | None = None) -> None:
    pred = [p for p in pred if p.get("label") in LABELS and in_regions(p, regions)]
    gold = [g for g in gold if g.get("label") in LABELS]
    gkeys = {(g["start"], g["end"], g["label"]): g for g in gold}
    pkeys = {(p["start"], p["end"], p["label"]): p for p in pred}
    for key, g in gkeys.items():
        if key in pkeys:
            tally.exact[key[2]].tp += 1
        else:
            tally.exact[key[2]].fn += 1
            tally.errors.append(_error(art_id, "missed", g, None, text))
    for key, p in pkeys.items():
        if key not in gkeys:
            tally.exact[key[2]].fp += 1
            tally.errors.append(_error(art_id, "spurious", None, p, text))
    pairs = match_partial(gold, pred)
    matched_g = {i for i, _ in pairs}
    matched_p = {j for _, j in pairs}
    for i, j in pairs:
        tally.partial[gold[i]["label"]].tp += 1
    for i, g in enumerate(gold):
        if i not in matched_g:
            tally.partial[g["label"]].fn += 1
    for j, p in enumerate(pred):
        if j not in matched_p:
            tally.partial[p["label"]].fp += 1
    # attributes and records on exact matches
    record_tp = full_tp = 0
    for key, g in gkeys.items():
        p = pkeys.get(key)
        label = key[2]
        if label in LABELS_NUMERIC:
            tally.record.fn += 1
            tally.full_record.fn += 1
        if p is None:
            continue
        if label in LABELS_NUMERIC:
            wrong = []
            for a in NUMERIC_ATTRS:
                ok = attr_match(a, g, p, tally.subjects)
                tally.attrs[a][0] += ok
                tally.attrs[a][1] += 1
                tally.attrs_by_label[label][a][0] += ok
                tally.attrs_by_label[label][a][1] += 1
                if not ok:
                    wrong.append(a)
            if not any(a in wrong for a in RECORD_ATTRS):
                record_tp += 1
                tally.record.tp += 1
                tally.record.fn -= 1
            if not any(a in wrong for a in FULL_RECORD_ATTRS):
                full_tp += 1
                tally.full_record.tp += 1
                tally.full_record.fn -= 1
            if wrong:
                tally.errors.append(_error(art_id, "attribute", g, p, text, wrong))
        elif label == "DATE":
            wrong = []
            for a in ("year_start", "year_end"):
                ok = g.get(a) == p.get(a)
                tally.date_years[a][0] += ok
                tally.date_years[a][1] += 1
                if not ok:
                    wrong.append(a)
            if wrong:
                tally.errors.append(_error(art_id, "attribute", g, p, text, wrong))
    n_pred = sum(1 for k in pkeys if k[2] in LABELS_NUMERIC)
    tally.record.fp += n_pred - record_tp
    tally.full_record.fp += n_pred - full_tp


def _sentence(text: str | None, start: int, end: int) -> str:
    if not text:
        return ""
    a = max(text.rfind(c, 0, start) for c in "。！？；\n") + 1
    ends = [i for i in (text.find(c, end) for c in "。！？；\n") if i >= 0]
    b = min(ends) + 1 if ends else len(text)
    if b - a > 200:
        a, b = max(a, start - 60), min(b, end + 60)
    return text[a:b].strip()


def _error(art_id, kind, gold, pred, text, attrs=()) -> dict:
    ref = gold or pred
    return {
        "article": art_id,
        "kind": kind,
        "label": ref["label"],
        "start": ref["start"],
        "end": ref["end"],
        "text": ref["text"],
        "attrs": list(attrs),
        "gold": gold,
        "pred": pred,
        "sentence": _sentence(text, ref["start"], ref["end"]),
    }


def _prf(score: PRFScore) -> dict:
    return {"p": score.precision, "r": score.recall, "f": score.fscore}


def _sum(scores) -> PRFScore:
    total = PRFScore()
    for s in scores:
        total += s
    return total


def summarize(tally: Tally) -> dict:
    """The flat result dict: ``ents_p/r/f``, ``ents_per_type`` and pxextract's own keys."""
    exact_all = _sum(tally.exact.values())
    partial_all = _sum(tally.partial.values())
    out = {
        "ents_p": exact_all.precision,
        "ents_r": exact_all.recall,
        "ents_f": exact_all.fscore,
        "ents_per_type": {l: _prf(s) for l, s in tally.exact.items() if s.tp + s.fp + s.fn},
        "partial_p": partial_all.precision,
        "partial_r": partial_all.recall,
        "partial_f": partial_all.fscore,
        "partial_per_type": {l: _prf(s) for l, s in tally.partial.items() if s.tp + s.fp + s.fn},
        "record_p": tally.record.precision,
        "record_r": tally.record.recall,
        "record_f": tally.record.fscore,
        "full_record_p": tally.full_record.precision,
        "full_record_r": tally.full_record.recall,
        "full_record_f": tally.full_record.fscore,
        "support": {l: s.tp + s.fn for l, s in tally.exact.items() if s.tp + s.fn},
    }
    for group, labels in GROUPS.items():
        g = _sum(tally.exact[l] for l in labels)
        out[f"{group}_p"], out[f"{group}_r"], out[f"{group}_f"] = g.precision, g.recall, g.fscore
    for a, (ok, n) in tally.attrs.items():
        out[f"attr_{a}_acc"] = ok / n if n else None
    out["attr_per_type"] = {
        l: {a: (ok / n if n else None) for a, (ok, n) in d.items()} for l, d in tally.attrs_by_label.items() if any(n for _, n in d.values())
    }
    for a, (ok, n) in tally.date_years.items():
        out[f"date_{a}_acc"] = ok / n if n else None
    out["n_errors"] = len(tally.errors)
    return out


def score_articles(items, resolver=None) -> dict:
    """Score ``(article id, gold spans, predicted spans, regions)`` items; returns the flat dict.

    Items may carry a fifth element, the article text, for error sentences. Subjects count as
    right by canonical entity, with ``resolver`` (a :class:`pxextract.resolve.Resolver`; the
    bundled rules' one by default; ``False``: written forms only).
    """
    if resolver is None:
        from .resolve import Resolver

        resolver = Resolver()
    tally = Tally(subjects=SubjectMatcher(resolver or None))
    for item in items:
        art_id, gold, pred, regions = item[:4]
        text = item[4] if len(item) > 4 else None
        score_article(art_id, gold, pred, regions, tally, text)
    result = summarize(tally)
    result["errors"] = tally.errors
    return result


HEADLINE = ("ents_f", "numeric_f", "date_f", "names_f", "record_f", "full_record_f", "attr_value_acc", "attr_year_acc",
            "attr_metric_acc", "attr_modality_acc", "attr_subject_acc", "date_year_start_acc", "date_year_end_acc")


def headline(result: dict) -> dict:
    """The scores kept in ``gold/scores.json`` and guarded by the regression test."""
    return {k: round(result[k], 4) for k in HEADLINE if result.get(k) is not None}


def run_eval(gold_paths, pred_path=None, corpus_dirs=("corpus", "../shared/corpus-dev", "../shared/corpus-news/news2023.jsonl"), rules=None):
    """Score predictions (or a fresh run of the pipeline) against gold.

    Returns ``(result, items, problems)``; items are ``(id, gold spans, predicted spans, regions, text)``.
    """
    from .gold import load_gold, parse_record

    records, problems = load_gold([str(g) for g in gold_paths], [str(c) for c in corpus_dirs])
    records = [r for r in records if r.text is not None]
    preds: dict[str, list[dict]] = {}
    if pred_path is not None:
        corpus = {r.id: (r.text, r.meta) for r in records}
        for n, line in enumerate(Path(pred_path).read_text(encoding="utf-8-sig").splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{pred_path}:{n}: invalid JSON ({exc.msg})")
                continue
            rec, probs = parse_record(obj, f"{pred_path}:{n}", corpus)
            problems.extend(p for p in probs if "not in the corpus folders" not in p)
            if rec is not None:
                preds[rec.id] = rec.spans
    else:
        from .pipeline import Extractor

        ex = Extractor(rules)
        for r in records:
            preds[r.id] = ex.record(r.id, r.text, r.meta)["spans"]
    items = [(r.id, r.spans, preds.get(r.id, []), r.annotated, r.text) for r in records]
    result = score_articles(items)
    result["genres"] = {r.id: genre(r.id, r.meta) for r in records}
    return result, items, problems


def seed_ids(corpus_dir: str | Path = "corpus") -> set[str]:
    """Ids of the bundled corpus (the seeds); every other gold article is a dev-corpus one."""
    return {p.stem for p in Path(corpus_dir).glob("*.txt")}


GENRES = ("seeds", "dev", "news")  # seed supplements (corpus/), official documents (corpus-dev), web news


def genre(article_id: str, meta: dict | None = None) -> str:
    """The genre a gold article is reported under: its ``meta.genre`` when the gold says
    (``news``), ``seeds`` for the bundled corpus, else ``dev`` (an official document of the
    development corpus).

    >>> genre("000_23bbc0367b06fa24"), genre("x", {"genre": "news"}), genre("2012_hailar_gov_report")
    ('seeds', 'news', 'dev')
    """
    g = (meta or {}).get("genre")
    if g in GENRES:
        return g
    return "seeds" if article_id in seed_ids() else "dev"


def grouped_headlines(result: dict, articles, resolver=None) -> dict:
    """Headline scores over all gold articles and per genre (:data:`GENRES`)."""
    if resolver is None:
        from .resolve import Resolver

        resolver = Resolver()
    genres = result.get("genres") or {}
    out = {"all": headline(result)}
    for group in GENRES:
        items = [it for it in articles if genres.get(it[0], genre(it[0])) == group]
        if items:
            out[group] = headline(score_articles(items, resolver))
    return out
