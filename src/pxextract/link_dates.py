"""The dates of a sentence that govern no figure as its year, or govern it otherwise (docs/annotation.md §4):
a period to now (自2022年初以来), a date of birth, a date of a relative clause, a share's or a change's base.

A mixin of :class:`pxextract.link.Linker`, which sets the cue attributes it reads.

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor().extract_text("自2012年投入运营以来，该轮累计运输248航次。", date="2023")
    >>> [(s["text"], s.get("year")) for s in rec["spans"] if s["label"] != "DATE"]
    [('248航次', 2023)]
"""

from __future__ import annotations

import regex

from .link_metric import _WINDOW, ends_with as _ends_with, starts_with as _starts_with
from .normalize import is_han
from .spans import Span

_LAST_COMMA = regex.compile("[，,；;。]", regex.REVERSE)
_SHARE_REACH = 12  # how far before a date a share_base cue makes it the base's date (相当于HD现代重工2022年)


class DateCues:
    """Tests on a DATE span of a sentence; the cue attributes (since, share_base …) are the Linker's."""

    def _is_since(self, text: str, span: Span) -> bool:
        """自2022年初以来, 2020年至今: the date starts a period that runs to now (cue ``since``); so does a
        date after 自/从 (``since_open``) whose clause reaches a since cue soon after it (自2012年投入运营以来)."""
        return self._since_end(text, span) is not None

    def _since_end(self, text: str, span: Span) -> int | None:
        """Where the period to now that the date opens starts governing (:meth:`_is_since`): right after the
        date (2020年以来), or after the since cue that closes a verb phrase after 自/从 and the date: a figure
        inside the phrase is of the date's event (美联储自2022年5月开始加息50个基点以来 → 2022; issue #12,
        tenth judged sample #85). None if the date opens no such period."""
        if text.startswith(self.since, span.start):
            return None
        if text.startswith(self.since, span.end):
            return span.end
        if self.since_after is None or not _ends_with(text[max(0, span.start - 2) : span.start], self.since_open):
            return None
        m = self.since_after.match(text, span.end)
        return m.end() if m else None

    def _is_birth_date(self, text: str, span: Span) -> bool:
        """张某，1985年出生，现年38岁; 出生于1990年: a person's date of birth (cue ``birth_after`` after the
        date, then no Han character but 的 unless the cue ends in a preposition; ``birth_before`` right before
        it) dates the person, not the sentence; 2022年出生人口956万 (a statistic) is no birth date."""
        if _ends_with(text[max(0, span.start - 3) : span.start], self.birth_before):
            return True
        cue = _starts_with(text[span.end : span.end + 3], self.birth_after)
        nxt = text[span.end + len(cue) : span.end + len(cue) + 1] if cue else ""
        return bool(cue) and (len(cue) > 2 or not nxt or not is_han(nxt) or nxt in self.de)

    def _is_attribute_date(self, text: str, span: Span, s0: int) -> bool:
        """排查出一起发生于1994年的命案的关键线索，…将4名犯罪嫌疑人抓捕归案: a date of a relative clause (cue
        ``relative_date`` before it, 的 after it) in the object of a verb of its clause (a word jieba tags v
        before it) dates the noun it modifies, not the sentence; opening its clause (发生在1883年7月23-29日的
        降雨过程中，记录值为510.3毫米; 这场发生在2014年的收购，当时以30亿美元成交) it sets the scene."""
        cue = _ends_with(text[max(s0, span.start - 3) : span.start], self.relative_dates)
        if not cue or not _starts_with(text[span.end : span.end + 1], self.de):
            return False
        at = span.start - len(cue)
        last = _LAST_COMMA.search(text, max(s0, at - _WINDOW), at)
        lead = last.end() if last else max(s0, at - _WINDOW)
        return any(self.word_tags.get(text[i : i + k]) == "v" for i in range(lead, at - 1) for k in (2, 3) if i + k <= at)

    def _is_share_base(self, text: str, span: Span) -> bool:
        """相当于HD现代重工2022年营业收入的7.5%, 相当于2019年同期的120%: a share_base cue in the date's clause at
        most _SHARE_REACH characters before it, and no start or base cue right before the date (占比从2017年的3.9%):
        the date is the base's; the share is not of that year."""
        if self.share_base is None or _ends_with(text[max(0, span.start - 3) : span.start], self.start_cues + self.base):
            return False  # 占比已经从2017年的3.9%升至…: a change's start, its own year
        return self.share_base.search(text, max(0, span.start - _SHARE_REACH), span.start) is not None

    def _is_base_date(self, text: str, span: Span) -> bool:
        """较2012年的9999.5元, 由2020年的…: a comparison's base or a change's start; a span of years after
        a start cue, written as a range, is a period (从2019年到2023年，…年产销量过百万吨 → 2023; 从“十三五”开始 is a start)."""
        head = text[max(0, span.start - 3) : span.start]
        if self._is_share_base(text, span):
            return True
        years = span.attrs.get("year_start"), span.attrs.get("year_end")
        return bool(_ends_with(head, self.base) or _ends_with(head, self.start_cues) and not (
            None not in years and years[0] < years[1] and self.range_sep.search(text, span.start, span.end)))
