"""Police posts named after a place word no gazetteer holds (issue #13): 2–4 Han characters right after a
boundary (the text's start, punctuation, a ``post_after`` word such as 至 / 在, or a place or organisation
found before) and a ``post_body`` word of rules/name_grammar.tsv (边境派出所, 派出所) are one ORG: 大西沟边境派出所,
传唤至三里坪派出所. The place word must be no common word of jieba's dictionary, start with none and hold no preposition
(带回, 协助, 当地 + 派出所; 联系 + 田心 + 派出所; 并称已到 + 派出所 are no names). Places and organisations written straight before it are the head of the name (annotation §3, the
longest name: 济南市 + 济阳区 + 曲堤派出所 is one ORG).

Example:
    >>> from pxextract.spans import Span
    >>> t = "近日，大西沟边境派出所开展宣传。民警将她带回派出所。济阳区曲堤派出所民警"
    >>> [s.text for s in police_posts([Span(26, 29, "GPE", "济阳区")], t, ("边境派出所", "派出所"), ("至",), {"带回": "v"})]
    ['大西沟边境派出所', '济阳区曲堤派出所']
"""

from __future__ import annotations

import regex

from ..spans import Span
from .name_patterns import COMMON_WORD_TAGS

_PLACE = regex.compile(r"\p{Han}{2,4}")
_COMMON = COMMON_WORD_TAGS  # 带回 v, 当地 s, 街镇 n


_OPENING = ("v", "vn", "d", "ad", "p", "c", "r", "s", "t", "u")  # 联系 + 田心, 开展 + 公安, 后 + 前往; not 黄泥 n of 黄泥塝


def _common(tags: dict[str, str], word: str, common: tuple[str, ...] = _COMMON) -> bool:
    """A common word of jieba's dictionary (no place's own name): 带回 v, 当地 s, 小区 n."""
    return (tags.get(word) or "nz").rstrip("g") in common


def police_posts(names: list[Span], text: str, bodies: tuple[str, ...], after: tuple[str, ...], tags: dict[str, str], generic: tuple[str, ...] = ()) -> list[Span]:
    """``names`` (sorted, flat) plus the police posts of the module docstring where no name touches them; ``after``: the
    prepositions and separators a post's place word may follow and never holds (``post_after``: 至, 在, 丨); ``generic``:
    the generic place words (``post_generic``: 县城) a post's place word may not start with unless a place or body is written
    before it (县城 + 一派出所 is no name; 琼中县公安局县城派出所 is one ORG)."""
    if not bodies or not any(b in text for b in bodies):
        return names
    ends = {s.end: k for k, s in enumerate(names)}
    out = list(names)
    drop: set[int] = set()
    for m in regex.finditer("|".join(sorted(bodies, key=len, reverse=True)), text):
        b = m.end()
        for n in range(2, 5):
            a = m.start() - n
            if a < 0:
                break
            word = text[a : m.start()]
            before = text[a - 1] if a else ""
            k = ends.get(a)
            if any(c in after for c in word) or not _PLACE.fullmatch(word):
                continue
            placed = k is not None and names[k].label in ("GPE", "ORG") and "furniture" not in names[k].attrs
            if not (placed or not before or before in after or not regex.match(r"[\p{Han}A-Za-z0-9]", before)):
                continue
            if (_common(tags, word) or n > 2 and (_common(tags, word[:2], _OPENING) or _common(tags, word[-2:], _OPENING)) or n > 3 and _common(tags, word[2:])
                    or any(s.start < b and s.end > a for s in names) or not placed and word.startswith(generic)):
                break  # 当地, 联系 + 田心, 街道 + 小区; a name there already; 县城 + 一 (琼中县公安局 + 县城派出所 is one)
            start = a
            while k is not None and names[k].label in ("GPE", "ORG") and "furniture" not in names[k].attrs:
                drop.add(k)
                start = names[k].start
                k = ends.get(start)
            out.append(Span(start, b, "ORG", text[start:b]))
            break
    out = [s for k, s in enumerate(out) if k not in drop]
    return sorted(out, key=lambda s: s.start) if len(out) != len(names) or drop else names
