"""What a figure measures: its metric, read from the words before it or, where those name
nothing, from the noun after it, the figure in brackets' noun or the figure before (docs/annotation.md
§4, §6 "Metrics"). The methods of :class:`pxextract.link.Linker` that read metrics; their cue words
(``self.up``, ``self.strip_head`` …) are set up by ``Linker.__init__`` from ``rules/link_cues.tsv``.

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor().extract_text("截至7月末，移动客户数量为9.85亿户，净增1038万户。", date="2023-08-01")
    >>> [(s["text"], s.get("metric")) for s in rec["spans"] if s["label"] == "CARDINAL"]
    [('9.85亿户', '移动客户数量'), ('1038万户', '移动客户数量净增')]
"""

from __future__ import annotations

from functools import cached_property

import regex

from .labels import LABELS_NUMERIC
from .link_age import age_before_person, fragment_metric  # noqa: F401 (fragment_metric: imported by link.py from here)
from .link_after import _CLAUSE_END, _NOT_NOUN, _OPENING, _WINDOW, AfterNounLinker
from .link_context import quoted_rest as _quoted_rest
from .link_counted import counted_after, counted_change, counted_first, counted_lead, counted_noun, counted_sum, degree_after_verb, lead_preposition_cut, modal_lead, object_cut
from .link_levels import LevelLinker
from .link_lists import ListMetrics
from .resolve import loader
from .link_words import (COUNTED_TAGS, FUNCTION_TAGS, NOUN_TAGS, ends_in_verb, ends_with, function_words_only, noun_at,
                         noun_phrase_at, starts_with, tail_tag, word_at)
from .spans import Span

_CLOSING = "）)"
_DATE_END = "年月日"  # a bracket after a date glosses the figure before: its value then (较2012年（2.7岁）)
_AGE_GAP = 8  # the most characters between a bracket after a person and the age in it (（女，汉族，45岁）)
# the nearest such character before a position (one search from the right instead of one
# str.rfind per character)
_LAST_CLAUSE_END = regex.compile(f"[{regex.escape(_CLAUSE_END)}]", regex.REVERSE)
_DROPPED = frozenset(("DATE", "GPE", "ORG"))  # spans whose text is no part of a metric (time words, subjects)
_HAN_RUN = regex.compile(r"\p{Han}*")
_LABEL = 12  # the longest label before a colon taken as a figure's metric (参与人数：【100人】)
_PERIOD_LEAD = 4  # the longest dictionary word looked up after a figure (link_words.VERB_CHARS)


