"""A count whose unit is the noun it counts is measured by that noun (issue #15 M1, h350): where a count's unit is
itself the noun counted (link_cues noun_unit: 部门, 居民, 人口 …) and its metric does not hold that noun, the metric
read is a run-on of the words after it (中国残联等【17部门】联合印发《关于组织开展… → 部门, not the title cut) or
names only the act before it (影响周边约【3万居民】出行 → 影响周边居民, 学前教育惠及【43万儿童】 → 学前教育惠及儿童): the unit
is the metric, after the words before it where those are the metric. A metric holding the noun (常住人口) or a change
(人口增加) stays.

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor().extract_text("近日，中国残联等17部门联合印发《关于组织开展第七次残疾预防日宣传教育活动的通知》。", date="2023-08-01")
    >>> [(s["text"], s.get("metric")) for s in rec["spans"] if s["label"] == "CARDINAL"]
    [('17部门', '部门')]
"""

from __future__ import annotations

import regex

_HAN = regex.compile(r"\p{Han}")
_GAP_CHARS = regex.compile(r"[\p{Han}\d ]*")

_REACH = 40  # the most characters before a count that the words of its metric are looked for in
_GAP = 4  # the most characters between those words and the count


def unit_noun(linker, span, metric: str, change: str | None, text: str) -> str:
    """``metric`` of ``span``, or its unit where that is a link_cues noun_unit the metric does not hold and no change
    was read, after the metric where that is written right before the figure (_right_before): 【17部门】联合印发《…
    → 部门, 惠及上千万【家庭】 → 惠及家庭; 常住人口【2000万人口】 stays."""
    unit = span.attrs.get("unit")
    if change or span.label != "CARDINAL" or not unit or unit not in linker.rules.cue("noun_unit") or unit in (metric or ""):
        return metric
    return metric + unit if metric and _right_before(text, metric, span.start, linker.rules.cue("inner_place_break")) else unit


def _right_before(text: str, metric: str, start: int, breaks: tuple[str, ...]) -> bool:
    """Whether ``metric`` is written right before ``start``, at most _GAP characters of Chinese (a qualifier, a scale:
    惠及上【千万家庭】, 影响周边约【3万居民】) between, no mark and no list's end (link_cues inner_place_break:
    全国妇联等【14部门】, the bodies listed), the metric ending in a Chinese character (not 不会忘记你们”——, a quote's
    end: 涿州 dropped from it)."""
    k = text.rfind(metric, max(0, start - _REACH), start)
    gap = text[k + len(metric) : start] if k >= 0 else "?"
    return (len(gap) <= _GAP and not any(b in gap for b in breaks) and _GAP_CHARS.fullmatch(gap) is not None
            and _HAN.match(metric[-1]) is not None)
