"""A county's public body acting in the figure's sentence (issue #15 S3, h245): where a figure would take the
article's place, the last body named before it in its sentence may give its own narrower place instead —
a district's police unit (unit_body_end: 济南市公安局槐荫区分局破获…，仍有【两名】嫌疑人 → 槐荫区, h167), or any
public body (source_end, idle_body_end: 局, 委, 法院, 气象台 …) that is the sentence's actor: it opens its clause
(dates and topic_opener words at most before it) or an action verb follows it (body_action):
云梦县税务局在全省率先试点，选取一家上市公司、一家居民服务公司，【两家】…企业 → 云梦县 (not 湖北省).
:meth:`pxextract.subjects.Subjects.annotate` takes a body's place (``_body``) only when it is a county
(county, district or county-level city) inside the article's place: a prefecture's 海关 or 中心气象台 serves its
province (成都海关发布的数据显示，今年前7个月四川…). Not a body cited as a source (mark_sources;
据, 由 before it), one of a list (天峻县公安局、德令哈市公安局; 青州市…中心联合…; 康平融媒体中心杜沅阳等), nor one
another organisation follows before the figure.

    >>> from pxextract.spans import Span
    >>> text = "云梦县税务局选取两家企业"
    >>> fig = Span(8, 10, "CARDINAL", "两家")
    >>> acting_body(text, fig, [Span(0, 6, "ORG", "云梦县税务局"), fig], 0, BodyCues(bodies=("局",), verbs=("选取",)))
    {'_body': '云梦县税务局'}
"""

from __future__ import annotations

from typing import NamedTuple

from .body_action import acts_publicly

_CLAUSE_MARKS = "，；：,;:"


class BodyCues(NamedTuple):
    """unit_body_end, source_end + idle_body_end, list_mark, body_action and topic_opener words of
    ``rules/link_cues.tsv``, the marks of a cited source before a body (report_marker, owner_marker: 据, 由) and the
    words that join a body to others (list_mark, conjunction, list_end, owner_joint: 、 和 等 联合)."""

    units: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ()
    openers: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    joins: tuple[str, ...] = ()


def body_cues(rules) -> BodyCues:
    """The :class:`BodyCues` of ``rules``."""
    cue = rules.cue
    return BodyCues(cue("unit_body_end"), cue("source_end") + cue("idle_body_end"), cue("list_mark"), cue("body_action"),
                    cue("topic_opener"), cue("report_marker") + cue("owner_marker"),
                    cue("list_mark") + cue("conjunction") + cue("list_end") + cue("owner_joint"))


def acting_body(text: str, span, sent, sentence_start: int, cues: BodyCues) -> dict[str, str]:
    """``{"_unit": name}`` for a police unit, ``{"_body": name}`` for a public body acting in ``span``'s sentence
    (see the module), else an empty dict."""
    orgs = [e for e in sent if e.label == "ORG" and sentence_start <= e.start and e.end <= span.start]
    unit = next((e for e in reversed(orgs) if e.text.endswith(cues.units) and "furniture" not in e.attrs), None)
    if unit is not None:  # h167: a district's police unit (not one of 宝山、嘉定公安分局)
        return {} if text.endswith(cues.lists, 0, unit.start) else {"_unit": unit.text}
    if not orgs or not orgs[-1].text.endswith(cues.bodies) or {"furniture", "_cited", "_source"} & orgs[-1].attrs.keys():
        return {}
    e = orgs[-1]
    if text.endswith(cues.sources, max(sentence_start, e.start - 3), e.start) or text.endswith(cues.joins, 0, e.start) \
            or text.startswith(cues.joins, e.end):
        return {}
    dates = tuple((d.start, d.end) for d in sent if d.label == "DATE")
    if acts_publicly(text, e.end, cues.verbs, cues.openers, dates) or _opens_clause(text, e.start, sentence_start, dates, cues.openers):
        return {"_body": e.text}
    return {}


def _opens_clause(text: str, at: int, sentence_start: int, dates, openers) -> bool:
    """Whether only white space, dates, topic_opener words and clause marks stand between the clause's start and ``at``."""
    start = max([sentence_start] + [i + 1 for i in range(sentence_start, at) if text[i] in _CLAUSE_MARKS])
    while start < at:
        if text[start].isspace():
            start += 1
            continue
        nxt = next((e for s, e in dates if s == start), None) or next((start + len(w) for w in openers if w and text.startswith(w, start)), None)
        if nxt is None or nxt > at:
            return False
        start = nxt
    return True