class MetricLinker(AfterNounLinker, LevelLinker):
    """The metric half of :class:`pxextract.link.Linker` (a base class: it holds no state of its own); the
    noun after a figure is read by :class:`pxextract.link_after.AfterNounLinker`."""

    def _clean(self, phrase: str, sent: list[Span], offset: int, token_starts=None, asides=(), scale_first=False) -> str:
        # 投入数 + 十亿美元: a qualifier right before a figure that starts with a scale (人数 + 86.0万人 stays)
        bare = ends_with(phrase, self.bare_qualifiers) if scale_first else None
        # a metric names one thing: cut at the last list mark or conjunction (…政策和惠企纾困 → 惠企纾困),
        # a conjunction only where it is a word of its own (普及率 holds 及 but lists nothing)
        last, pos = None, len(phrase)
        while (m := self.patterns.list_mark.search(phrase, 0, pos)) is not None:
            if any(a <= offset + m.start() < b for a, b in asides):
                pass  # a list inside a parenthetical (含A、B) lists nothing of the metric's
            elif token_starts is None or m.group() in self.list_marks or (
                    offset + m.start() in token_starts and offset + m.end() in token_starts):
                last = m
                break
            pos = m.start()
        cut = last.start() if last else -1
        if 0 <= cut < len(phrase) - 1:
            offset += cut + 1
            phrase = phrase[cut + 1 :]
        # drop DATE and entity spans' text that lies inside the phrase (time words, subjects)
        end = offset + len(phrase)
        dropped = [s for s in sent if s.start < end and s.end > offset and s.label in _DROPPED]
        inside = [(max(s.start, offset), min(s.end, end)) for s in dropped]
        inside = [(a, self._word_end_in(phrase, offset, a, b, token_starts) if s.label == "DATE" and any(c.isdigit() for c in s.text)
                   else self._name_end_in(phrase, offset, a, b)) for s, (a, b) in zip(dropped, inside)]
        inside += [(max(a, offset), min(b, end)) for a, b in asides if a < end and b > offset]
        if inside:
            chars = list(phrase)
            for a, b in inside:
                for i in range(a, b):
                    chars[i - offset] = ""
            phrase = "".join(chars)
        phrase = phrase.strip(" \t\u3000“”\"‘’《》")
        if bare and phrase.endswith(bare):
            phrase = phrase[: -len(bare)]
        changed, stripped = True, False
        while changed and phrase:
            changed = False
            h = starts_with(phrase, self.strip_head)
            if h:
                phrase, changed = phrase[len(h) :], True
            t = ends_with(phrase, self.strip_tail)
            if t and not phrase.endswith(self.keep_tail) and not (  # 占比: a noun, though 比 alone is stripped
                    t in self.ratio_tails and tail_tag(self.word_tags, phrase[: -len(t)]) in NOUN_TAGS):  # 桥隧比
                phrase, changed, stripped = phrase[: -len(t)], True, True
            m = ends_with(phrase, self.modal_tails) if stripped else None
            if m and len(m) < len(phrase):  # 发电装机容量预计将达到, 局地可超过: the modal of the verb stripped (not 将【3人】)
                phrase, changed = phrase[: -len(m)], True
            phrase = self._adverb_cut(phrase.strip(" \t\u3000“”\"‘’"))  # 价格仅【300多元】 → 价格
        return phrase

    def _name_end_in(self, phrase: str, offset: int, a: int, b: int) -> int:
        """Where the removal of a name ``[a, b)`` inside ``phrase`` stops: before its last character where that
        starts a noun of three characters or more running past it (38人中国会议员: 中国 of 中|国会议员 → only 中
        goes, 国会议员 stays), else at ``b``."""
        i = b - 1 - offset
        if b - a >= 2 and any(self.word_tags.get(phrase[i : i + k]) == "n" for k in (4, 3) if i + k <= len(phrase)):
            return b - 1
        return b

    def _word_end_in(self, phrase: str, offset: int, a: int, b: int, token_starts) -> int:
        """Where the removal of a date ``[a, b)`` inside ``phrase`` (at ``offset``) stops: at the start of the
        noun it ends inside, where it ends inside one (宁夏好护士”2022-2023年度人物: 2022-2023 goes, 年度人物
        stays, not 度人物), else at ``b``."""
        end = offset + len(phrase)
        if token_starts is None or b >= end or b in token_starts:
            return b
        k = next((k for k in range(b - 1, a, -1) if k in token_starts), a)
        stop = next((j for j in range(b + 1, min(end, k + 6) + 1) if j in token_starts or j == end), b)
        return k if self.word_tags.get(phrase[k - offset : stop - offset]) == "n" else b

    def _metric(self, text, span, clause_start, s1, sent, prev_metric, token_starts=None, asides=()) -> tuple[str, str | None]:
        quoted = _quoted_rest(text, span)
        if quoted:  # “8英寸集成电路成套装备”: the rest of the quoted name says what measures 8英寸
            span.attrs["_base_metric"] = quoted
            return quoted, None
        rate = self.lists.rate(text, span)
        if rate:  # 1港元对人民币【0.91618元】: the currency pair of an exchange rate (issue #15 M1)
            span.attrs["_base_metric"] = rate
            return rate, None
        if self.age_metric and self._person_age(text, span, sent, clause_start):
            span.attrs["_base_metric"] = self.age_metric[0]
            return self.age_metric[0], None
        if self._end_value(text, span, clause_start, sent):
            # 起售价从31.39万元调整为【29.99万元】: the value the change reaches is measured as its start value was
            span.attrs["_base_metric"] = prev_metric or None
            return prev_metric or "", None
        measured = self._measure_after(text, span, s1, token_starts)
        if measured:  # 并处【1.5万元】罚款, 领取满418减【142元】优惠券, 以【24000元】为限额 (issue #15 M2)
            span.attrs["_base_metric"] = measured
            return measured, None
        cue = self.start_cue_at(text, span.start, sent, clause_start)  # 占比从第一季度的【55.6%】: the noun before 从
        phrase = self.reach_cut(text, span, span.start if cue is None else cue, self._lead_cut(self._clean(  # 游客多达 → 游客 (h218)
            text[clause_start : span.start if cue is None else cue], sent, clause_start, token_starts, asides, span.text[:1] in self.scales)))
        verb = self._verb_to_tail(text[slice(*self._bare(text, clause_start, span.start, sent))])
        if verb and phrase.endswith(verb) and tail_tag(self.word_tags, stem := self._adverb_cut(phrase[: -len(verb)])) not in FUNCTION_TAGS | {None}:
            # 增速回落至【5%】, 价格下调至, 人数则上升至 → 人数 (h375): the level reached, measured by the noun (就能立刻升温到 keeps its verb)
            phrase = stem
        places = self._places_before(text, clause_start, span, token_starts) if span.attrs.get("unit") in self.place_units else ""
        if places and phrase.endswith(places):  # 届时将邀请京津冀【三地】: the places counted, not the verb before them
            span.attrs["_base_metric"] = places
            return places, None
        owned = self._spanned(text, span, s1, phrase, token_starts)
        if owned:  # 历时【8小时】的大脑手术: the duration of the noun after 的
            span.attrs["_base_metric"] = owned
            return owned, None
        # 前【7个月】, 未来【24小时】, 【两天】后: a period or a time offset measures nothing the figure before did
        written = phrase  # 以【5300亿美元】的营收: 以 names nothing, but the noun after 的 does
        period = phrase in self.period_words or self._word_after(text, span, s1) in self.period_words or self._period_at(
            text[span.end : span.end + 2 * _PERIOD_LEAD], 0)  # 【3天】后就没了下文: no metric of the figure before
        if phrase in self.now or phrase in self.no_metric or phrase in self.period_words or (
                function_words_only(self.word_tags, phrase) and not starts_with(phrase, self.rate_words)) or (
                len(phrase) == 1 and self.word_tags.get(phrase) == "v" and not any(phrase in w for w in self.up + self.down)
                and text[clause_start - 1 : clause_start] != "\n"):
            # 当前【3.5%】, 前值的【22.8万人】, 约【2分钟】后: a time or reference word or an adverb names nothing; the
            # noun after or the figure before does, else the metric stays empty; so do words that are all adverbs,
            # time words, prepositions, pronouns or particles (但在过去, 所以也就, 今明), not a rate (每人, 每天), and a
            # verb of one character (其中…24万人，占【73.2%】), not one of a change word's (涨【5%】: 上涨) nor one a line
            # break opens (面\n积【2.59万亩】: a word broken over two lines)
            phrase = ""
        if not phrase and text[clause_start - 1 : clause_start] in ("（", "(") and not starts_with(text[clause_start : span.start], self.strip_head):
            bracketed = self._bracketed(text, clause_start - 1, sent, prev_metric, token_starts)
            if bracketed:
                span.attrs["_base_metric"] = bracketed
                before = next((n for n in sent if n.label in LABELS_NUMERIC and 0 <= clause_start - 1 - n.end <= 1), None)
                if before is not None and before.attrs.get("change") and bracketed == prev_metric and written in self.no_metric:
                    # 增长27%（报告为【25%】）: a gloss restates a change (not 增长20%（2022年为【8亿元】）, a level)
                    return before.attrs.get("metric") or bracketed, before.attrs["change"]
                return bracketed, None
        change = None
        # a change word right before the figure: 增长约50%, 提高2.5个百分点
        for words, direction in ((self.up, "up"), (self.down, "down")):
            w = (not degree_after_verb(self, phrase) and ends_with(phrase, words)) or self.short_change(text, span, clause_start, phrase, direction)  # 环比增 (h218); 最多: a degree (h227)
            if w:
                change = direction
                stem = self._strip_base(phrase[: -len(w)])
                if stem and prev_metric and (self.bare_change_stem(stem) or self.compared_stem(stem)):  # 较上期增加【226户】 (h217), 较原计划多 (h274)
                    stem = ""
                if not stem:
                    stem = prev_metric or ""
                span.attrs["_base_metric"] = stem or None  # 还增加【1个】摸鱼键 → 摸鱼键, up (counted_change, h244)
                return counted_change(self, text, span, s1, sent, token_starts) or (stem + w if stem else w), change
        owner = self._owner_after(text, span, s1)
        described = self._owner_after(text, span, s1, True) if ends_with(written, self.manner) else ""
        if described:  # 将以每小时10公里左右的速度移动, 以48亿元的预算: the noun after 的 is measured
            noun = self._noun_words(text, text.find(described, span.end), len(described), token_starts)
            span.attrs["_base_metric"] = noun
            return noun, None
        if owner and len(phrase) <= 5:
            # 规模近3亿元的工业发展资金池 → 工业发展资金池规模 (join the words the number splits)
            span.attrs["_base_metric"] = owner + phrase
            return owner + phrase, None
        raw_head = text[clause_start : span.start]
        head_end = raw_head.rstrip()
        q = ends_with(head_end, self.before_qualifiers)
        if q:  # 发现了至少9辆: the verb stands before the qualifier
            head_end = head_end[: -len(q)].rstrip()
        # 66名常态驻守专家和205名机动防御专家: after a list's joint the noun after the figure names it
        verbish = head_end.endswith(self.perfective + self.joints) or phrase.endswith(self.perfective) or (len(phrase) <= 2 and not counted_sum(self, text, span, phrase, sent)) or (
            text[span.end : span.end + 1] not in _CLAUSE_END  # a noun may follow: only then look the verb up
            and (ends_in_verb(self.word_tags, text, clause_start, span.start)  # 人口超过【2000人】的城镇: 超过 is the verb
                 or ends_in_verb(self.word_tags, text, clause_start, clause_start + len(head_end))  # 获得超【2.25亿美元】的薪酬
                 or self._verb_phrase_before(text, span, head_end, phrase, token_starts)  # 签署合计【10亿元】采购合同, 启动最高【5亿元】股权回购
                 or counted_lead(self, text, span, clause_start, head_end, s1, token_starts)))  # 结束了为期【3天】行程, 配备一块【12.7英寸】大屏
        event = span.attrs.get("unit") in self.event_units  # 五次拍卖: a count of times names what follows
        # a count with a noun right after it counts that noun (覆盖辖区68个小区, 发现一包厢内两名男子)
        # a measure with a noun right after it measures that thing (10兆瓦水面漂浮式光伏电站, 8 英寸墨水屏)
        attributive = span.label == "QUANTITY" and span.attrs.get("unit") not in self.time_units and text[span.end : span.end + 1] not in _CLAUSE_END and noun_at(
            self.word_tags, text, span.end + (text[span.end : span.end + 1] == " "), s1, token_starts)
        # 7条普速线路, 数十位青年员工, 7 名前雇员: the noun may open with modifiers or a title prefix; 10项比赛: a verbal noun
        # 京津冀三地体育部门负责人: a count of places counts the places before it, not the noun after it
        event = event or attributive or (span.label == "CARDINAL" and text[span.end : span.end + 1] not in _CLAUSE_END
                                         and span.attrs.get("unit") not in self.place_units
                                         and noun_phrase_at(self.word_tags, text, span.end, s1, token_starts, self.title_prefixes, COUNTED_TAGS))
        # 主要有以下【三方面】的亮点, 年满【18周岁】的设计人才: a count or measure, then 的 and a noun, after words that
        # end in no noun or verb (a position word, an adjective) counts that noun, not the words before it
        event = event or self._counted_after_de(text, span, s1, phrase, sent) or (phrase and not verbish and (counted_noun(self, text, span, sent, token_starts) or modal_lead(self, text, span, phrase, token_starts)))
        if not phrase or verbish or event or starts_with(raw_head, self.to_verbs):
            after = self._after_noun(text, span, s1, sent)
            if after and attributive:  # up to the first verb or preposition: 光伏电站在自然湖上兴建 → 光伏电站
                at = text.find(after, span.end)
                after = self._noun_words(text, at, len(after), token_starts, verbs=False)
                if after in self.period_words or (token_starts is not None and any(
                        after.startswith(w) and at + len(w) in token_starts for w in self.period_words)):
                    after = ""  # 河道下游约【30公里】处, 温度为【38℃】时, 周边【5公里】内: a place or time word, no thing
            elif after and span.attrs.get("unit") not in self.event_units:
                # 满载着【6万吨】散装氧化铝的货轮 → 散装氧化铝, 张某等【3名】吸毒人员在此 → 吸毒人员 (issue #15 M2)
                after = object_cut(self, text, self._noun_head(text, after, span.end, token_starts), span.end, clause_start + len(head_end), token_starts)  # 为【904名】农民工兜底… → 农民工
            if after and (not phrase or verbish or event):
                # 发展了4家国家级龙头企业 → 国家级龙头企业; 90%以上的政务服务事项… → 政务服务事项…
                span.attrs["_base_metric"] = after = counted_first(self, text, span, sent, counted_after(span, phrase, after), token_starts)  # 包含…的商标 → 商标
                return after, None
            if not phrase and prev_metric and not period:  # 营业收入：【12亿元】: a label before a colon comes first
                label = self._colon_label(text, span, sent, token_starts)
                if label:
                    span.attrs["_base_metric"] = label
                return label or prev_metric, None
        part = next((w for w in self.part_only if phrase.endswith(w) and len(w) < len(phrase)), "")
        # 辽东半岛局部可达【80毫米】, 东部局部: a place (jieba ns) or a position word, then a part_only word (issue #15 M1)
        part = part and tail_tag(self.word_tags, phrase[: -len(part)]) in ("ns", "f")
        if (phrase in self.period_only or phrase in self.part_only or part) and prev_metric:
            # 营收46.03亿元，上年同期为45.65亿元; 最大小时降雨量20～50毫米，局地可超过【60毫米】: the same metric
            return prev_metric, None
        q = starts_with(phrase, self.before_qualifiers) or ""
        share = phrase[len(q) :]
        w = starts_with(share, self.shares) if prev_metric else None
        part = prev_metric.split(w)[0] if w else ""  # 占高通的60%以上，占英伟达的【22%】: the part of the share before
        if part and share != w and not starts_with(share, self.not_shares) and not ends_with(part, self.strip_tail):
            # 三阴性乳腺癌2万例，约占乳腺癌总病例【15%】: the share is of the part the figure before measured
            span.attrs["_base_metric"] = part + share
            return part + share, None
        phrase = phrase or self._colon_label(text, span, sent, token_starts) or self.lists.head(text, span)  # 各地降雨情况：大连【61.8毫米】
        # 调整缴存比例，最低可调整至【5%】: a level reached without its noun takes the clause before's (issue #15 M1)
        phrase = self.level_noun_before(text, span, clause_start, phrase, sent, token_starts) or self.elided_measure(span, phrase, sent, text) or self._adverb_cut(phrase, span.attrs.get("unit") not in self.age_units)  # 价格仅 → 价格 (h375)
        span.attrs["_base_metric"] = phrase or None
        return phrase, None

    def _colon_label(self, text, span, sent, token_starts) -> str:
        """Where nothing else names it, the label before a colon right before a figure (a qualifier between at most):
        参与人数：【100人】 → 参与人数, 最新价：【12.64元】 → 最新价, 涨幅分别为：【2.69%】 → 涨幅 (issue #15 M1); a short
        noun phrase (at most _LABEL characters, no digit, ending in a noun, a verbal noun or a metric's name: 全年营业收入),
        not a no_metric word (原标题)."""
        end = len(text[: span.start].rstrip())
        q = ends_with(text[max(0, end - 3) : end], self.before_qualifiers)
        end -= len(q) if q else 0
        if text[end - 1 : end] not in ("：", ":"):
            return ""
        last = _LAST_CLAUSE_END.search(text, max(0, end - 1 - _WINDOW), end - 1)
        start = last.start() + 1 if last else max(0, end - 1 - _WINDOW)
        label = self._clean(text[start : end - 1], sent, start, token_starts)
        if not label or len(label) > _LABEL or any(c.isdigit() for c in label) or label in self.no_metric:
            return ""
        # 全年营业收入：【5亿元】: a metric's name of rules/metrics.tsv ends it, whatever jieba's tag (收入 is a verb there)
        return label if tail_tag(self.word_tags, label) in COUNTED_TAGS or ends_with(label, self.metric_names) else ""

    @cached_property
    def lists(self) -> ListMetrics:
        return ListMetrics(self.rules)

    @cached_property
    def metric_names(self) -> tuple[str, ...]:
        """The names and aliases of rules/metrics.tsv of two characters or more, longest first (营业收入, 营收)."""
        _, rows = loader.table(self.rules.path, loader.METRICS)
        names = {n for _, r in rows for n in [r["zh"], *loader.split_list(r["aliases"])] if len(n) >= 2}
        return tuple(sorted(names, key=len, reverse=True))

    def _spanned(self, text, span, s1, phrase, token_starts) -> str:
        """The noun after 的 whose duration a figure is, after a span word (link_cues span_lead: 历时, 为期) ending the
        words before it: 接受了历时【8小时】的大脑手术 → 大脑手术, 这场历时【两天】的会议结束了 → 会议 (up to its first verb,
        preposition or particle); else ""."""
        if not self.span_leads or not ends_with(phrase, self.span_leads) or not starts_with(text[span.end : span.end + 2], self.de):
            return ""
        owner = self._owner_after(text, span, s1)
        noun = self._noun_words(text, text.find(owner, span.end), len(owner), token_starts) if owner else ""
        return noun if tail_tag(self.word_tags, noun) in COUNTED_TAGS else ""

    @cached_property
    def span_leads(self) -> tuple[str, ...]:
        """link_cues span_lead: 历时, 为期 before a duration then 的."""
        return self.rules.cue("span_lead")

    def _person_age(self, text: str, span: Span, sent, clause_start: int | None = None) -> bool:
        """Whether an age (link_cues age_unit) ending its clause is a person's: in brackets opened right after the
        person, few characters and no figure between (游客高某（男，【38岁】）, 张三（【41岁】）), or right after the person,
        dates, time words and adverbs at most between (特拉维斯·金今年【23岁】); not 他今年【11岁】的儿子. An age that is a
        clause of its own, time words, pronouns and adverbs at most before it in the clause, is someone's age too, named
        or not (付强，男，【44岁】，; 男孩叫小程，今年【8岁】，; 当时他才【20岁】，), unless brackets after a date open it
        (二者差距为2.5岁，较2012年（【2.7岁】）: the figure before's value then)."""
        if span.attrs.get("unit") not in self.age_units or text[span.end : span.end + 1] not in _CLAUSE_END:
            return age_before_person(self, text, span, sent)  # 今年【30多岁】的王俣钦 → 年龄 (link_age, h232)
        own = text[clause_start : span.start].strip() if clause_start is not None else None
        dated = own == "" and text[clause_start - 1 : clause_start] in _OPENING and (  # 较2012年（【2.7岁】）: a gloss
            text[clause_start - 2 : clause_start - 1] in _DATE_END or any(d.label == "DATE" and d.end == clause_start - 1 for d in sent))
        if not dated and (own == "" or (own and function_words_only(self.word_tags, own))):
            return True
        person = next((s for s in reversed(sent) if s.label == "PERSON" and s.end <= span.start), None)
        if person is None:
            return False
        between = [c for i, c in enumerate(text[person.end : span.start], person.end)
                   if not any(d.label == "DATE" and d.start <= i < d.end for d in sent)]
        gap = "".join(between).strip()
        if len(gap) <= _AGE_GAP // 2 and (not gap or function_words_only(self.word_tags, gap)):
            return True
        lo = max(0, span.start - _AGE_GAP)
        k = max(text.rfind(o, lo, span.start) for o in _OPENING)
        return k == person.end and not any(c in _CLOSING or c.isdigit() for c in text[k : span.start])

    def _lead_cut(self, phrase: str) -> str:
        """A cleaned metric without what opens it but names nothing: a time word and 的 (三个月【前的】预期为 →
        预期, after the figure 三个月) and a request (link_cues imperative, then a verb of two characters or more or a
        preposition: 【请拨打】外交部… → the rest, 【请于】三日内 → nothing; 请求赔偿 is no request: 求 is one character)."""
        p = starts_with(phrase, self.period_leads)
        de = starts_with(phrase[len(p) :], self.de) if p else None
        if de:
            phrase = phrase[len(p) + len(de) :]
        h = starts_with(phrase, self.imperatives)
        k, tag = word_at(self.word_tags, phrase, len(h), len(phrase)) if h else (0, None)
        if (k >= 2 and tag == "v") or tag == "p":  # 请拨打, 请于【三日】内
            phrase = phrase[len(h) + k :]
        return lead_preposition_cut(self, phrase)  # 在支付部分奖励费 → 支付部分奖励费

    def _period_at(self, words: str, at: int) -> bool:
        """Whether a period word (link_cues period_word) is a word of its own at ``at``: 【两个月】后举行大选, 【两周】前的
        (内容 is none: 内 is no word of its own there; nor 7 名【前】雇员: a title prefix before a noun)."""
        p = starts_with(words[at:], self.period_leads)
        return bool(p) and word_at(self.word_tags, words, at, len(words))[0] == len(p) and not (
            p in self.title_prefixes and noun_at(self.word_tags, words, at + len(p), len(words)))

    def _verb_to(self, words: str) -> int:
        """The length of a change to a value opening ``words``: a degree adverb at most (link_cues to_adverb), a
        verb (jieba v or vn, or a change word) and a to_end word (调整为, 发展到, 轻微降至), else 0."""
        i = len(starts_with(words, self.to_adverbs) or "")
        for k in range(min(4, len(words) - i - 1), 0, -1):
            verb = words[i : i + k]
            if self.word_tags.get(verb) in ("v", "vn") or verb in self.up or verb in self.down:
                end = starts_with(words[i + k :], self.to_ends)
                if end:
                    return i + k + len(end)
        return 0

    def _verb_to_tail(self, words: str) -> str:
        """The verb (a degree adverb before it at most) of a change to a level ending ``words``, without its level_end
        word, which the metric's cleaning removes: 增速回落至 → 回落, 利率小幅上调至 → 小幅上调; a verb only (jieba v) or a
        change word, not a verbal noun (投资至: 投资 names the money); else ""."""
        end = ends_with(words, self.level_ends)
        rest = words[: -len(end)] if end else ""
        for k in range(min(4, len(rest)), 0, -1):  # the longest dictionary word ending there (调整, not 整)
            verb = rest[-k:]
            change = verb in self.up or verb in self.down
            if change or verb in self.word_tags:
                return (ends_with(rest[:-k], self.to_adverbs) or "") + verb if change or self.word_tags[verb] == "v" else ""
        return ""

    def _bare(self, text: str, start: int, end: int, sent) -> tuple[int, int]:
        """``(start, end)`` without a DATE (and a date joiner) at its end (发展到【2022年】) and spaces."""
        d = next((d for d in reversed(sent) if d.label == "DATE" and start <= d.start and d.end <= end
                  and text[d.end : end].strip() in self.date_joiners), None)
        if d is not None:
            end = d.start
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    def _after_start_cue(self, text: str, span: Span, sent) -> bool:
        """Whether a start cue (从, 由) stands right before the figure, a date between at most: 从2017年【3382标箱】."""
        _, end = self._bare(text, max(0, span.start - 24), span.start, sent)
        return ends_with(text[max(0, end - 2) : end], self.start_cues) is not None or self.start_cue_at(text, span.start, sent) is not None

    def _end_value(self, text: str, span: Span, clause_start: int, sent) -> bool:
        """Whether the figure is the value a change reaches from the figure right before it in its clause, which a
        start cue opens: 起售价从31.39万元调整为【29.99万元】, 从2017年3382标箱发展到2022年【75.6万标箱】, 由A下降到【B】."""
        prev = next((n for n in reversed(sent) if n.label in LABELS_NUMERIC and n.end <= span.start), None)
        if prev is None or prev.end != clause_start or not self._after_start_cue(text, prev, sent):
            return False
        start, end = self._bare(text, clause_start, span.start, sent)
        between = text[start:end].strip()
        return bool(between) and self._verb_to(between) == len(between)

    def _places_before(self, text, clause_start, span, token_starts) -> str:
        """The words right before a count of places back to the last verb, preposition, adverb or particle: the
        places counted (届时将邀请京津冀【三地】 → 京津冀, 经港澳【两地】 → 港澳, 符合中俄【两国】 → 中俄); empty without tokens."""
        if token_starts is None:
            return ""
        at = span.start
        for b in (k for k in range(span.start - 1, clause_start - 1, -1) if k in token_starts):
            if (self.word_tags.get(text[b:at]) in _NOT_NOUN | {"v"} and self.word_tags.get(text[b : span.start]) != "ns"
                    or not regex.fullmatch(r"\p{Han}+", text[b:at])):
                break  # 中|俄【两国】: 中 (f) goes on as part of the place word 中俄
            at = b
        p = starts_with(text[at : span.start], self.perfective)  # 象征|着中|俄: the segmenter joined 着 to the place
        return text[at + len(p or "") : span.start]

    @staticmethod
    def _word_after(text, span, s1) -> str:
        """The word between a figure and its clause's end (or the next digit), when short: 【两天】后 → 后."""
        stop = span.end
        while stop < min(s1, span.end + 4) and text[stop] not in _CLAUSE_END and not text[stop].isdigit():
            stop += 1
        return text[span.end : stop].strip()

    def _bracketed(self, text, opening, sent, prev_metric, token_starts) -> str:
        """A figure opening brackets is the figure's before it, converted (18磅（约16.3斤）: that one's
        metric), or the noun before it has it (短视频分享平台（73.6%）、即时通讯应用（55.6%） → 短视频分享平台)."""
        if any(n.label in LABELS_NUMERIC and 0 <= opening - n.end <= 1 for n in sent):
            return prev_metric or ""
        last = _LAST_CLAUSE_END.search(text, max(0, opening - _WINDOW), opening)
        start = last.start() + 1 if last else max(0, opening - _WINDOW)
        outer = self._clean(text[start:opening], sent, start, token_starts)
        return outer if opening - start <= 24 and not any(c.isdigit() for c in outer) else ""  # 18磅（约16.3斤）: no unit known

    def _measure_after(self, text, span, s1, token_starts) -> str:
        """The sum a measure noun (link_cues measure_noun) right after a sum of money names, 的 or a copula (为, 作为)
        between at most, as a word of its own, with the nouns that go on it: 予以警告并处【0.5万元】罚款 → 罚款,
        按每户每年【24000元】为限额 → 限额, 获得中央财政最高【30亿元】的补助资金 → 补助资金; else ""."""
        if span.label != "MONEY" or not self.measure_nouns or token_starts is None:
            return ""
        at = span.end + (text[span.end : span.end + 1] == " ")
        link = starts_with(text[at : at + 2], self.de + self.measure_links)
        at += len(link or "")
        noun = starts_with(text[at : min(s1, at + 6)], self.measure_nouns)
        if not noun or at not in token_starts or at + len(noun) not in token_starts:
            return ""
        stop = _HAN_RUN.match(text, at, min(s1, at + _WINDOW)).end()  # up to a mark or a Latin letter: 红包]奇偶分析 → 红包
        return self._noun_words(text, at, stop - at, token_starts) if stop > at + len(noun) else noun

    @cached_property
    def measure_nouns(self) -> tuple[str, ...]:
        """link_cues measure_noun: the sums a noun after a sum of money names (罚款, 补贴, 限额), longest first."""
        return tuple(sorted(self.rules.cue("measure_noun"), key=len, reverse=True))

    @cached_property
    def measure_links(self) -> tuple[str, ...]:
        """link_cues measure_link: a copula between a sum and its measure noun (为, 作为)."""
        return tuple(sorted(self.rules.cue("measure_link"), key=len, reverse=True))

    @cached_property
    def base_periods(self) -> tuple[str, ...]:
        """link_cues base_period: the nouns of a comparison base's time (交易日, 月份)."""
        return self.rules.cue("base_period")

    def _base_only(self, stem: str) -> bool:
        """Whether a change word's stem is a comparison base word and its time only (issue #15 M1): 较上期, 比上月,
        比同期, 较一季度, 较前一交易日, 较3月31日, 比1—5月份 (time, number, position and distinguishing words, digits,
        link_cues base_period nouns and range marks); not 较峰值, 比制造业整体投资 (a noun compared with)."""
        b = starts_with(stem, self.base)
        i = len(b or "")
        if not b or i == len(stem):
            return False
        while i < len(stem):
            if stem[i].isdigit():
                i += 1
                continue
            k = next((k for k in range(min(4, len(stem) - i), 0, -1) if stem[i : i + k] in self.word_tags
                      or stem[i : i + k] in self.base_periods), 0)
            word = stem[i : i + k]
            if not k or (word not in self.base_periods and self.word_tags[word] not in FUNCTION_TAGS | {"m", "mq", "b"}):
                return False
            i += k
        return True

    def _strip_base(self, stem: str) -> str:
        """比上年 / 较年初 / 同比 left before a change word are not part of the metric."""
        tails = self.base + self.strip_tail
        changed = True
        while changed and stem:
            changed = False
            if stem.endswith(tails):  # one C-level test before the ordered pass over the words
                for b in tails:
                    if stem.endswith(b):
                        stem, changed = stem[: -len(b)], True
            h = starts_with(stem, self.strip_head)
            if h:
                stem, changed = stem[len(h) :], True
        return stem
