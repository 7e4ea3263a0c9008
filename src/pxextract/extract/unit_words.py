"""Figures whose span cuts a word: the unit is the first character of a longer word (issue #15).

The number grammar reads a unit wherever its characters stand; the segmenter (jieba) knows when
they begin a longer word. A figure is dropped when the segmenter's word at its end goes on past it
and that word

* is listed in ``rules/number_stops.tsv`` ``in_word`` with the figure's unit (由杯子、杯垫两部分组成:
  部分 = part, no 两部; 党总支二支部, 特警七支队, 获安倍晋三支持, 702条款, 德国173.13位列第一), or
* starts with the figure and is a place name (jieba's tag ``ns`` or a gazetteer name: 龙泉镇三家店南街,
  黑龙江七台河, 绵阳三台县: no 三家, 七台, 三台).

A unit word that is itself a unit (克朗, 吉瓦时) is in ``rules/units.tsv``, where the longest unit wins.
Where the segmenter ends a word at the unit (两部分别获奖: 两部 | 分别), the figure stays.

Example:
    >>> from pxextract.pipeline import Extractor
    >>> [s["text"] for s in Extractor().record("x", "由杯子、杯垫两部分组成，共3部手机。", {})["spans"]]
    ['3部']
"""

from __future__ import annotations

from ..rules import Rules
from ..spans import Span

_NUMERIC = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})
_MAX_WORD = 8  # the longest word looked for past a figure's end


def cut_words(numbers: list[Span], text: str, token_starts, tags: dict[str, str], rules: Rules) -> list[Span]:
    """``numbers`` without the figures whose end cuts a unit word or a place name (see the module)."""
    words = rules.number_stops.get("in_word", ())
    cut = [n for n in numbers if n.label in _NUMERIC and n.end < len(text) and n.end not in token_starts]
    if not cut:  # most articles: every figure ends where a segmenter word ends
        return numbers
    places = _places(rules)
    drop = {id(n) for n in cut if _unit_word(n, text, token_starts, words) or _place(n, text, token_starts, tags, places)}
    return [n for n in numbers if id(n) not in drop] if drop else numbers


_PLACES: dict[int, tuple[object, frozenset[str]]] = {}  # id of a gazetteer → (it, its place names): built once


def _places(rules: Rules) -> frozenset[str]:
    """The gazetteer's GPE and LOC names (萍乡市, 武功山), built once per loaded gazetteer."""
    got = _PLACES.get(id(rules.gazetteer))
    if got is None or got[0] is not rules.gazetteer:
        got = _PLACES[id(rules.gazetteer)] = (rules.gazetteer, frozenset(e.name for e in rules.gazetteer if e.label in ("GPE", "LOC")))
    return got[1]


def _unit_word(n: Span, text: str, token_starts, words) -> bool:
    """两部|分: the span ends with the unit, a listed word starts at the unit and is one segmenter word."""
    for word, unit in words:
        at = n.end - len(unit)
        if (at > n.start and text.endswith(unit, n.start, n.end) and word.startswith(unit) and text.startswith(word, at)
                and at in token_starts and at + len(word) in token_starts):
            return True
    return False


def _place(n: Span, text: str, token_starts, tags: dict[str, str], places: frozenset[str]) -> bool:
    """三家|店: the segmenter's word starting with the figure ends after it and is a place name."""
    if n.start not in token_starts:
        return False
    end = next((p for p in range(n.end + 1, min(len(text), n.start + _MAX_WORD) + 1) if p in token_starts), None)
    word = text[n.start : end] if end is not None else ""
    return bool(word) and (tags.get(word) == "ns" or word in places)


def name_tails(numbers: list[Span], entities: list[Span], rules: Rules) -> list[Span]:
    """``numbers`` without a count in Chinese numerals that ends a person's name starting before it, with a unit of
    ``number_stops.tsv`` name_tail: the given name 三根 of 控制雷三根、胡桂生 (雷 | 三根 to the segmenter) is no
    figure now that 根 is a unit; other counts stay (刘、陈二人: the two of them, where the NER reads a name 陈二人).
    """
    units = {u for _, u in rules.number_stops.get("name_tail", ())}
    persons = [(e.start, e.end) for e in entities if e.label == "PERSON"]
    if not persons or not units:
        return numbers
    return [n for n in numbers if n.label not in _NUMERIC or n.attrs.get("unit") not in units or any(c.isdigit() for c in n.text)
            or not any(s < n.start and n.end == e for s, e in persons)]
