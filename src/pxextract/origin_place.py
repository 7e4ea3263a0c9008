"""A place someone or something comes from (issue #15, h374): a place right after a place_origin word of
rules/link_cues.tsv (来自, 家住) is an origin, no subject of a figure of its clause (来自广东的【47岁】女子,
来自青龙村儿童之家夏令营的【40余名】学生, 来自哥伦比亚的网红博主高飞已经在新疆待了【四个多月】) — unless the
clause's first figure after it counts the ones from there, written right after the place or its 的 (来自云南省【4个】
科技馆, 来自斯洛伐克的【31名】消防员和5辆消防车: the place's group, and the figures listed with that one). A
body after 来自 keeps its own (来自洪山小学的【12名】小鼓手): only places count here.

Example:
    >>> from pxextract.spans import Span
    >>> text = "来自广东的47岁女子"
    >>> place, fig = Span(2, 4, "GPE", "广东"), Span(5, 8, "QUANTITY", "47岁", {"unit": "岁"})
    >>> origin_place(text, place, fig, [place, fig], ("来自",), ("的",))
    True
    >>> text = "来自斯洛伐克的31名消防员和5辆消防车"
    >>> place, a, b = Span(2, 6, "GPE", "斯洛伐克"), Span(7, 10, "CARDINAL", "31名"), Span(14, 16, "CARDINAL", "5辆")
    >>> origin_place(text, place, a, [place, a, b], ("来自",), ("的",)), origin_place(text, place, b, [place, a, b], ("来自",), ("的",))
    (False, False)
"""

from __future__ import annotations

from .clauses import CLAUSE_MARK, SENTENCE_END
from .rules import LABELS_NUMERIC
from .spans import Span

_COUNTS = ("CARDINAL",)  # a count of the ones from the place (not an age, a duration or a sum)


def origin_place(text: str, e: Span, span: Span, sent: list[Span], origins: tuple[str, ...], de: tuple[str, ...] = ()) -> bool:
    """Whether the place ``e`` comes right after an origin word (来自) and is no subject of the figure ``span``
    (``de``: link_cues de, the modifier's mark between a place and its count)."""
    if e.label != "GPE" or not origins or not text.endswith(origins, 0, e.start):
        return False
    first = next((f for f in sent if f.label in LABELS_NUMERIC and e.end <= f.start <= span.start), None)
    if first is None or first.label not in _COUNTS or not (first.start == e.end or text.startswith(de, e.end) and first.start == e.end + 1):
        return True
    return bool(CLAUSE_MARK.search(text, first.end, span.start) or SENTENCE_END.search(text, first.end, span.start))  # a later clause: no count's
