"""A figure with no metric that restates a number written before it which is no figure span (issue #15 M5, h372):
the unit of that number is unknown (英尺, 级, ㎡, 平方呎) or written once at the end of a list. The figure measures
what that number would: its metric is the one :meth:`~pxextract.link_metric.MetricLinker._metric` reads for a figure
standing where the number does.

* **A gloss in brackets** (``link_cues.tsv`` gloss_lead: 约, 约合, 即 may open it): 船只吃水深度不超过44英尺（约【13.41米】）
  → 船只吃水深度; 中心附近最大风力有17级（【62米/秒】） → 中心附近最大风力.
* **A unit written once**: bare numbers joined by 、/和 before the figure, which alone carries the unit:
  归母净利润分别为11.57、13.73、【16.67亿元】 → 归母净利润.

Only a metric that names something (no number, classifier or function word ends it, no change word) is taken: 其中包括一项90亿瑞郎
（【103亿美元】） stays empty (一项 names nothing).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor().extract_text("船只吃水深度不超过44英尺（约13.41米）。", date="2023-08-01")
    >>> [(s["text"], s.get("metric")) for s in rec["spans"] if s["label"] == "QUANTITY"]
    [('13.41米', '船只吃水深度')]
"""

from __future__ import annotations

import regex

from .clauses import CLAUSE_END
from .link_compared import _words
from .link_words import FUNCTION_TAGS, ends_with, tail_tag
from .spans import Span

_NUM = r"-?\d[\d.,]*"
# a number and its unit, no figure span, right before a gloss's opening bracket: 44英尺（, 13-15级（, 12000㎡（约
_BEFORE_BRACKET = regex.compile(rf"(?<![\d.,\-])(?:{_NUM}\s*[-~～]\s*)?{_NUM}\s*[^\d\s，,。；;：:、（）()“”\"'《》]{{1,4}}\s*$")
_BRACKET = regex.compile(r"[（(]\s*$")
_REACH = 60  # the most characters read back from the figure


def unspanned_metric(linker, text: str, span: Span, sent, s1: int, token_starts=None) -> str:
    """The metric of the number that is no figure span which ``span`` restates (a gloss in brackets, a unit written
    once at a list's end), read as if a figure stood there (from its own words: no metric of the figure before carried,
    and none passed on), when it names something; else ""."""
    at = _glossed(linker, text, span, sent) or _listed(linker, text, span, sent)
    if at is None:
        return ""
    start, end = at
    lo = max(0, start - _REACH)
    c0 = max((m.end() for m in CLAUSE_END.finditer(text, lo, start)), default=lo)  # after the last clause end
    hidden = Span(start, end, span.label, text[start:end], {"unit": span.attrs.get("unit")})
    metric, change = linker._metric(text, hidden, c0, s1, sent, None, token_starts)  # its own words, nothing carried
    metric = _trimmed(linker, metric or "")
    if change or not _names_thing(linker, metric):
        return ""
    return metric


def _trimmed(linker, metric: str) -> str:
    """``metric`` without a copula or 有 ending it (最大风力有 → 最大风力) and without what a closing quotation mark
    ends that it does not open (杜苏芮”中心附近最大风力 → 中心附近最大风力)."""
    tail = ends_with(metric, tuple(sorted(linker.rules.cue("exist_lead") + linker.rules.cue("clause_copula"), key=len, reverse=True)))
    metric = metric[: -len(tail)] if tail and len(tail) < len(metric) else metric
    for o, c in (("“", "”"), ("《", "》"), ("（", "）")):
        if c in metric and o not in metric[: metric.rfind(c)]:
            metric = metric[metric.rfind(c) + 1 :]
    return metric.strip()


def _names_thing(linker, metric: str) -> bool:
    """Whether a metric names something: two characters or more, no change word ending it, its last word no number,
    classifier or function word (包括一项 names nothing; 纳米盒的收入 does, 收入 read as a verb)."""
    if len(metric) < 2 or ends_with(metric, tuple(_words(linker))):
        return False
    return bool(ends_with(metric, linker.metric_names)) or tail_tag(linker.word_tags, metric) not in FUNCTION_TAGS | {None, "m", "q", "mq"}


def _free(sent, start: int, end: int) -> bool:
    """Whether no span of the sentence overlaps ``[start, end)`` (a DATE there is a time, no number to restate)."""
    return not any(s.start < end and start < s.end for s in sent)


def _glossed(linker, text: str, span: Span, sent) -> tuple[int, int] | None:
    """Where the number a bracketed gloss restates stands: 44英尺（约【13.41米】） → 44英尺; None if none."""
    head = text[max(0, span.start - 8) : span.start].rstrip()
    lead = next((g for g in sorted(linker.rules.cue("gloss_lead"), key=len, reverse=True) if head.endswith(g)), "")
    head = head[: len(head) - len(lead)]
    m = _BRACKET.search(head)
    if m is None:
        return None
    opening = span.start - (len(text[max(0, span.start - 8) : span.start]) - m.start())
    n = _BEFORE_BRACKET.search(text, max(0, opening - 24), opening)
    if n is None or not _free(sent, n.start(), n.end()):
        return None
    return n.start(), n.end()


def _listed(linker, text: str, span: Span, sent) -> tuple[int, int] | None:
    """Where the first of the bare numbers joined by a list joint (link_cues conjunction, list_mark) before the figure
    stands, a scale word after each at most, the unit written once at the end: 11.57、13.73、【16.67亿元】 → 11.57;
    None if none."""
    number, listed = _list_patterns(linker)
    m = listed.search(text, max(0, span.start - _REACH), span.start)
    if m is None or not _free(sent, m.start(), m.end()):
        return None
    first = number.match(text, m.start(), m.end())
    return m.start(), m.start() + len(first.group().rstrip())


def _list_patterns(linker):
    """(a bare number with its scale words, a run of them each before a joint up to the end), built once per linker."""
    found = linker.__dict__.get("_unspanned_lists")
    if found is None:
        scales = "".join(regex.escape(c) for c in sorted(linker.scales))
        joints = "|".join(regex.escape(j) for j in sorted(linker.joints, key=len, reverse=True))
        number = rf"{_NUM}\s*[{scales}]*"
        found = linker.__dict__["_unspanned_lists"] = (
            regex.compile(number), regex.compile(rf"(?<![\d.,\-])(?:{number}\s*(?:{joints})\s*)+$"))
    return found
