"""The clause's own narrower place (issue #15 S3, h226): a place written right before a figure in its clause (ten
characters at most between, no figure, comma or list mark) is where the figure belongs, also after a preposition
(在, 为) or opening a facility's name, when it lies inside the subject the figure would take otherwise:
最大降水量出现在蓬莱小门家为【127.1毫米】 → 蓬莱 (not 烟台市), 故障主要集中在南安【100912户】 → 南安 (not 泉州市).
Not an item of a list (南川和丰都【两区】, 金浦、济州等【7个】机场: the places' total), not where one goes or comes
from (link_cues inner_place_stop: 向静海区紧急调拨编织袋【25万条】), not a place inside a body's name, not an age.
:func:`inner_place` marks the figure (``_inner_place``); :meth:`pxextract.subjects.Subjects.annotate` takes it when
it lies inside the subject (a town of no gazetteer: inside a county's or prefecture's subject).

Example:
    >>> from pxextract.spans import Span
    >>> text = "故障主要集中在南安100912户"
    >>> fig = Span(9, 16, "CARDINAL", "100912户", attrs={"unit": "户"})
    >>> inner_place(text, fig, [Span(7, 9, "GPE", "南安"), fig], 0, InnerCues())
    '南安'
"""

from __future__ import annotations

from typing import NamedTuple

from .quoted_place import quoted_place

_GAP = 10  # the most characters between the place and its figure


class InnerCues(NamedTuple):
    """The words of ``rules/link_cues.tsv``: list_mark and inner_place_list (、, 和), inner_place_stop (向, 前往),
    inner_place_break (a comma, a bracket or 等 between the place and the figure), inner_place_unit_not (岁)."""

    lists: tuple[str, ...] = ()
    stops: tuple[str, ...] = ()
    breaks: tuple[str, ...] = ()
    units_not: tuple[str, ...] = ()


def inner_cues(rules) -> InnerCues:
    """The :class:`InnerCues` of ``rules``."""
    cue = rules.cue
    return InnerCues(cue("list_mark") + cue("inner_place_list"), cue("inner_place_stop"), cue("inner_place_break"), cue("inner_place_unit_not"))


def inner_place(text: str, span, sent, clause_start: int, cues: InnerCues) -> str | None:
    """The place (GPE) written last before ``span`` in its clause when it may be the figure's own (see the module), or None."""
    if span.attrs.get("unit") in cues.units_not:
        return None  # 枪杀【17岁】少年: a person's age
    before = [e for e in sent if clause_start <= e.start and e.end <= span.start and e.label in ("GPE", "ORG", "PERSON")]
    if not before or before[-1].label != "GPE" or {"furniture", "_passing", "_cited"} & before[-1].attrs.keys():
        return None
    e, gap = before[-1], text[before[-1].end : span.start]
    if len(gap) > _GAP or any(c.isdigit() for c in gap) or any(w in gap for w in cues.breaks):
        return None
    if any(o.label == "ORG" and o.start <= e.start and e.end <= o.end for o in sent) or quoted_place(text, e, span, sent):
        return None  # 海盐县人民医院: the body's, not its place's; 命名为“湘潭星座”的【12颗】: a name's (pxextract.quoted_place)
    if text.endswith(cues.lists, 0, e.start) or text.startswith(cues.lists, e.end):
        return None
    head = e.start
    while (prev := next((p for p in sent if p.label == "GPE" and p.end == head), None)) is not None:
        head = prev.start  # 江西省上饶市横峰县: the chain before the place
    if text.endswith(cues.stops, clause_start, head):
        return None
    return e.text
