"""A city's or country's communities are no community's name (issue #13 precision, h344).

The suffix grammar names a residential community after the known place before 社区 (上海 + 仁恒滨江园社区, 清丰社区:
a community named after a county). After a country, a province or a city alone it is the common noun, "the
communities of" that place (深入香港社区、团体、学校, 带动广州社区多元音乐文化, 中国社区团购): the place alone is the GPE.
The kinds of place come from ``rules/name_grammar.tsv`` ``community_wide`` (gazetteer kinds: country, province,
prefecture-short …); a county's name (丰宁社区, 兴城社区) stays a community.

Example:
    >>> from pxextract.spans import Span
    >>> spans = [Span(2, 6, "GPE", "香港社区"), Span(9, 13, "GPE", "丰宁社区")]
    >>> [s.text for s in community_scope(spans, {"香港": "province-short", "丰宁": "county-short"}, ("province-short",), ("社区",))]
    ['香港', '丰宁社区']
"""

from __future__ import annotations

from ..spans import Span


def community_scope(names: list[Span], kinds: dict[str, str], wide: tuple[str, ...], ends: tuple[str, ...]) -> list[Span]:
    """``names`` with each GPE of a ``wide`` place's name and a community ``end`` cut to the place."""
    if not wide or not ends:
        return names
    out = []
    for s in names:
        end = next((e for e in ends if s.text.endswith(e)), None) if s.label == "GPE" else None
        if end and kinds.get(s.text[: -len(end)]) in wide:
            s = Span(s.start, s.end - len(end), "GPE", s.text[: -len(end)], s.attrs)
        out.append(s)
    return out
