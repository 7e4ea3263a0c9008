"""The lead's police unit named for no place of the gazetteer (issue #15 S1/S4, h369): an article whose lead opens with a
place (a headline's 云南泸水：) and then has a police unit or station act — its name ends in a unit_body_end word of
``rules/link_cues.tsv`` (派出所, 中队, 检查站 …), it opens a clause of the lead and is named again — is the unit's story when
its name holds no place the gazetteer knows (上江边境派出所, 花桥坝边境检查站: the stations of towns inside the county): the
checks, patrols and talks it counts are its own, not the county's (原标题：云南泸水：…！上江边境派出所开展道路交通安全整治行动…，
共检查车辆【40余辆次】 → 上江边境派出所, not 泸水). A unit named for a place (霍邱县公安局) gives that place through the lead's
acting bodies (:func:`pxextract.lead_town.acting_places`); one the lead cites (记者从…派出所获悉), one of a list (、) or one
named once is left. Used by :meth:`pxextract.subjects.Subjects.article_subject`.

Example:
    >>> from pxextract.spans import Span
    >>> text = "云南泸水：上江边境派出所开展整治行动。上江边境派出所共检查车辆40辆。"
    >>> names = [Span(2, 4, "GPE", "泸水"), Span(5, 12, "ORG", "上江边境派出所"), Span(19, 26, "ORG", "上江边境派出所")]
    >>> lead_unit(text, names[:2], names, ("派出所",), (), lambda n: None)
    '上江边境派出所'
    >>> lead_unit(text, names[:2], names, ("派出所",), (), lambda n: "上江")  # named for a place: not this module's
"""

from __future__ import annotations

from typing import Callable

from .spans import Span

_CLAUSE_MARKS = "，。！？：；,!?:;\n “”\"　"
_MENTIONS = 2  # a unit named once is a source or a scene, not the story's actor
_SHORTEST = 5  # 上江边境派出所, 古登派出所: a name, not a bare 派出所 or 边境派出所


def lead_unit(text: str, lead: list[Span], names: list[Span], ends: tuple[str, ...], openers: tuple[str, ...],
              body_place: Callable[[str], str | None], sources: tuple[str, ...] = (), reports: tuple[str, ...] = ()) -> str | None:
    """The police unit of ``lead`` (the lead's names, a place first) that opens a clause (past ``openers``: 近日, 连日来),
    ends in one of ``ends``, names no place (``body_place`` None) and is named twice at least in ``names``; else None.
    Not one the lead cites anywhere: marked so, or a ``sources`` word (report_marker, owner_marker: 据, 由) right before it
    or a ``reports`` word (report_verb) right after it (记者从鲁掌边境派出所获悉)."""
    if not ends or not lead or lead[0].label != "GPE":
        return None
    quiet = {"furniture", "_cited", "_source", "_passing"}
    cited = {s.text for s in lead if quiet & s.attrs.keys() or text.endswith(sources, 0, s.start) and sources or text.startswith(reports, s.end) and reports}  # 记者从…派出所获悉: a source of the lead, wherever else named
    for s in lead[1:]:
        if s.label != "ORG" or s.text in cited or not s.text.endswith(ends) or len(s.text) < _SHORTEST:
            continue
        if "、" in text[max(0, s.start - 1) : s.start] + text[s.end : s.end + 1] or body_place(s.text) is not None:
            continue
        if sum(1 for n in names if n.label == "ORG" and n.text == s.text and "furniture" not in n.attrs) < _MENTIONS:
            continue
        if _opens_clause(text, s.start, openers):
            return s.text
    return None


def _opens_clause(text: str, at: int, openers: tuple[str, ...]) -> bool:
    """Whether a clause mark (or the text's start) stands right before ``at``, past ``openers`` words."""
    while at > 0:
        if text[at - 1] in _CLAUSE_MARKS:
            return True
        w = next((w for w in openers if w and text.endswith(w, 0, at)), None)
        if w is None:
            return False
        at -= len(w)
    return True
