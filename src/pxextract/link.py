"""Link spans into fact records: resolve DATE years; give every figure year, metric, modality,
subject and, for changes, the change direction (docs/annotation.md §4).

Everything here works on the normalized view's text and offsets, sentence by sentence.

Example:
    >>> from pxextract.pipeline import Extractor
    >>> ex = Extractor()
    >>> rec = ex.extract_text("2021年，农村居民人均可支配收入达22862元，较2012年的9999.5元增长128.63%。", date="2022")
    >>> [(s["text"], s.get("year"), s.get("metric")) for s in rec["spans"] if s["label"] != "DATE"]
    [('22862元', 2021, '农村居民人均可支配收入'), ('9999.5元', 2012, '农村居民人均可支配收入'), ('128.63%', 2021, '农村居民人均可支配收入增长')]
"""

from __future__ import annotations

import bisect

import regex

from .duplicates import MIN_REPEAT, mark_duplicates
from .notices import mark_notices, notice_ranges, read_from
from .extract.dates import resolve_years
from .link_respectively import respectively
from .after_tail import after_tails
from .link_compared import compared_measure
from .link_fragment import fragment_measure
from .link_subject import ClauseSubjects
from .link_dates import DateCues
from .noun_run import noun_run
from .glued_opener import glued_end
from .unit_noun import unit_noun
from .link_unspanned import unspanned_metric
from .link_metric import _LAST_CLAUSE_END, _WINDOW, MetricLinker, fragment_metric, ends_with as _ends_with, starts_with as _starts_with
from .link_words import noun_at, tag_at
from .link_modality import _LAST_COMMA, Modality
from .link_context import is_wrap as _is_wrap, DocContext, LinkPatterns, continues_list, enclosure, plan_item, heading_years, owned_through_noun, section_year, doc_context, sentences
from .rules import LABELS_NUMERIC, Rules
from .spans import Span

__all__ = ["Linker", "link", "DocContext", "doc_context", "sentences", "mark_duplicates", "MIN_REPEAT", "LinkPatterns"]

_CLOSE_OPEN = {"）": "（", ")": "("}  # a parenthetical is skipped, not a clause of its own
_CLOSE = regex.compile("[）)]")
_TIME_TAGS = frozenset(("t", None))  # jieba's time words (目前, 当前, 如今) and words it lacks (截至目前)
_NOW_REACH = 8  # how far before a figure a 目前-like word in its clause makes it a figure of now (从目前的5.25%)


