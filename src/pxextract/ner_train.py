"""Training and scoring the NER model (scripts/train_ner.py, ``pxextract eval --conll``,
tests/test_ner_model.py): BIO files, the train/dev split, P/R/F1 per label.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .ner_features import bio_spans, features, fold, word_positions

def read_bio(path: str | Path, folded: bool = True) -> list[tuple[str, list[str]]]:
    """Sentences of a character BIO file (``char TAG`` a line, blank line between sentences) as
    ``(text, tags)``, the text width-folded unless ``folded=False``."""
    sents: list[tuple[str, list[str]]] = []
    chars: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line.strip():
                if chars:
                    sents.append((fold("".join(chars)) if folded else "".join(chars), tags))
                chars, tags = [], []
                continue
            ch, _, tag = line.rpartition("\t") if "\t" in line else line.rpartition(" ")
            chars.append(ch[:1] or " ")
            tags.append(tag.strip() or "O")
    if chars:
        sents.append((fold("".join(chars)) if folded else "".join(chars), tags))
    return sents


def split_dev(sents: list, dev_fraction: float = 0.1, seed: int = 13) -> tuple[list, list]:
    """(train, dev): the last ``dev_fraction`` of the sentences after a shuffle with ``seed``."""
    import random

    order = list(range(len(sents)))
    random.Random(seed).shuffle(order)
    cut = len(order) - int(round(len(order) * dev_fraction))
    return [sents[i] for i in order[:cut]], [sents[i] for i in order[cut:]]


def train(sents: Iterable[tuple[str, list[str]]], out: str | Path, segmenter=None, *,
          c1: float = 0.05, c2: float = 0.01, iterations: int = 120, verbose: bool = False) -> Path:
    """Train the CRF on ``(text, tags)`` sentences and write it to ``out``."""
    import pycrfsuite

    seg, tags = _segmenter(segmenter)
    trainer = pycrfsuite.Trainer(verbose=verbose)
    for text, y in sents:
        pos, tag = word_positions(seg.cut(text), tags)
        trainer.append(features(text, pos, tag), y)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True})
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return out


def _segmenter(segmenter=None):
    from .segment import Segmenter

    seg = segmenter or Segmenter.from_rules()
    return seg, seg.word_tags()


def score(model, sents: Iterable[tuple[str, list[str]]], segmenter=None) -> dict[str, dict[str, float]]:
    """Exact-match P/R/F1 per label and overall (``ALL``) of ``model`` (a
    :class:`pxextract.ner.NerModel`) on ``(text, tags)``."""
    seg, tags = _segmenter(segmenter)
    counts: dict[str, list[int]] = {}
    for text, y in sents:
        _count(counts, set(bio_spans(y)), set(bio_spans(model.tag(text, seg.cut(text), tags))))
    return _prf_table(counts)


def _count(counts: dict[str, list[int]], gold: set, pred: set) -> None:
    """Add the true positives, false positives and false negatives of ``(start, end, label)``
    spans to ``counts`` per label and for ``ALL``."""
    for lab in {s[2] for s in gold | pred} | {"ALL"}:
        g = {s for s in gold if lab in ("ALL", s[2])}
        p = {s for s in pred if lab in ("ALL", s[2])}
        c = counts.setdefault(lab, [0, 0, 0])
        c[0] += len(g & p)
        c[1] += len(p - g)
        c[2] += len(g - p)


DEFAULT_LABEL_MAP = "PER=PERSON,LOC=GPE+LOC,ORG=ORG"


def parse_label_map(spec: str) -> dict[str, str]:
    """``PER=PERSON,LOC=GPE+LOC`` → pipeline label → file label (``{'PERSON': 'PER', 'GPE':
    'LOC', 'LOC': 'LOC'}``); pipeline labels not named are not scored.

    >>> parse_label_map("PER=PERSON,LOC=GPE+LOC")
    {'PERSON': 'PER', 'GPE': 'LOC', 'LOC': 'LOC'}
    """
    out: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        file_label, eq, ours = part.partition("=")
        if not eq or not file_label.strip() or not ours.strip():
            raise ValueError(f"label map {part!r}: expected FILE_LABEL=OUR_LABEL[+OUR_LABEL…]")
        for lab in ours.split("+"):
            out[lab.strip()] = file_label.strip()
    return out


def score_conll(path: str | Path, extractor, label_map: str = DEFAULT_LABEL_MAP, chunk: int = 100) -> dict[str, dict[str, float]]:
    """Exact-match P/R/F1 per file label (and ``ALL``) of the pipeline's names on a character
    BIO/BIOES file; sentences are run ``chunk`` at a time, one a line."""
    mapping = parse_label_map(label_map)
    sents = read_bio(path, folded=False)
    counts: dict[str, list[int]] = {}
    for k in range(0, len(sents), chunk):
        part = sents[k : k + chunk]
        text = "\n".join(t for t, _ in part)
        gold: set[tuple[int, int, str]] = set()
        off = 0
        for t, y in part:
            gold.update((off + a, off + b, lab) for a, b, lab in bio_spans(y))
            off += len(t) + 1
        rec = extractor.record(f"conll-{k}", text, {})
        _count(counts, gold, {(s["start"], s["end"], mapping[s["label"]]) for s in rec["spans"] if s["label"] in mapping})
    return _prf_table(counts)


def _prf_table(counts: dict[str, list[int]]) -> dict[str, dict[str, float]]:
    out = {}
    for lab, (tp, fp, fn) in sorted(counts.items()):
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        out[lab] = {"p": p, "r": r, "f": 2 * p * r / (p + r) if p + r else 0.0, "support": tp + fn}
    return out
