"""How a figure's clause opens, for its subject (issue #15): what stands before the first word that
counts (white space, DATE spans, topic_opener words: 目前, 全年), whether the clause goes on with a
verb of its own subject (扣押车辆, 累计下降 → no subject of its own), whether it switches to another
topic (该指数, 这是), and the scope a clause-initial scope word sets (全市 → prefecture, 全省 →
province; a locative frame 在我国…中， → country). The words come from ``rules/link_cues.tsv``
(topic_opener, topic_switch, scope_*, subject_locative); the attributes are set by
:class:`pxextract.link_subject.ClauseSubjects`, which inherits these tests.

Example: in ``目前全市新增企业5家`` the scope of the figure's clause is ``prefecture`` (目前 is a
topic_opener, then 全市); in ``成为全国首个…`` 全国 ranks, it sets no scope (None); in
``在我国10亿多网民中，近两成…`` the frame before the clause sets ``country``.
"""

from __future__ import annotations

from .clauses import CLAUSE_MARK, LAST_CLAUSE_MARK
from .spans import Span



class ClauseOpenings:
    """The tests on how a clause opens; the cue attributes (scopes, openers_at, word_tags, topic_switches,
    anaphors, locatives) are :class:`pxextract.link_subject.ClauseSubjects`'s."""

    def _switches(self, text: str, start: int, end: int) -> bool:
        """Whether a clause of ``text[start:end]`` opens with a demonstrative (topic_switch: 该, 这) that is no subject_anaphor
        (该公司 speaks of the body, 该指数 of another thing): the topic of a body's measure (body_metric) changes (英伟达股价下跌
        3.6%，拖累半导体指数下跌2.3%，这是该指数… → not 英伟达). Bodies that act by a verb are not asked (该股东持股…: the body)."""
        return any(text.startswith(self.topic_switches, m.end()) and not text.startswith(self.anaphors, m.end())
                   for m in CLAUSE_MARK.finditer(text, start, end))

    def _continues(self, text: str, at: int, sent: list[Span]) -> bool:
        """Whether the clause at ``at`` opens (after white space, time expressions, connectives) with
        a verb, adverb, preposition or conjunction of jieba's dictionary (扣押车辆, 累计下降, 对…):
        it has no subject of its own. The longest dictionary word there decides."""
        while at < len(text) and (nxt := self._skip_opener(text, at, len(text), sent)) is not None:
            at = nxt
        return at < len(text) and self._word_at(text, at)[:1] in ("v", "d", "p", "c")

    def _word_at(self, text: str, at: int) -> str:
        """The tag of the longest jieba dictionary word at ``at`` ("" when none, or at a DATE-like digit)."""
        return next((t for k in range(4, 0, -1) if (t := self.word_tags.get(text[at : at + k]))), "")

    def _opens(self, text: str, at: int, start: int, sent: list[Span]) -> bool:
        """Whether only white space, DATE spans and topic_opener words stand between ``at`` and ``start``."""
        while at is not None and at < start:
            at = self._skip_opener(text, at, start, sent)
        return at is not None

    def _skip_opener(self, text: str, at: int, start: int, sent: list[Span]) -> int | None:
        """Past the white space, DATE span or topic_opener word at ``at`` (before ``start``), or None."""
        if text[at].isspace():
            return at + 1
        d = next((d for d in sent if d.label == "DATE" and d.start == at and d.end <= start), None)
        if d is not None:
            return d.end
        word = self.openers_at.first(text, at)
        return at + len(word) if word else None

    def scope(self, text: str, clause_start: int, start: int, sent=()) -> str | None:
        """The level a clause-initial scope word names (全市 → prefecture, 全省 → province;
        ``rules/link_cues.tsv`` scope_*), or None. Only at the clause's start, or right after a
        time expression or a connective there (全年全市…; 目前我国…: topic_opener): 成为全国首个…
        ranks, it sets no scope."""
        at = clause_start
        while at < start:
            for level, words in self.scopes:
                if text.startswith(words, at):
                    return level
            nxt = self._skip_opener(text, at, start, sent)
            if nxt is None:
                return None
            at = nxt
        return None

    def framed_scope(self, text: str, sent: list[Span], sentence_start: int, clause_start: int) -> str | None:
        """The scope a locative frame right before the figure's clause sets (在我国10亿多网民中，近两成…
        → country; subject_locative, then a scope word), when that clause names no place or body."""
        if clause_start <= sentence_start or not CLAUSE_MARK.match(text, clause_start - 1):
            return None
        m = LAST_CLAUSE_MARK.search(text, sentence_start, clause_start - 1)
        at = m.end() if m else sentence_start
        while at < clause_start and (nxt := self._skip_opener(text, at, clause_start, sent)) is not None:
            at = nxt
        loc = next((w for w in self.locatives if text.startswith(w, at)), None)
        if loc is None or any(at <= e.start < clause_start and e.label in ("GPE", "ORG") for e in sent):
            return None
        return self.scope(text, at + len(loc), clause_start - 1, sent)
