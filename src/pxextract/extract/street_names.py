"""A street or community named after a 新村 or a road (issue #15 S8, h353): a place the entity step
found (often a city of the gazetteer: 延吉, 潍坊, 长白) written straight before a ``street_stem`` of
rules/name_grammar.tsv (新村, 路 …) and a ``street_end`` (街道, 社区) is no place of its own but the
first part of a street's or community's name: the whole is one GPE (延吉 + 新村街道 → 延吉新村街道, a
street of 上海杨浦区, not the city 延吉 of 吉林). Not when another name starts inside the tail (the
later name is kept as it is) nor when the place is itself a street or community (…街道 + 路社区). The
quarter alone (延吉新村爱心暑托班) is one GPE the same way.
A place written straight before a ``street_road`` word (路, 中路, 西路 …) and a house number is a road's name, no
place (位于延吉中路77号 in that street's article, 黄浦区南京西路150号): it is dropped.

Example:
    >>> from pxextract.spans import Span
    >>> t = "位于延吉中路的延吉新村街道爱心暑托班"
    >>> names = [Span(2, 4, "GPE", "延吉"), Span(7, 9, "GPE", "延吉")]
    >>> [s.text for s in streets(names, t, ("新村",), ("街道", "社区"))]
    ['延吉', '延吉新村街道']
    >>> [s.text for s in streets(names[:1], "位于延吉中路77号3楼", (), (), ("中路",))]
    []
"""

from __future__ import annotations

from ..spans import Span


def streets(names: list[Span], text: str, stems: tuple[str, ...], ends: tuple[str, ...], roads: tuple[str, ...] = ()) -> list[Span]:
    """``names`` (sorted, flat) with each place + street_stem + street_end joined into one GPE and each place + street_road +
    a digit dropped."""
    starts = {s.start for s in names}
    out = []
    for s in names:
        if s.label == "GPE" and "furniture" not in s.attrs and any(
                text.startswith(r, s.end) and text[s.end + len(r) : s.end + len(r) + 1].isdigit() for r in roads):
            continue  # 延吉中路77号: a road's name
        if s.label == "GPE" and not s.text.endswith(ends) and "furniture" not in s.attrs:
            stem = next((w for w in sorted(stems, key=len, reverse=True) if text.startswith(w, s.end)), None)
            end = next((e for e in ends if stem and text.startswith(e, s.end + len(stem))), "")
            if stem:  # (延吉新村 alone: the quarter the street is named after)
                b = s.end + len(stem) + len(end)
                if not any(s.end <= k < b for k in starts):
                    s = Span(s.start, b, "GPE", text[s.start : b], dict(s.attrs))
        out.append(s)
    return out
