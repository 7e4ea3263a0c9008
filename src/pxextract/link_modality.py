"""A figure's modality (docs/annotation.md §4): ``target`` (a plan, goal or forecast) or ``actual``.
A cue verb ending the clause before (气象台预计，今天最高气温30℃), a forecast cue earlier in the
sentence (预计…), a target cue before the figure in its clause (力争, 将, 计划) or after it (…的奋斗目标),
or a year after the reviewed one make it a target; not_target phrases (超计划, 按计划), 将 = 把 before
its object (民警将4名嫌疑人抓获) and a month already past (今年6月将…, published in August) do not.
The cues come from ``rules/link_cues.tsv``; the attributes are set by :class:`pxextract.link.Linker`,
which inherits these tests.

Example: in ``明确到“十四五”末期实现营收1000亿元的奋斗目标`` the figure 1000亿元 is a ``target``
(目标 after it); in ``农村居民人均可支配收入达22862元`` 22862元 is ``actual``.
"""

from __future__ import annotations

import regex

from .link_after import _WINDOW
from .link_context import DocContext
from .link_words import OBJECT_GAP, ends_with as _ends_with, handled_object, noun_at
from .spans import Span

_LAST_COMMA = regex.compile("[，,；;。]", regex.REVERSE)
_NEXT_COMMA = regex.compile("[，,；;。]")
_LAST_GAP = regex.compile(r"\s{3,}", regex.REVERSE)  # a title or paragraph set off by spaces, not by a full stop
_FORECAST_REACH = 240  # how far back in its sentence a forecast_sentence cue governs a figure (预计…，…)


