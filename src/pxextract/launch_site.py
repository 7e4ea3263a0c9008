"""A launch or test site is no maker (issue #15 S2, h272): a rocket, a satellite or a car is launched or tested at a
site (``launch_site`` of ``rules/link_cues.tsv``: 卫星发射中心, 发射场, 试车场), and the figures of a sentence on the
vehicle (a ``launch_vehicle`` word: 火箭, 卫星, 车) are the vehicle's: its maker's, never the site's. A figure that
would take the site only as the article's subject or an earlier clause's topic — its own clause names no one, and the
sentence names the site at most where something happens (after a ``subject_locative``: 在, 于) — takes the one
organisation of its sentence that makes the vehicle (its name, at most :data:`_MAKER_GAP` characters such as 抓总,
自主, then a ``make_verb``: 研制, 研发, 打造), else none (annotation §6 "Funds and products": a product's figures
take its maker, else null). The site's own figures keep it (酒泉卫星发射中心今年执行【20次】发射任务). Used by
:class:`pxextract.link_subject.ClauseSubjects`.

Example:
    >>> from pxextract.spans import Span
    >>> cues = LaunchCues(("卫星发射中心",), ("火箭",), ("研制",), ("在",))
    >>> text = "火箭在太原卫星发射中心发射。火箭由上海航天技术研究院抓总研制，起飞推力约300吨。"
    >>> fig = Span(36, 40, "QUANTITY", "300吨")
    >>> names = [Span(3, 11, "ORG", "太原卫星发射中心"), Span(17, 27, "ORG", "上海航天技术研究院")]
    >>> site_subject(text, fig, names + [fig], 14, "太原卫星发射中心", cues)
    '上海航天技术研究院'
    >>> site_subject("太原卫星发射中心今年执行20次发射任务，火箭发射12次。", fig, [Span(0, 8, "ORG", "太原卫星发射中心")], 0, "太原卫星发射中心", cues)
    '太原卫星发射中心'
"""

from __future__ import annotations

from typing import NamedTuple

import regex

from .clauses import SENTENCE_END

_MAKER_GAP = 4  # characters between the maker's name and its make_verb (抓总研制, 自主研发, 联合研制)
_PUNCT = regex.compile(r"[^\p{Han}A-Za-z0-9]")  # no comma, list mark or bracket between the maker and its verb


class LaunchCues(NamedTuple):
    """The words of ``rules/link_cues.tsv`` this module reads (see the module docstring)."""

    sites: tuple[str, ...]
    vehicles: tuple[str, ...]
    make_verbs: tuple[str, ...]
    locatives: tuple[str, ...]
    joins: tuple[str, ...] = ()  # conjunction, list_mark: 和, 、 between two makers


def launch_cues(rules) -> LaunchCues:
    """The :class:`LaunchCues` of ``rules``."""
    cue = rules.cue
    return LaunchCues(cue("launch_site"), cue("launch_vehicle"), cue("make_verb"), cue("subject_locative"), cue("conjunction") + cue("list_mark"))


def site_subject(text: str, span, sent: list, sentence_start: int | None, subject: str | None, cues: LaunchCues) -> str | None:
    """The subject of the figure ``span`` whose clause names no one and that would take ``subject``: the vehicle's maker
    or None instead of a launch or test site (see the module docstring), ``subject`` otherwise."""
    if not subject or not cues.sites or not subject.endswith(cues.sites) or sentence_start is None:
        return subject
    m = SENTENCE_END.search(text, span.end)
    end = m.end() if m else len(text)
    if not any(w in text[sentence_start:end] for w in cues.vehicles):
        return subject
    names = [e for e in sent if e.label == "ORG" and sentence_start <= e.start and e.end <= end]
    if any(e.text == subject and not text.endswith(cues.locatives, sentence_start, e.start) for e in names):
        return subject  # 酒泉卫星发射中心今年执行【20次】发射任务: the site acts, its own figure
    makers = [e for e in names if e.text != subject and _makes(text, e.end, end, cues.make_verbs)]
    joined = [f for f in names for e in makers if f.end < e.start and text[f.end:e.start] in cues.joins]  # A和B联合研制: two makers
    found = {e.text for e in makers + joined}
    return found.pop() if len(found) == 1 else None


def _makes(text: str, at: int, end: int, verbs: tuple[str, ...]) -> bool:
    """Whether a make_verb follows ``at`` within :data:`_MAKER_GAP` characters of words (no punctuation between)."""
    for k in range(_MAKER_GAP + 1):
        if at + k >= end or k and _PUNCT.match(text, at + k - 1):
            return False
        if text.startswith(verbs, at + k):
            return True
    return False