def _any_of(words: tuple[str, ...]):
    """A regex finding any of ``words`` (None for no words): a quick test before a word loop."""
    return regex.compile("|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))) if words else None


class Linker(DateCues, MetricLinker, Modality):
    """Resolves dates and fills figure attributes for one :class:`Rules`."""

    def __init__(self, rules: Rules, word_tags: dict[str, str] | None = None, resolver=None):
        self.rules = rules
        self.word_tags = word_tags or {}  # jieba's dictionary tags: a verb before a figure makes the noun after it the metric
        self.base = rules.cue("base")
        self.subjects = ClauseSubjects(rules, self.word_tags, resolver)  # whose figure, within its clause (link_subject.py)
        self.event_units = frozenset(rules.cue("event_unit"))
        self.before_qualifiers = tuple(sorted((q for q, v in rules.qualifiers.items() if v.position == "before"), key=len, reverse=True))
        self.list_marks = rules.cue("list_mark")
        self.start_cues = rules.cue("start")
        self.now = rules.cue("now")
        self.since, self.forecast_continue = rules.cue("since"), rules.cue("forecast_continue")
        self.period_gloss = rules.cue("period_gloss")  # 本财年（截至2024年3月底）: the bracket dates the period before it
        self.birth_after, self.birth_before = rules.cue("birth_after"), rules.cue("birth_before")  # 1985年出生，现年38岁
        share_base = _any_of(rules.cue("share_base"))  # 相当于…2022年营业收入的7.5%: the date of a share's base
        self.share_base = regex.compile(rf"(?:{share_base.pattern})[^，,。；;！？!?\n]*$") if share_base else None
        self.since_open = rules.cue("since_open")  # 自2012年投入运营以来: a period to now
        self.since_after = regex.compile(rf"[^，,。；;！？!?\n]{{1,10}}?(?:{_any_of(self.since).pattern})") if self.since else None
        self.keep_tail = rules.cue("keep_tail")
        self.ratio_tails = rules.cue("ratio_tail")  # 桥隧比, 负债比: a ratio noun after a noun, no comparison's 比
        self.modal_tails = rules.cue("modal_tail")  # 预计将达到, 可超过: a modal before a stripped verb goes with it
        self.age_metric = rules.cue("age_metric")  # 高某（男，【38岁】）: a person's age in brackets measures his age
        self.up = rules.cue("change_up")
        self.down = rules.cue("change_down")
        self.target = rules.cue("target")
        self.target_after = rules.cue("target_after")
        self.task_after = frozenset(rules.cue("task_after"))  # 任务: done after 已 (已完成32项工程任务)
        self.not_target = rules.cue("not_target")
        # qualifiers written after or inside a figure (qualifiers.tsv), longest first: 90%上下的规上企业
        self.after_qualifiers = tuple(sorted((q for q, v in rules.qualifiers.items() if v.position in ("after", "inside")),
                                             key=len, reverse=True))
        # target cues of two characters or more that may end a clause (预计，…): 将/要/拟 may not
        self.not_clause_end = rules.cue("not_clause_end")  # 建成后, 高于预期: a clause ending so governs no later clause
        self.clause_cues = tuple(c for c in rules.cue("target") if len(c) >= 2 and not c.endswith(self.not_clause_end))
        self.strip_head = rules.cue("strip_head")
        # strip_tail cues with the qualifiers they name (strip_qualifier, from qualifiers.tsv) and every
        # before-qualifier of qualifiers.tsv, longest first (不超过 before 超过, 大约有 before 约有); the
        # qualifiers read only before a scale (上, 数: number_words bare_qualifier) only right before the
        # figure (投入数十亿美元 → 投入), as words end in them too (人数 stays)
        self.bare_qualifiers = tuple(sorted(rules.numbers.bare_qualifier, key=len, reverse=True))
        self.scales = frozenset(ch for ch, (_, kind) in rules.numerals.items() if kind == "scale")
        self.strip_tail = tuple(sorted(dict.fromkeys(rules.cue("strip_tail") + rules.cue("strip_qualifier") + tuple(
            q for q in rules.qualifiers if rules.qualifiers[q].position == "before" and q not in self.bare_qualifiers)),
            key=len, reverse=True))
        self.to_verbs = rules.cue("to_word")  # 增加到, 降至 …
        self.to_words = self.to_verbs + tuple(w + t for t in rules.cue("to_suffix") for w in self.up + self.down)  # 由A增加到B: A is a start value
        self.period_only = frozenset(rules.cue("period_only"))  # 同期: names a time, not what is measured
        self.part_only = frozenset(rules.cue("part_only"))  # 局地可超过【60毫米】: names a part of the place, not what
        self.no_metric = frozenset(rules.cue("no_metric"))  # 前值, 约, 首次: no noun, never a metric alone
        self.shares = rules.cue("share")  # 占: a share, named by the part the figure before measured
        self.not_shares = rules.cue("not_share")  # 占地面积: no share
        self.time_units = frozenset(rules.cue("time_unit"))  # 小时, 天: a duration is no attributive measure
        self.title_prefixes = rules.cue("title_prefix")  # 7名【前】雇员: a count's noun may open with it
        self.place_units = frozenset(rules.cue("place_unit"))  # 京津冀【三地】: counts the places before it
        self.period_words = frozenset(rules.cue("period_word"))  # 前【7个月】, 【两天】后: a period, no metric
        self.period_leads = rules.cue("period_word")  # longest first: 三个月【前】的预期为 opens a metric with a time word
        self.to_ends = rules.cue("to_end")  # 调整为, 发展到: a change to the value after the start value
        self.level_ends = rules.cue("level_end")  # 回落至【5%】: the level reached, the noun before the verb measures it
        self.imperatives = rules.cue("imperative")  # 请拨打: a request opens no metric
        self.notice_words = rules.furniture.get("notice", ())  # 请注明来源：…: page debris, no figure reads it (notices.py)
        self.to_adverbs = tuple(sorted(rules.cue("to_adverb"), key=len, reverse=True))  # 从4.8%轻微降至
        self.estimates = rules.cue("estimate")  # 预计
        self.estimate_clause = rules.cue("estimate_clause")
        self.object_markers = frozenset(rules.cue("object_marker"))  # 将 = 把 before a noun
        self.object_verbs, self.object_past = rules.cue("object_verb"), rules.cue("object_past")  # 将…三名嫌疑人抓获; 已将
        self.month_before = regex.compile(rf"(?<!\d)(\d{{1,2}})(?:{'|'.join(map(regex.escape, rules.dates.month))})$")  # 6月将
        self.object_intent = rules.cue("object_intent")  # 同意将数百份文件移交给司法部: a handling to come
        self.forecast_announce = rules.cue("forecast_announce")  # 具体预报 …, then 15日20时至16日20时，全省多云…
        day, hour, sep = (_any_of(rules.dates.day).pattern, _any_of(rules.dates.hour).pattern, _any_of(rules.dates.range_sep).pattern)
        self.range_sep = regex.compile(sep)  # 从2019年到2023年: a period, no change's start
        self.day_hours = regex.compile(rf"\s*\d{{1,2}}(?:{day})\d{{1,2}}(?:{hour})(?:{sep})(\d{{1,2}})(?:{day})\d{{1,2}}(?:{hour})")  # 15日20时至16日20时: a period of days and hours
        self.in_force, self.in_force_future = rules.cue("in_force"), frozenset(rules.cue("in_force_future"))  # 从即日起 … 将
        forecast = rules.cue("forecast_clause")  # 预计，… governs the rest of its sentence
        self.forecast_clause = regex.compile("(?:" + "|".join(map(regex.escape, forecast)) + ")[，,]" if forecast else "(?!)")  # 预计，… / 预期，…
        sentence_wide = rules.cue("forecast_sentence")  # 预计…，… governs the later clauses of its sentence
        self.forecast_sentence = regex.compile("|".join(map(regex.escape, sentence_wide)) if sentence_wide else "(?!)")
        self.forecast_stops = _any_of(rules.cue("forecast_stop"))  # 已完成了99场: what was, no forecast
        base, stops = (_any_of(rules.cue(k)) for k in ("base", "forecast_stop"))  # 比上年同期下降: a change's base, no stop
        self.base_stops = regex.compile(f"(?:{base.pattern})(?:{stops.pattern})+") if base and stops else None
        self.not_after_cue = frozenset(rules.cue("not_after_cue"))  # 将近, 要求: no one-character cue
        self.date_joiners = ("",) + rules.cue("date_joiner")  # 2021年的22862元, 较上年同期的2亿元
        self.max_joiner = max(map(len, self.date_joiners))
        self.de = rules.cue("de")  # the particle before a noun a figure describes (…20亿元的…基金)
        self.manner = rules.cue("manner")  # 以 (以每小时…的速度): the noun after 的 is what the figure measures
        self.rate_words = rules.cue("rate_word")  # 每人【500元】: a rate's words are a metric's, though function words
        self.level_words = rules.cue("level_word")  # 备货量约8300万部的水准: the words before name what 水准 does not
        self.perfective = rules.cue("perfective")  # 发展了4家…
        self.age_units = frozenset(rules.cue("age_unit"))  # 11岁的儿子: an age describing a person
        self.joints = rules.cue("conjunction") + self.list_marks  # A和B, A、B
        self.patterns = LinkPatterns.of(rules)
        self.any_target = _any_of(self.target)
        self.any_not_target = _any_of(self.not_target)
        self.any_now, self.any_then = _any_of(self.now), _any_of(rules.cue("then"))
        self.share_continue = rules.cue("share_continue")  # …，约占该国总人口的42%: the share of the figure before
        self.relative_dates = rules.cue("relative_date")  # 发生于1994年的命案: the date of a noun
        self.multiples = frozenset(rules.cue("multiple"))  # 倍: a figure of times a base (是目前的四倍)

    # -- dates -------------------------------------------------------------------------
    def _period_forecast(self, text: str, s0: int, ctx: DocContext) -> bool:
        """Whether the sentence at ``s0`` opens with a period of days and hours (15日20时至16日20时) that
        does not end before the publication day (unknown: a forecast)."""
        m = self.day_hours.match(text, s0)
        return m is not None and (ctx.pub_day is None or int(m.group(1)) >= ctx.pub_day)

    def _share_clause(self, text: str, span: Span, prev_end: int) -> bool:
        """Whether the figure's clause opens with a share_continue cue (约占, 相当于) right after the
        clause of the figure before it: the share or equivalent of that figure, no statement of its own."""
        last = _LAST_COMMA.search(text, prev_end, span.start)
        if last is None or text[last.start()] not in "，," or _LAST_COMMA.search(text, prev_end, last.start()) is not None:
            return False
        head = text[last.end() : span.start]
        return bool(_starts_with(head, self.share_continue)) and (self.forecast_stops is None or self.forecast_stops.search(head) is None)

    def resolve(self, text: str, spans: list[Span], ctx: DocContext, token_starts=None) -> list[tuple[int, int]]:
        """Fill DATE years and figure attributes in place. ``spans`` are sorted, in view offsets.
        Returns the sentence ranges it read the text in (:func:`sentences`)."""
        dates = [s for s in spans if s.label == "DATE"]
        # headings first need their own dates resolved without a governing year
        for d in dates:
            self._resolve_date(d, None, None, ctx)
        headings = heading_years(text, dates, self.patterns.heading)
        heading_starts = [h[0] for h in headings]
        starts = [s.start for s in spans]
        # bodies the text names (not news furniture), for 该公司 / 该企业 before a figure
        self.subjects.start_article(spans, text, ctx.is_review)
        notices = notice_ranges(text, self.notice_words, self.patterns.notice)
        sents, last_year, forecast = sentences(text), None, False  # last_year: of the last sentence that named one (当时)
        announced = min((i for w in self.forecast_announce if (i := text.find(w)) >= 0), default=len(text))  # 具体预报
        period_end = -1  # the end of the line a forecast period opened (15日20时至16日20时，…)
        run0 = 0  # where the run of sentences joined by ； that this one continues starts (预计…；上述地区累计降雨量…)
        for s0, s1 in sents:
            run0 = run0 if text[s0 - 1 : s0] in ("；", ";") else s0
            sent = spans[bisect.bisect_left(starts, s0) : bisect.bisect_left(starts, s1)]
            carried = forecast and not ctx.is_review and text[s0:s1].lstrip().startswith(self.forecast_continue)  # 预计…。上述部分地区…30毫米
            forecast = bool(sent) and self._forecast_cue(text, s0, s1)
            if announced < s0 and self._period_forecast(text, s0, ctx):
                period_end = text.find("\n", s0) % (len(text) + 1)
            if not sent:
                continue
            in_period = s0 < period_end and not ctx.is_review
            section, sent_starts = section_year(headings, heading_starts, s0), [x.start for x in sent]
            governing, prev_metric, prev_end, prev_target = None, None, s0, False
            now_pos, now_year = self._time_word(text, s0, s1, ctx.pub_year, last_year)
            carried = carried and now_pos is None and not any(d.label == "DATE" for d in sent)
            restore = None  # (where a bracket or quotation a governing date stood in closes, the year before it)
            later_now = self._later_now(text, s0, s1, ctx) if now_pos is not None else []
            date_end, now_from = s0, None  # the end of the last date that set the governing year; where 以来 ends
            for span in sent:
                if later_now and governing is not None and span.label != "DATE" and any(date_end <= p < span.start for p in later_now):
                    governing = ctx.pub_year  # 26年前，…，近日被抓获，…并处罚金5万元: a 目前-like word after a date is a time expression too
                if now_from is not None and span.start >= now_from:
                    governing, now_from = ctx.reviewed_year if ctx.is_review else ctx.pub_year, None
                if restore is not None and span.start >= restore[0]:
                    governing, restore = restore[1], None  # 工业化前（1850年-1900年）水平1.5℃: the gloss's years end with it
                if now_pos is not None and now_pos < span.start and governing is None:
                    governing = now_year
                if span.label == "DATE":
                    self._resolve_date(span, governing, section, ctx)
                    since_at = self._since_end(text, span)  # 2020年以来，累计投资50亿元: up to now, the current year's
                    if since_at is not None and (since_at == span.end or span.attrs.get("year_end") is None):
                        governing = ctx.reviewed_year if ctx.is_review else ctx.pub_year
                    elif since_at is not None:  # 自2022年5月开始加息50个基点以来，…: the date's own event up to 以来
                        governing, date_end, now_from = span.attrs["year_end"], span.end, since_at
                    elif (not self._is_base_date(text, span) and span.attrs.get("year_end") is not None
                          and not self._is_attribute_date(text, span, s0) and not self._is_birth_date(text, span)):
                        pair = enclosure(text, span.start, span.end, s0, s1)  # 本财年（截至2024年3月底）: a period's own date governs
                        if pair is not None and restore is None and not _ends_with(text[max(s0, pair[0] - 3) : pair[0]], self.period_gloss):
                            restore = (pair[1], governing)
                        governing, date_end = span.attrs["year_end"], span.end
                    continue
                if span.label not in LABELS_NUMERIC:
                    continue
                self._figure(text, span, sent, read_from(notices, span.start, s0) if notices else s0, s1, governing, section, ctx, prev_metric, prev_end, token_starts, sent_starts, run0)
                if span.attrs["modality"] == "actual" and (carried or in_period or prev_target and (  # …将拥有361亿美元的资产，253亿美元的贷款总额
                        self._share_clause(text, span, prev_end) or continues_list(text, prev_end, span.start, span.end, self.de, self.patterns.list_gap))
                        or plan_item(text, run0, span.start, self.patterns.plan_item, self.any_target, self.any_not_target, token_starts, self.patterns.plan_item_reach)):
                    span.attrs["modality"] = "target"  # 苏丹将有大约2030万人面临…，约占该国总人口的42%: a share of the forecast
                if span.attrs["modality"] == "target" and self._attributive_age(text, span, token_starts):
                    span.attrs["modality"] = "actual"  # 他计划…将11岁的儿子送回: the son's age is a fact
                base_metric = span.attrs.get("_base_metric")  # 较同期, 美股盘后涨 pass on no measure when one before does (h218)
                prev_metric, prev_end = self.carried_measure(base_metric) or prev_metric or base_metric, span.end
                prev_target = span.attrs["modality"] == "target"
            last_year = next((d.attrs["year_end"] for d in reversed(sent) if d.label == "DATE" and d.attrs.get("year_end")), last_year)
        respectively(self, text, spans, sents), after_tails(self, text, spans, token_starts)  # 分别: items and years (link_respectively.py); 高一新生就 → 高一新生 (after_tail, h379)
        mark_duplicates(text, spans, sents), mark_notices(text, notices, spans)
        for s in spans:  # (_scope stays for pxextract.subjects, which removes it)
            s.attrs.pop("_base_metric", None), s.attrs.pop("_pending", None), s.attrs.pop("_lead_after", None)
        return sents

    def _attributive_age(self, text: str, span: Span, token_starts=None) -> bool:
        """他计划…将11岁的儿子送回: an age (cue ``age_unit``) before 的 and a noun (jieba n*, or a time word:
        十八岁的夏天) describes what is; no plan's value (推迟至65岁, 延迟至65岁的方案, 放宽28岁以下青年; issue #12, tenth judged sample #57)."""
        de = _starts_with(text[span.end : span.end + 2], self.de)
        if span.attrs.get("unit") not in self.age_units or not de or _ends_with(text[max(0, span.start - 4) : span.start], self.to_words) or (
                span.start > 0 and self.range_sep.fullmatch(text, span.start - 1, span.start)):
            return False  # 将退休年龄提高到65岁的方案, 延迟至65岁的方案: a change's planned value
        at = span.end + len(de)
        return noun_at(self.word_tags, text, at, min(len(text), at + 4), token_starts) or tag_at(
            self.word_tags, text, at, min(len(text), at + 4), token_starts) == "t"

    def _time_word(self, text: str, s0: int, s1: int, now: int | None, then: int | None) -> tuple[int | None, int | None]:
        """Where the sentence's first 目前-like word (the publication year) or 当时-like word (``then``:
        the year of the last sentence that named one) starts, and that year; (None, None) if none."""
        found = [(m.start(), y) for rx, y in ((self.any_now, now), (self.any_then, then)) if rx is not None and y is not None
                 and (m := rx.search(text, s0, s1))]
        return min(found) if found else (None, None)

    def _later_now(self, text: str, s0: int, s1: int, ctx: DocContext) -> list[int]:
        """Where the 目前-like words of a news sentence end that jieba reads as time words (现有, a verb, is
        none): each sets the publication year for the figures after it, as a date would; not one after a
        start or base cue, before 的, inside brackets, or in a sentence that goes back to 当时 after it."""
        if ctx.is_review or ctx.pub_year is None or self.any_now is None:
            return []
        return [m.end() for m in self.any_now.finditer(text, s0, s1) if self.word_tags.get(m.group()) in _TIME_TAGS
                and not _ends_with(text[max(s0, m.start() - 2) : m.start()], self.start_cues + self.base)  # 从当前水平上看: a base
                and not _starts_with(text[m.end() : m.end() + 1], self.de)  # 是目前的四倍: a comparison with now
                and enclosure(text, m.start(), m.end(), s0, s1) is None  # （当前约584亿元人民币）: a conversion
                and (self.any_then is None or self.any_then.search(text, m.end(), s1) is None)]  # …，当时消息称: back to then

    def _resolve_date(self, d: Span, governing: int | None, section: int | None, ctx: DocContext) -> None:
        pending = d.attrs.get("_pending")
        if pending is not None:
            reviewed = governing or section or ctx.reviewed_year
            d.attrs["year_start"], d.attrs["year_end"] = resolve_years(pending, ctx.pub_year, reviewed)

    # -- figures -------------------------------------------------------------------------
    def _figure(self, text, span, sent, s0, s1, governing, section, ctx, prev_metric, prev_end, token_starts, sent_starts, run0=None):
        # only the spans near the figure matter: a window keeps one figure's work bounded, so a
        # 50 MB article written as one "sentence" stays linear
        lo = bisect.bisect_left(sent_starts, max(s0, span.start - _WINDOW))
        hi = bisect.bisect_right(sent_starts, span.end + _WINDOW)
        sent = sent[lo:hi]
        # year ---------------------------------------------------------------------
        year = None
        own = [d for d in sent if d.label == "DATE" and d.end <= span.start and not self._is_since(text, d)
               and not (span.label == "PERCENT" and self._is_share_base(text, d)) and (  # 2021年的22862元; 与上年同期的亏损1.1亿元
               (d.end >= span.start - self.max_joiner and text[d.end : span.start] in self.date_joiners)
               or (d.end >= span.start - 10 and owned_through_noun(text[d.end : span.start], self.date_joiners, self.de, self.up + self.down)))]
        w0 = max(s0, span.start - _WINDOW)
        last = _LAST_CLAUSE_END.search(text, w0, span.start)
        asides: list[tuple[int, int]] = []  # parentheticals inside the clause: 投资（不含农户，下同）比上年下降7.5%
        while last is not None:
            at = last.start()
            if text[at] in _CLOSE_OPEN:
                opening = text.rfind(_CLOSE_OPEN[text[at]], max(w0, prev_end), at)
                if opening < 0:
                    break
                asides.append((opening, at + 1))
            elif text[at] == "\n" and _is_wrap(text, at):  # 全年实现地区生产总\n值（GDP）19917.0 亿元
                opening = at
                asides.append((at, at + 1))
            else:
                break
            last = _LAST_CLAUSE_END.search(text, w0, opening)
        clause_start = max(prev_end, last.start() + 1 if last else w0)
        is_start_value = self._is_start_value(text, span, s0)
        now_end = None if ctx.is_review else self._now_end(text, max(clause_start, prev_end), span, sent)
        if own:
            year = own[-1].attrs.get("year_end")
        elif is_start_value:
            year = None
        elif now_end is not None and ctx.pub_year is not None:
            year = ctx.pub_year  # 到2050年…（这一比例目前还不到1%）: now, whatever year governs the sentence
        elif governing is not None:
            year = governing
        elif section is not None:
            year = section
        else:
            year = ctx.reviewed_year if ctx.is_review else ctx.pub_year
        span.attrs["year"] = year
        # modality -------------------------------------------------------------------
        # the value a change starts from is where things stand, even in a forecast (从4.8%降至4.7%)
        span.attrs["modality"] = "actual" if is_start_value else self._modality(text, span, s0, s1, year, ctx, token_starts, now_end, run0)
        # metric and change ------------------------------------------------------------
        lo, metric_asides = self._metric_start(text, span, last, w0, prev_end, sent, asides)
        s1 = glued_end(self, text, span, s1, token_starts)  # 占到了【98%】近年来，: the next sentence glued on (h360)
        metric, change = compared_measure(self, text, span, sent, clause_start if lo is None else lo, prev_metric, *self._metric(  # 比平均水平低 → 南极海冰面积低 (h301)
            text, span, clause_start if lo is None else lo, s1, sent, prev_metric, token_starts, metric_asides), token_starts)
        span.attrs["metric"] = metric = noun_run(self, span, unit_noun(self, span, fragment_measure(self, text, span, sent, clause_start if lo is None else lo, fragment_metric(  # 成交量同样减少 (h311)
            self, span, sent, metric, text, s1, token_starts), token_starts), change, text), text, token_starts)  # 【6项】工作要求 (h358); 德索萨都【33岁】了 → 年龄 (h250); 【17部门】联合印发 → 部门 (h350)
        span.attrs["metric"] = metric = metric or unspanned_metric(self, text, span, sent, s1, token_starts)  # 44英尺（约【13.41米】） (h372)
        if change:
            span.attrs["change"] = change
            base = [d for d in sent if d.label == "DATE" and d.end <= span.start and self._is_base_date(text, d)]
            if base and base[-1].attrs.get("year_end") is not None:
                span.attrs["base_year"] = base[-1].attrs["year_end"]  # 比上年增长5.2% → 上年
        self.subjects.assign(text, span, sent, clause_start, ctx.subject_at(span.start), s0)

    def _metric_start(self, text, span, last, w0, prev_end, sent, asides):
        """Where a figure's metric words start, and the asides among them: after the figure before in its clause,
        unless that figure stands inside brackets closed right before this one's words (自行车（含【1名】三轮车驾驶人）亡
        【7人】, 全市共有企业（含3家外资企业）【12家】): then the clause's words before the brackets name it, the brackets
        left out. ``(None, asides)`` otherwise."""
        if last is None or text[last.start()] not in _CLOSE_OPEN or not 0 <= last.start() - prev_end <= _WINDOW:
            return None, asides
        opening = text.rfind(_CLOSE_OPEN[text[last.start()]], w0, prev_end)
        inner = next((n for n in reversed(sent) if n.label in LABELS_NUMERIC and n.end == prev_end), None)
        if opening < 0 or _CLOSE.search(text, opening, prev_end) or (inner is not None and inner.attrs.get("unit") in self.time_units) or any(
                n.label in LABELS_NUMERIC and 0 <= opening - n.end <= 1 for n in sent):
            return None, asides  # 546596新元（约合人民币【293万元】）和…: a figure's conversion; 续费率（滚动【12个月】的…）: a period's gloss
        outer = _LAST_CLAUSE_END.search(text, w0, opening)
        lo = max([outer.start() + 1 if outer else w0] + [n.end for n in sent if n.label in LABELS_NUMERIC and n.end <= opening])
        if any(c.isdigit() for c in text[lo:opening]):
            return None, asides  # 546596新元（约合…）: a number that is no span before the brackets, converted in them
        return lo, list(asides) + [(opening, last.start() + 1)]

    def _now_end(self, text: str, lo: int, span: Span, sent: list[Span]) -> int | None:
        """Where a 目前-like word (cue ``now``) ends that stands in the figure's clause at most
        _NOW_REACH characters before it, no figure between (``lo``: the clause's or the previous
        figure's end): 预计利率将从目前的5.25%…, （这一比例目前还不到1%）. None if there is none, and
        when 目前 is a comparison's base (较当前水平上涨209%, 是目前的四倍) or the figure converts the money
        before its brackets at today's rate (200亿欧元（当前约1602亿元人民币）)."""
        if self.any_now is None:
            return None
        found = list(self.any_now.finditer(text, max(lo, span.start - _NOW_REACH - 5), span.start))
        if not found or span.start - found[-1].end() > _NOW_REACH or self.word_tags.get(found[-1].group()) not in _TIME_TAGS:
            return None  # 截至2023年末，全市现有市场主体88.55万户: 现有 (existing) is no time word
        at = found[-1].start()
        if _ends_with(text[max(0, at - 2) : at], self.base) or span.attrs.get("unit") in self.multiples:
            return None
        w0 = max(0, span.start - _NOW_REACH * 4)  # （IT之家备注：当前约 1602 亿元人民币）: the bracket opens before the clause
        opening = max(text.rfind("（", w0, span.start), text.rfind("(", w0, span.start))
        if span.label == "MONEY" and opening >= 0 and not _CLOSE.search(text, opening, span.start) and any(
                n.label == "MONEY" and 0 <= opening - n.end <= 1 for n in sent):
            return None
        return found[-1].end()

    def _is_start_value(self, text: str, span: Span, s0: int) -> bool:
        """由50.18平方公里增加到…, 从4.8%轻微降至4.7%: the figure a change starts from (start cue
        before it, a to_word after it, a degree adverb (to_adverb) at most between)."""
        if not _ends_with(text[max(s0, span.start - 2) : span.start], self.start_cues):
            return False
        at = span.end
        adverb = next((a for a in self.to_adverbs if text.startswith(a, at)), "")
        return _starts_with(text[at : at + 4], self.to_words) or bool(
            adverb and _starts_with(text[at + len(adverb) : at + len(adverb) + 4], self.to_words))


def link(text: str, spans: list[Span], meta: dict, rules: Rules, token_starts=None, subject: str | None = None,
         linker: Linker | None = None, stories: tuple = ()) -> list[tuple[int, int]]:
    """Resolve DATE years and fill figure attributes of ``spans`` (view offsets) in place;
    returns the sentence ranges (view offsets) the linker read ``text`` in.

    ``token_starts``: a container of the view offsets where tokens start (single-character
    cues count only there); ``linker``: a :class:`Linker` built once for ``rules``; ``stories``: a digest's
    (start, subject) of each story (:func:`pxextract.story_subjects.story_subjects`)."""
    ctx = doc_context(meta, rules)
    ctx.subject, ctx.stories = subject, tuple(stories)
    return (linker or Linker(rules)).resolve(text, spans, ctx, token_starts)
