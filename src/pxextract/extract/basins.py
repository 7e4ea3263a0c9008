"""A river's or lake's basin as one place (issue #13, brief h334): a LOC ending in a ``water_end`` character of
rules/name_grammar.tsv (江, 河, 溪, 湖) that the text continues with a ``basin_tail`` word (流域) is one LOC with it,
as the gazetteer's 长江流域 and 黄河流域: 海河 + 流域 → 海河流域, 松花江 + 流域 → 松花江流域. A name already
starting at the tail (太湖 + 流域管理局, an ORG the chains made) is left alone. The river itself stays a name of the
article (its private ``_inner``, as a source outlet's places): 大清河流域 … 大清河：31日7时 still finds 大清河.

Example:
    >>> from pxextract.spans import Span
    >>> t = "海河流域发生流域性较大洪水，海河水位上涨。"
    >>> [(s.text, s.label) for s in basins([Span(0, 2, "LOC", "海河"), Span(14, 16, "LOC", "海河")], t, ("流域",), ("河",))]
    [('海河流域', 'LOC'), ('海河', 'LOC')]
"""

from __future__ import annotations

from ..spans import Span


def basins(names: list[Span], text: str, tails: tuple[str, ...], water_end: tuple[str, ...]) -> list[Span]:
    """``names`` (sorted, flat) with each river's or lake's LOC that a basin word follows grown over it (module docstring)."""
    if not any(t in text for t in tails):
        return names
    starts = {s.start for s in names}
    out = []
    for s in names:
        if s.label == "LOC" and s.text[-1:] in water_end and "furniture" not in s.attrs and s.end not in starts:
            tail = next((t for t in tails if text.startswith(t, s.end)), "")
            if tail and not any(a in starts for a in range(s.end, s.end + len(tail))):
                inner = [*s.attrs.get("_inner", ()), (s.text, "LOC")]  # the river's other mentions (Combiner.propagate)
                s = Span(s.start, s.end + len(tail), "LOC", text[s.start : s.end + len(tail)], {**s.attrs, "_inner": inner})
        out.append(s)
    return out
