"""Levels reached from a start value (issue #15 M1): a start cue (link_cues start: 从, 由), a time and 的 open the
start value (占比从第一季度的55.6%降至【51.6%】, 平均子女数由5年前的1.3人跌至【0.9人】); the time is read by its text
(DATE spans, numerals and link_cues start_time words: jieba tags 第一季度 as an idiom), not by word tags. The
metric is the noun before the start cue, for the start value and the level reached alike. A base class of
:class:`pxextract.link_metric.MetricLinker` (no state of its own; its cue words are the Linker's).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor().extract_text("平均子女数由5年前的1.3人跌至0.9人。", date="2023-08-01")
    >>> [(s["text"], s.get("metric")) for s in rec["spans"] if s["label"] == "CARDINAL"]
    [('1.3人', '平均子女数'), ('0.9人', '平均子女数')]
"""

from __future__ import annotations

from functools import cached_property

_REACH = 24  # the most characters from a start cue to its figure


class LevelLinker:
    """Finds the start cue that opens a start value and its time (从第一季度的【55.6%】)."""

    @cached_property
    def start_times(self) -> tuple[str, ...]:
        """link_cues start_time: the time words of a start value (季度, 年前, 去年同期) and numerals (第, 一, 两, 个), longest first."""
        return tuple(sorted(self.rules.cue("start_time"), key=len, reverse=True))  # type: ignore[attr-defined]

    def start_cue_at(self, text: str, end: int, sent, lo: int = 0) -> int | None:
        """The position of a start cue before ``end`` (a figure's start) when only a time (a DATE span, numerals and
        start_time words, at least one of them) and 的 at most stand between: 从第一季度的, 由5年前的, 从去年同期的 → the
        position of 从 or 由; else None (从【100亿元】: no time; 从公司的【100万元】: no time word)."""
        j = end
        while j > lo and text[j - 1].isspace():
            j -= 1
        if text[j - 1 : j] in self.de:  # type: ignore[attr-defined]
            j -= 1
        first = j
        while j > max(lo, end - _REACH):
            d = next((d.start for d in sent if d.label == "DATE" and d.end == j and d.start < j), None)
            w = next((w for w in self.start_times if text.endswith(w, 0, j)), "") if d is None else ""
            if d is not None or w or text[j - 1].isdigit() or text[j - 1] == ".":  # 5年前, 1.5年前
                j = d if d is not None else j - (len(w) or 1)
            else:
                break
        if j == first or j <= lo or text[j - 1] not in self.start_cues:  # type: ignore[attr-defined]
            return None
        return j - 1
