"""A chain of places whose last place opens a list of places (issue #15 S7, h343): the lead's chain
黑龙江省阿城、尚志、海林、五常、拜泉、龙江等县(市)31个气象站… names six counties of 黑龙江省, not 阿城 —
the article is about the province (or the list), never about the list's first item alone. The chain then stops at
the place before that item: 黑龙江省 (四川眉山、乐山、宜宾三市 → 四川; 江苏无锡、常州、宿迁、连云港四市 → 江苏).
A place written alone before a list (北京、天津、河北等地) is left as it is.

Example:
    >>> from pxextract.spans import Span
    >>> text = "黑龙江省阿城、尚志等县"
    >>> a, b, c = Span(0, 4, "GPE", "黑龙江省"), Span(4, 6, "GPE", "阿城"), Span(7, 9, "GPE", "尚志")
    >>> before_list(text, a, b, [a, b, c]).text
    '黑龙江省'
"""

from __future__ import annotations

from .spans import Span

LIST_MARKS = "、"


def before_list(text: str, head: Span, last: Span, gpes: list[Span]) -> Span:
    """``last``, the end of the chain of places written from ``head`` on, or the chain's place before it when ``last``
    is followed by a list mark and another place (it opens a list: 阿城 of 黑龙江省阿城、尚志 → 黑龙江省)."""
    if last is head or not text.startswith(tuple(LIST_MARKS), last.end):
        return last
    if not any(g.start == last.end + 1 for g in gpes):
        return last
    return next((g for g in gpes if g.end == last.start and head.start <= g.start), last)
