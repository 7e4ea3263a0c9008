"""A city's metro or bus acting as a body is its operator, one ORG (issue #13 recall, h373): rules/name_grammar.tsv
``transit_word`` (地铁, 轨道交通, 公交), ``transit_act`` and ``transit_before``.

A GPE written straight before a ``transit_word`` names a transport system, a facility with no label (在武汉地铁,
北京地铁漏雨 → GPE only, annotation §6). Where the article shows that system acting as a body — one of its mentions
followed by a ``transit_act`` word (回应, 否认, 发布, 官微, 客服, 工作人员 …) or preceded by a ``transit_before`` mark
(@南京地铁通报) — the place + word is the operator's name, an ORG at every such mention of the article (as 港铁, set 4;
南京地铁否认没开空调 … 南京地铁一号线 → ORG 南京地铁 twice). The place stays a name of the article (``_inner``).
A longer name the rules made (南京地铁车辆分公司, 北京公交集团) is left alone: its place is no GPE span.

Example:
    >>> from pxextract.spans import Span
    >>> t = "南京地铁否认没开空调。南京地铁一号线很热，南京市民说。"
    >>> names = [Span(0, 2, "GPE", "南京"), Span(11, 13, "GPE", "南京"), Span(21, 23, "GPE", "南京")]
    >>> [(s.text, s.label) for s in transit_operators(names, t, ("地铁",), ("否认",), ("@",))]
    [('南京地铁', 'ORG'), ('南京地铁', 'ORG'), ('南京', 'GPE')]
"""

from __future__ import annotations

from ..spans import Span


def transit_operators(names: list[Span], text: str, words: tuple[str, ...], acts: tuple[str, ...],
                      before: tuple[str, ...]) -> list[Span]:
    """``names`` (sorted, flat) with each place + transit word that the article shows acting made one ORG (module docstring)."""
    if not any(w in text for w in words):
        return names
    words = tuple(sorted(words, key=len, reverse=True))
    starts = {s.start for s in names}
    found: dict[int, str] = {}  # the index of a GPE in names → the operator's name it opens
    for i, s in enumerate(names):
        if s.label == "GPE" and "furniture" not in s.attrs and s.end not in starts:
            w = next((w for w in words if text.startswith(w, s.end)), "")
            if w:
                found[i] = s.text + w
    shown = {n for i, n in found.items()
             if text.startswith(acts, names[i].start + len(n)) or text[: names[i].start].endswith(before)}
    if not shown:
        return names
    out = []
    for i, s in enumerate(names):
        n = found.get(i)
        if n in shown:
            s = Span(s.start, s.start + len(n), "ORG", n, {"_inner": [*s.attrs.get("_inner", ()), (s.text, "GPE")]})
        out.append(s)
    return out
