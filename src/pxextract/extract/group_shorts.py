"""A group's name without its group word (issue #13): when an article names an organisation ending in a
``short_end`` word of rules/name_grammar.tsv (集团), its head alone elsewhere in that article names it too, an ORG:
瓦格纳集团 … 瓦格纳成员, 瓦格纳部队. The head must be two to six Han characters (· inside), no place of the
gazetteer and no common word of jieba's dictionary (中国 + 集团, 产业 + 集团 give no name), and a mention must
be words of its own and touch no other name, not even at its ends (广药 + 白云山 is one name). Run after the model's names and their copies
(:meth:`pxextract.ner.Combiner.propagate`), so a longer name there wins (国泰航空, ST泰禾 over 国泰, 泰禾).

Example:
    >>> from pxextract.spans import Span
    >>> t = "瓦格纳集团创始人表示，瓦格纳成员已抵达。"
    >>> [s.text for s in group_shorts([Span(0, 5, "ORG", "瓦格纳集团")], t, ("集团",), {}, {})]
    ['瓦格纳集团', '瓦格纳']
"""

from __future__ import annotations

import regex

from ..spans import Span
from .name_patterns import COMMON_WORD_TAGS

_HEAD = regex.compile(r"\p{Han}[\p{Han}·]{0,4}\p{Han}")
_COMMON = (*COMMON_WORD_TAGS, "ns", "nt")


def group_shorts(names: list[Span], text: str, ends: tuple[str, ...], tags: dict[str, str], known: dict[str, str],
                 whole=lambda a, b: True) -> list[Span]:
    """``names`` (sorted, flat) plus the heads of their group names where they stand alone (module docstring) as words of
    their own (``whole(start, end)``: 伊利 of 伊利诺伊 is none)."""
    heads = {s.text[: -len(e)] for s in names if s.label == "ORG" and "furniture" not in s.attrs
             for e in ends if s.text.endswith(e)}
    heads = {h for h in heads if _HEAD.fullmatch(h) and h not in known and (tags.get(h) or "nz") not in _COMMON}
    if not heads:
        return names
    new = []
    for h in sorted(heads, key=len, reverse=True):
        for m in regex.finditer(regex.escape(h), text):
            a, b = m.span()
            if whole(a, b) and not any(s.start <= b and s.end >= a for s in names + new):  # 广药 + 白云山: a longer name
                new.append(Span(a, b, "ORG", h))
    return sorted(names + new, key=lambda s: s.start) if new else names
