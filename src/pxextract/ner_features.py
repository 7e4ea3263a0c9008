"""Features of the NER model (:mod:`pxextract.ner`): width folding, word positions, the CRF's
character features, BIO spans and the attribute names a crfsuite model file holds.

Example:
    >>> bio_spans(["B-PER", "I-PER", "O", "B-LOC", "I-LOC", "I-LOC"])
    [(0, 2, 'PER'), (3, 6, 'LOC')]
    >>> fold("２０２３年ＡＢ，")
    '2023年AB,'
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from struct import error as struct_error

from .normalize import _FULLWIDTH, is_han

LABELS = ("PER", "LOC", "ORG")
_FOLD = str.maketrans(_FULLWIDTH)


def fold(text: str) -> str:
    """Width-fold as the pipeline's normalized view does (same table): ＡＢ１２，→ AB12,"""
    return text.translate(_FOLD)


# the dots web news writes between a foreign name's parts besides · (U+00B7): ・ (U+30FB), • (U+2022),
# ‧ (U+2027); the model learned · only and reads the others as a break (大卫・哈伯: no name at all)
_NAME_DOTS = str.maketrans("・•‧", "···")


def fold_dots(text: str) -> str:
    """``text`` with the other name dots written as · (same length, so offsets hold): 大卫・哈伯 → 大卫·哈伯"""
    return text.translate(_NAME_DOTS) if "・" in text or "•" in text or "‧" in text else text


def _kind(c: str) -> str:
    if c.isdigit():
        return "D"
    if is_han(c):
        return "H"
    if c.isascii() and c.isalpha():
        return "L"
    if c.isspace():
        return "S"
    return "P"


_kind_of = lru_cache(maxsize=65536)(_kind)


def word_positions(words: Iterable[str], tags: dict[str, str]) -> tuple[list[str], list[str]]:
    """Per character: its position in its word (B/M/E/S) and the word's dictionary tag (``-``
    for unknown words).

    >>> word_positions(["萍乡市", "在"], {"在": "p"})
    (['B', 'M', 'E', 'S'], ['-', '-', '-', 'p'])
    """
    pos: list[str] = []
    tag: list[str] = []
    for w in words:
        n = len(w)
        t = tags.get(w, "-")
        if n == 1:
            pos.append("S")
        else:
            pos.append("B")
            pos.extend("M" * (n - 2))
            pos.append("E")
        tag.extend([t] * n)
    return pos, tag


def features(text: str, pos: Sequence[str], tag: Sequence[str]) -> list[list[str]]:
    """CRF features of each character of ``text`` (already folded): the characters at −2…+2,
    the bigrams and the centred trigram among them, the kinds of the three middle characters
    (Han, digit, Latin, space, other), the word position (B/M/E/S) and dictionary tag.

    Built column by column (one comprehension per feature), which is several times faster
    than one list per character.

    >>> features("萍乡", ["B", "E"], ["ns", "ns"])[0][:4]
    ['c=萍', 'l=^', 'r=乡', 'll=^']
    """
    n = len(text)
    if n == 0:
        return []
    l1 = "^" + text[:-1]
    l2 = "^^" + text[:-2] if n >= 2 else "^^"[:n]
    r1 = text[1:] + "$"
    r2 = text[2:] + "$$" if n >= 2 else "$$"[:n]
    kinds = "".join(map(_kind_of, text))
    kl, kr = "P" + kinds[:-1], kinds[1:] + "P"  # the padding (^ $) is of kind "other"
    cols = (
        ["c=" + x for x in text], ["l=" + x for x in l1], ["r=" + x for x in r1],
        ["ll=" + x for x in l2], ["rr=" + x for x in r2],
        ["lc=" + x + y for x, y in zip(l1, text)], ["cr=" + x + y for x, y in zip(text, r1)],
        ["llc=" + x + y for x, y in zip(l2, l1)], ["crr=" + x + y for x, y in zip(r1, r2)],
        ["lcr=" + x + y + z for x, y, z in zip(l1, text, r1)],
        ["k=" + x + y + z for x, y, z in zip(kl, kinds, kr)],
        ["w=" + x for x in pos], ["t=" + x for x in tag], ["wt=" + x + y for x, y in zip(pos, tag)],
        ["wc=" + x + y for x, y in zip(pos, text)],
    )
    return list(map(list, zip(*cols)))


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Half-open ``(start, end, label)`` spans of a BIO (or BIOES) tag sequence; an I- without
    its B- starts a span (as conlleval reads it)."""
    spans = []
    start, label = None, None
    for i, t in enumerate(tags):
        head, _, lab = t.partition("-")
        if head in ("B", "S") or (head in ("I", "M", "E") and lab != label) or head == "O":
            if start is not None:
                spans.append((start, i, label))
                start, label = None, None
            if head != "O":
                start, label = i, lab
        if head in ("E", "S") and start is not None:
            spans.append((start, i + 1, label))
            start, label = None, None
    if start is not None:
        spans.append((start, len(tags), label))
    return spans


def file_hash(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


_FEATURE_NAMES = ("c", "l", "r", "ll", "rr", "lc", "cr", "llc", "crr", "lcr", "k", "w", "t", "wt", "wc")


def model_attributes(path: str | Path) -> list[str]:
    """The attribute (feature) names a crfsuite model holds, read from its CQDB section (what
    ``Tagger.info()`` lists, without its second of parsing)."""
    import struct

    data = Path(path).read_bytes()
    off = struct.unpack("<I", data[36:40])[0]  # header: …, off_features, off_labels, off_attrs
    if data[off : off + 4] != b"CQDB":
        raise ValueError("no CQDB chunk at the attribute offset")
    bwd_size, bwd_offset = struct.unpack("<2I", data[off + 16 : off + 24])
    names = []
    for rec in struct.unpack(f"<{bwd_size}I", data[off + bwd_offset : off + bwd_offset + 4 * bwd_size]):
        if rec == 0:
            continue  # an unused id
        ksize = struct.unpack("<I", data[off + rec + 4 : off + rec + 8])[0]
        names.append(data[off + rec + 8 : off + rec + 7 + ksize].decode("utf-8"))  # the key ends in NUL
    return names


def _attribute_tables(path: Path) -> dict[str, dict[str, bytes]] | None:
    """Per feature name (``lc``), the values the model knows → the attribute's UTF-8 bytes
    (``'萍乡'`` → ``b'lc=萍乡'``); None when the model's features are not :func:`features`'s."""
    try:
        names = model_attributes(path)
    except (ValueError, struct_error, UnicodeDecodeError):
        return None
    tables: dict[str, dict[str, bytes]] = {f: {} for f in _FEATURE_NAMES}
    for name in names:
        head, eq, value = name.partition("=")
        if not eq or head not in tables:
            return None
        tables[head][value] = name.encode("utf-8")
    return tables