class Modality:
    """The tests for a figure's modality; the cue attributes (target, forecast_sentence, forecast_clause,
    not_target, object_markers …) and ``word_tags`` are :class:`pxextract.link.Linker`'s."""

    def _forecast_cue(self, text: str, lo: int, hi: int) -> bool:
        """Whether a forecast_sentence cue stands in ``text[lo:hi]`` outside a not_target phrase
        (计划于…: a plan; 按计划于…, 原计划在…: no forecast of the figures after it)."""
        gap = _LAST_GAP.search(text, lo, hi)  # a paragraph break (a run of spaces) ends the sentence's forecast
        for m in self.forecast_sentence.finditer(text, gap.end() if gap else lo, hi):
            i = m.start()
            if self.any_not_target is None or not any(
                    n.start() <= i < n.end() for n in self.any_not_target.finditer(text, max(0, i - 4), m.end(), overlapped=True)):
                return True
        return False

    def _forecast_clause(self, text: str, lo: int, hi: int, token_starts=None) -> bool:
        """Whether a forecast_clause cue ending a clause (预计，/ 预测，) stands in ``text[lo:hi]`` as its
        clause's verb or after a preposition (世界气象组织预测，…; 根据机构的预测，…), not as the object of
        a verb before it in its clause (降低…利润预测，将目标价由1.52港元降至1.46港元: a revision, no forecast)."""
        for m in self.forecast_clause.finditer(text, lo, hi):
            if text.endswith(self.not_clause_end, max(0, m.end() - 7), m.end() - 1):
                continue  # 较上月略高于预测，增长0.3%: a comparison with a forecast
            last = _LAST_COMMA.search(text, lo, m.start())
            c0 = last.end() if last else lo
            if not any(self.word_tags.get(text[i : i + k]) == "v" for i in range(c0, m.start() - 1) for k in (2, 3) if i + k <= m.start()
                       and (token_starts is None or i in token_starts and (i + k) in token_starts)):  # 可靠性委员会预测: no verb 可靠
                return True
        return False

    def _unbased(self, head: str) -> str:
        """预计公司上半年净利润亏损1000万元，比上年同期下降137.97%: in a head ending with a change word,
        the comparison base (a base cue and forecast_stop words: 比上年同期) dates the base, not the change."""
        return self.base_stops.sub("", head) if self.base_stops is not None and _ends_with(head, self.up + self.down) else head

    def _past_month(self, text: str, at: int, year: int | None, ctx: DocContext) -> bool:
        """今年6月将对日本五大商社的平均持股比例提升至8.5%以上, published in August: a month of the
        publication year before the publication month, right before 将 (at ``at``), dates a done act."""
        m = self.month_before.search(text, max(0, at - 4), at) if ctx.pub_month is not None and year == ctx.pub_year else None
        return m is not None and int(m.group(1)) < ctx.pub_month

    def _handled_object(self, text: str, at: int, span: Span, s1: int, token_starts) -> bool:
        """将正在熟睡的三名犯罪嫌疑人抓获: the figure counts the object of 将 (= 把) ending at ``at``, words
        between them, a verb of handling after it in its clause (:func:`link_words.handled_object`)."""
        nxt = _NEXT_COMMA.search(text, span.end, min(s1, span.end + OBJECT_GAP))
        tail = text[span.end : nxt.start() if nxt else min(s1, span.end + OBJECT_GAP)]
        return handled_object(self.word_tags, text, at, span.start, tail, self.de, self.object_markers, self.object_verbs,
                              self.before_qualifiers, token_starts)

    def _modality(self, text, span, s0, s1, year, ctx, token_starts, now_end=None, run0=None) -> str:
        sent0, s0 = s0, max(s0, span.start - _WINDOW)
        reach0 = sent0 if run0 is None else min(run0, sent0)  # a forecast cue reaches past ；: 预计…；…，局地可达80毫米以上
        last = _LAST_COMMA.search(text, s0, span.start)
        c0 = last.start() + 1 if last else s0
        if now_end is not None and now_end > c0:  # 预计利率将从目前的5.25%…: the cues before 目前 tell no forecast of it
            c0, last, sent0, s0, reach0 = now_end, None, now_end, now_end, now_end
        head = text[c0 : span.start]
        reviewed = year is not None and ctx.reviewed_year is not None and year <= ctx.reviewed_year and ctx.is_review
        # a cue verb that ends the clause before governs this one: 气象台预计，今天最高气温30℃
        if (last is not None and text[last.start()] in "，," and text.endswith(self.clause_cues, max(0, last.start() - 4), last.start())
                and not text.endswith(self.not_clause_end, max(0, last.start() - 4), last.start())):
            if not (reviewed and text.endswith(self.estimate_clause, 0, last.start())):  # 预计, in a review: an estimate of what was done
                return "target"
        # a forecast verb ending an earlier clause governs the rest of the sentence: 气象台预计，今天
        #白天阴有雷阵雨，北转南风二三级，最高气温30℃ (in a review, an estimate of what was done)
        if not reviewed and self._forecast_clause(text, s0, c0, token_starts):
            return "target"
        # 预计宣讲…，服务小学生3万余人次: an earlier clause's forecast, unless this clause states what was
        if (not reviewed and (year is None or ctx.pub_year is None or year >= ctx.pub_year)
                and self._forecast_cue(text, max(reach0, span.start - _FORECAST_REACH), c0)
                and (self.forecast_stops is None or self.forecast_stops.search(self._unbased(head)) is None)):
            return "target"
        if self.any_not_target is not None and self.any_not_target.search(head):
            for phrase in self.not_target:  # 超计划19家: exceeding a plan is an achievement
                head = head.replace(phrase, "\0" * len(phrase))
        s0 = c0
        for cue in self.target if self.any_target is not None and self.any_target.search(head) else ():
            i = head.rfind(cue)
            if i < 0:
                continue
            if len(cue) <= 2 and token_starts is not None and (s0 + i) not in token_starts:
                continue
            if len(cue) == 1 and text[s0 + i + 1 : s0 + i + 2] in self.not_after_cue:
                continue
            if cue in self.object_markers and (s0 + i + len(cue) == span.start and span.attrs.get("unit") not in self.event_units
                                               or noun_at(self.word_tags, text, s0 + i + 1, span.start, token_starts)
                                               or text.endswith(self.object_past, max(0, s0 + i - 2), s0 + i)
                                               or self._past_month(text, s0 + i, year, ctx)
                                               or not _ends_with(text[max(0, s0 + i - 2) : s0 + i], self.object_intent)
                                               and self._handled_object(text, s0 + i + len(cue), span, s1, token_starts)):
                continue  # 将联邦基金利率上调到5.25%, 民警将4名嫌疑人抓获, 已将悬赏金额提高至30万元: 将 = 把 before its object, no future (将4次购买: a future)
            if cue in self.in_force_future and any(text.find(w, sent0, c0) >= 0 for w in self.in_force):
                continue  # 景区从即日起优化预约票务规则：号量将在游览日的前3天开始放出: a rule in force
            if cue in self.estimates and year is not None and ctx.reviewed_year is not None and year <= ctx.reviewed_year and ctx.is_review:
                continue
            return "target"
        s1 = min(s1, span.end + _WINDOW)
        nxt = _NEXT_COMMA.search(text, span.end, s1)
        tail_end = nxt.start() if nxt else s1
        tail = text[span.end : tail_end]
        if self.any_not_target is not None and self.any_not_target.search(tail):
            for phrase in self.not_target:  # 90天内机构目标均价: a price target is no goal
                tail = tail.replace(phrase, "\0" * len(phrase))
        done = any(w in head for w in self.object_past)  # 已完成32项工程任务: a done task (task_after), no goal
        if any(c in tail for c in self.target_after if not (done and c in self.task_after)):
            return "target"  # 实现营收1000亿元的奋斗目标; 已经超过了2%的目标
        if year is not None and ctx.reviewed_year is not None and year > max(ctx.reviewed_year, ctx.pub_year or 0 if not ctx.is_review else ctx.reviewed_year):
            return "target"
        return "actual"
