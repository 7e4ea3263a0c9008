"""The noun after a figure (:mod:`pxextract.link_metric`): what a count or amount counts or measures where the
words before it name no measured noun (发展了4家国家级龙头企业 → 国家级龙头企业), the noun after 的 that a figure
describes (…首批20亿元的产业引导基金 → 产业引导基金) and the noun phrase's words up to its first verb. The methods of
:class:`pxextract.link.Linker` (through :class:`pxextract.link_metric.MetricLinker`) that read them.

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor().extract_text("该区已发展了4家国家级龙头企业。", date="2023-08-01")
    >>> [(s["text"], s.get("metric")) for s in rec["spans"] if s["label"] == "CARDINAL"]
    [('4家', '国家级龙头企业')]
"""

from __future__ import annotations

import regex

from .labels import LABELS_NUMERIC
from .spec_run import MODEL_FIRST, model_end, spec_end
from .link_words import (COUNTED_TAGS, NOUN_TAGS, ends_in_verb, ends_with, function_words_only, noun_phrase_at, starts_with,
                         tail_tag, word_at)

_CLAUSE_END = "，,；;。！？!?：:\n（）()、"
_OPENING = "（("
_QUOTES = "“”"
_NEXT_CLAUSE_OR_COLON = regex.compile("[，,；;。：:]")
# compiled once: a module-level regex.match(pattern, …) call pays for the pattern cache look-up
_HAN_FIRST = regex.compile(r"\p{Han}")
_NOUN_FIRST = regex.compile(r"[\p{Han}“]|[A-Za-z]{2,}|[A-Z]\p{Han}")  # 发现了9辆Cybertruck, 突破了6英寸SiC外延生长, 5家A股上市公司
_MODEL_NAME = regex.compile(r"\d[A-Z](?![A-Za-z0-9])")  # 4K, 5G, 3D: a digit inside a noun (not 50mm, a unit)
_NAME_TAGS = frozenset(("nr", "ns", "nt", "nrt", "nz"))  # jieba's name tags: a name before 的 owns the noun after it
_HEAD_TAGS = NOUN_TAGS | {"vn", "zg", "ng"}  # a noun phrase's last word: a noun, a verbal noun or a noun morpheme (村, 县)
_WINDOW = 80  # characters around a figure in which its clause, dates and names are looked for
_NOT_NOUN = frozenset(("p", "d", "c", "r", "u", "uj", "ul", "f", "i"))  # jieba tags that end a noun phrase (向, 将, 和, 其, 的, 上, 精彩纷呈)


class AfterNounLinker:
    """The after-noun part of :class:`pxextract.link_metric.MetricLinker` (a base class: no state of its own;
    its cue words are the Linker's)."""

    def _verb_phrase_before(self, text: str, span, head_end: str, phrase: str, token_starts) -> bool:
        """Whether the words before a figure (``head_end``, cleaned: ``phrase``) are a verb phrase naming no measured
        noun, so that a noun after the figure is its metric (issue #15, M2): they end in a list's end (link_cues
        list_end) and a noun, no verb, follows the figure (北京、上海等【10个】城市; not 代表等【200余人】参加), the cleaned words
        end in a verb (公司签署合计【10亿元】采购合同: 合计 is cleaned off, 签署 is a verb) or, a degree word before the
        figure put aside (link_cues degree_lead), in a verb or a verbal noun (宣布启动最高【5亿元】股权回购; 气温最高 ends
        in a noun)."""
        if head_end.endswith(self.rules.cue("list_end")):
            first = word_at(self.word_tags, text, span.end, span.end + 4, token_starts)[1]
            if first in _NOT_NOUN:
                return False  # 苏某某等【三人】非法买卖…: an adverb opens the predicate
            noun = self._noun_words(text, span.end, len(regex.match(r"\p{Han}{0,8}", text, pos=span.end).group()), token_starts,
                                    verbs=False, modifiers=True)
            # 学生等【40余人】参加活动, 黄某某等【23人】追缴…保险金: a verb and its object, no noun phrase
            return first != "v" and tail_tag(self.word_tags, noun) in _HEAD_TAGS
        if head_end.endswith(self.de) or ends_with(phrase, self.up + self.down):
            return False  # 制造业PMI环比回升的【0.3个百分点】: the figure the words before describe
        if ends_in_verb(self.word_tags, phrase, 0, len(phrase)):
            return True
        d = ends_with(phrase, self.rules.cue("degree_lead"))
        return bool(d) and tail_tag(self.word_tags, phrase[: -len(d)]) in ("v", "vn")

    def _counted_after_de(self, text, span, s1, phrase, sent) -> bool:
        """Whether a count or measure, then 的 and a noun, counts that noun: after words that end in no noun or
        verb (主要有以下【三方面】的亮点, 年满【18周岁】的设计人才, 一名【82岁】的老人) nor in a rate (风速每秒【15米】的大风:
        the rate names the measure, link_cues rate_word), not where the noun is a place
        (东南方约【285公里】的西北太平洋洋面上: it ends in a position word, 上), a goal (每月【75架】的目标) or a level
        (link_cues level_word: 备货量仅约【8300万部】的水准 → 备货量)."""
        if not (len(phrase) > 5 and span.label in ("CARDINAL", "QUANTITY")
                and span.attrs.get("unit") not in self.time_units | self.place_units
                and starts_with(text[span.end : span.end + 2], self.de) is not None
                and tail_tag(self.word_tags, phrase) not in COUNTED_TAGS | {"v"}
                and not any(phrase[-k:].startswith(self.rate_words) and phrase[-k:] in self.word_tags for k in (2, 3))
                and noun_phrase_at(self.word_tags, text, span.end + 1, s1, None, (), COUNTED_TAGS)):
            return False
        after = self._after_noun(text, span, s1, sent)
        return bool(after) and tail_tag(self.word_tags, after) != "f" and not starts_with(after, self.target_after + self.level_words)

    def _noun_words(self, text, at, n, token_starts, verbs=True, modifiers=False) -> str:
        """The words of ``text[at:at+n]`` up to the first verb (after the first word), preposition, adverb,
        conjunction, pronoun or particle: 速度向偏北方向移动 → 速度, 预算维修战机 → 预算, 净利润位居第一 → 净利润;
        ``verbs=False``: a verb does not end it (水面漂浮式光伏电站在自然湖上兴建 → 水面漂浮式光伏电站); ``modifiers``:
        a 的 after a word that is no noun joins a modifier to its noun (重要的附加突变 stays whole; 散装氧化铝的货轮 →
        散装氧化铝)."""
        if token_starts is None:
            return text[at : at + n]
        bounds = [k for k in range(at + 1, at + n) if k in token_starts] + [at + n]
        end, prev, last, first = at, at, None, None
        for b in bounds:
            tag = self.word_tags.get(text[prev:b])
            if tag is None and prev > at:
                tag = self.word_tags.get(text[prev])  # 向北, 向西: a word the dictionary lacks, led by a preposition
            joins = modifiers and self._joins(text, prev, b, at, at + n, tag, last if first != "v" else None, token_starts)
            if (tag in _NOT_NOUN and not joins) or (verbs and tag == "v" and prev > at):
                break
            end, prev, last, first = b, b, tag, first if prev > at else tag
        return text[at:end] or text[at : at + n]

    def _joins(self, text, prev, b, at, end, tag, last, token_starts) -> bool:
        """Whether the word ``text[prev:b]`` (jieba ``tag``; ``last``: the tag of the word before it) goes on a noun
        phrase opened at ``at`` though it would end one (:meth:`_noun_words`, ``modifiers``): 的 after a word that is
        no noun joins a modifier (重要的附加突变) or a relative clause (来自国内单位的专家), a position word before a noun a range (市级以上龙头企业), a pronoun
        inside (武警某部官兵, 吴某某), a joint two nouns (水手和海军陆战队), an adverb leaves a predicate whole (设备均完成
        工艺验证: the noun alone would say less), a character the segmenter cut off a word it lacks, after another
        (网|约|车)."""
        if tag == "uj":  # ``last`` None after a verb opening the phrase: a relative clause (来自国内单位的专家)
            return (last not in NOUN_TAGS or last in _NAME_TAGS) and b < end  # 数千名博索纳罗的支持者: a name owns the noun
        if tag == "f":
            nxt = next((k for k in range(b + 1, min(end, b + 4) + 1) if token_starts is None or k in token_starts), None)
            return nxt is not None and self.word_tags.get(text[b:nxt]) in NOUN_TAGS
        return tag in ("r", "d") and prev > at or text[prev:b] in self.joints or (b - prev == 1 and prev == at + 1)

    def _noun_head(self, text, after, start, token_starts) -> str:
        """The noun that ``after`` (the words after a figure ending at ``start``) opens, without the clause's run-on
        (:meth:`_noun_words`, a verb going on: 满载着【6万吨】散装氧化铝的货轮抵港 → 散装氧化铝, 【20辆】坦克并送往 → 坦克),
        where what is left ends in a noun (jieba n*, vn or a noun morpheme: 【90个】村通过 → 村), else whole
        (【5个】青年组成的突击队: 组成 is a verb); a count of times keeps its verb phrase (【两次】推迟对该计划的投票: the
        event counted); a level word is no noun (维持在【4.1%】水平, link_cues level_word): empty."""
        if starts_with(after, self.level_words):
            return ""
        at = text.find(after, start)
        noun = self._noun_words(text, at, len(after), token_starts, verbs=False, modifiers=True)
        k, tag = word_at(self.word_tags, text, at, at + len(after), token_starts)
        if (tag in ("v", "vn") and k >= len(noun)) or (len(noun) == 1 and self.word_tags.get(noun) not in ("zg", "ng")):
            return after  # 【73人】设置了关注提醒 → 设置: a verb alone is no noun; 【72人】线上报名 → 线: nor a cut character
        return noun if tail_tag(self.word_tags, noun) in (NOUN_TAGS if tag == "v" else _HEAD_TAGS) else after

    def _adverb_cut(self, phrase: str, short: bool = False) -> str:
        """A metric without an adverb or modal that ends it after a noun (link_cues adverb_tail, a word of its own: not
        日均, 人才; 人数|则 is, though 数则 is a dictionary word: a longer noun ends before it), where three characters or more
        are left: 闭店门店数仅【15家】 → 闭店门店数, 建设工程累计完成【7.87亿元】 → 建设工程 (issue #15, h195), 遇难者人数则 →
        遇难者人数, 总容量可以 → 总容量 (h375). ``short``: also where a noun of two characters (jieba n, vn) is left, for a
        metric no longer read against the noun after the figure (价格仅【300多元】 → 价格; h375)."""
        a = ends_with(phrase, self.rules.cue("adverb_tail"))
        rest = phrase[: -len(a)] if a else ""
        k = next((k for k in range(min(4, len(phrase)), len(a), -1) if phrase[-k:] in self.word_tags), 0) if a else 0
        if not a or (k and (phrase[-k:] in self.rules.cue("count_measure") or not any(  # 腹地平均: 平均 stays, though 地平 is a noun
                self.word_tags.get(rest[-m:]) in ("n", "vn") for m in range(k - len(a) + 1, min(4, len(rest)) + 1)))):
            return phrase
        if len(rest) < 3:
            return rest if short and len(rest) == 2 and self.word_tags.get(rest) in ("n", "vn") else phrase
        return rest if tail_tag(self.word_tags, rest) in _HEAD_TAGS else phrase

    def _owner_after(self, text, span, s1, qualified=False) -> str:
        """The noun after 的 that a figure describes: …总规模100亿元、首批20亿元的产业引导基金;
        ``qualified``: also after a qualifier (以每小时10公里左右的速度)."""
        s1 = min(s1, span.end + _WINDOW)
        stop = _NEXT_CLAUSE_OR_COLON.search(text, span.end, s1)
        rest = text[span.end : stop.start() if stop else s1]
        q = starts_with(rest, self.after_qualifiers) if qualified else None
        rest = rest[len(q) :] if q else rest
        found = [(i, d) for d in self.de if (i := rest.find(d)) >= 0]
        k, de = min(found) if found else (-1, "")
        if k < 0 or k > 14 or (k > 0 and rest[0] != "、"):
            return ""
        noun = rest[k + len(de) :].strip()
        if not noun or len(noun) > 12 or not _HAN_FIRST.match(noun) or noun.endswith(self.target_after):
            return ""  # …营收1000亿元的奋斗目标: a goal word names no metric
        return noun

    def _after_noun(self, text, span, s1, sent=()) -> str:
        """The noun phrase after a figure, up to the clause end: 4家国家级龙头企业 → 国家级龙头企业.

        Qualifiers and 的 right after the figure are skipped (90%以上的政务服务事项 → 政务服务事项);
        in a list (萍乡市31家、长株潭194家定点医院) the noun after the last figure is taken.
        """
        end = span.end
        if text[end : end + 1] == "、":
            nxt = next((n for n in sent if n.start > end and n.start - end <= 12 and n.label in LABELS_NUMERIC), None)
            if nxt is not None and not any(c in _OPENING for c in text[end : nxt.start]):  # 占比【34.1%】、自行车（含1名…: an aside's
                return self._after_noun(text, nxt, s1, sent)
            return ""
        joint = starts_with(text[end : end + 2], self.joints)
        nxt = next((n for n in sent if n.label in LABELS_NUMERIC and joint and n.start == end + len(joint)), None)
        if nxt is not None and nxt.attrs.get("unit") == span.attrs.get("unit"):
            return self._after_noun(text, nxt, s1, sent)  # 转运了【42名】和41名…移民: the list's last item names the noun
        # 65岁及以上老年人: a joint before a qualifier is the qualifier's
        if joint and starts_with(text[end + len(joint) : end + len(joint) + 3], self.after_qualifiers):
            end += len(joint)
        skip = starts_with(text[end : end + 3], self.after_qualifiers)
        if skip:
            end += len(skip)
            nxt = next((n for n in sent if n.label in LABELS_NUMERIC and n.start == end and n.attrs.get("unit") == span.attrs.get("unit")), None)
            if nxt is not None:  # 一万元以上【十万元】以下的罚款: a range's first end measures the noun after its second
                return self._after_noun(text, nxt, s1, sent)
        end = spec_end(text, end, s1)  # 采用【7英寸】120Hz高刷电竞屏 → 高刷电竞屏: a spec run first is skipped (spec_run)
        space = text[end : end + 1] == " "  # 将保留 【1000%】 的兰博基尼设计基因: a space before 的
        de = starts_with(text[end + space : end + space + 2], self.de)
        if de:
            end += space + len(de)
        # up to 16 characters (a Latin word counted as one: 高分辨率 4K micro-OLED显示屏), before the clause end
        # or a digit, unless a model name's (4K, 5G: digits then a Latin letter, of no span)
        # or a model number's glued to a Latin letter (F-16战机, spec_run)
        stop, n = end, 0
        while stop < s1 and text[stop] not in _CLAUSE_END and n < 16:
            model = model_end(text, stop) if stop > end and text[stop].isdigit() else stop
            if text[stop].isdigit() and (any(d.start <= stop < d.end for d in sent) or not (_MODEL_NAME.match(text, stop) or model > stop)) or (
                    ends_with(text[end:stop], self.joints) and any(d.start == stop and d.label in LABELS_NUMERIC for d in sent)):
                break  # …充电桩和四个 22 kW: a joint and another figure end the noun
            n += not (text[stop].isascii() and text[stop].isalpha() and text[stop - 1].isascii() and text[stop - 1].isalpha())
            stop = max(model, stop + 1)
        after = text[end:stop].strip()
        if _QUOTES[0] not in after:  # 兰博基尼设计基因”: the quote closed after the noun is no part of it
            after = after.rstrip(_QUOTES[1])
        if after in self.period_words:
            return ""  # 【两天】后, 【8天】时间里, 在【2%-2.5%】之间: a time or position word is no noun
        if len(after) <= 2 and stop < s1 and any(d.label == "DATE" and d.start == stop for d in sent):
            return ""  # 净卖出484.30万元截至2023年8月18日: a word or two right before a date lead into it (截至, 减至), they name nothing
        while after.endswith(self.joints):  # 120名医生和30名护士: the joint before the next figure
            after = after[: -len(next(j for j in self.joints if after.endswith(j)))].rstrip()
        if span.attrs.get("unit") in self.event_units and after and _HAN_FIRST.match(after):
            return after  # 两次降低存款准备金率: a count of times names the event after it, a change verb too
        if not after or not (_NOUN_FIRST.match(after) or MODEL_FIRST.match(after)) or starts_with(after, self.up + self.down) or not self._strip_base(after):
            return ""  # …9999.5元增长128.63%: a change word names no metric; (约27元人民币): nor do strip words alone
        if starts_with(after, self.joints) and any(n.label in LABELS_NUMERIC and 0 < n.start - end <= 12 for n in sent):
            return ""  # 开除3人和降职1人: the next item of a list (但 17份与拜登父子的谈话录音 is the noun)
        if self._period_at(after, 0):
            return ""  # 【两个月】后举行大选, 三个月前的预期: a time offset, no noun
        if ((len(after) == 1 or after.isascii()) and after in self.no_metric) or (
                len(after) == 1 and function_words_only(self.word_tags, after)) or (
                len(after) <= 2 and after[0] in self.rules.numerals and self.word_tags.get(after) == "m"):
            # 券后为【888 元】起, 荤菜【5元】一盘, 【2763元】https://: a one-character or Latin no_metric word (not 两个首次:
            return ""  # the firsts counted), a function word or a count of one names no thing (大项 does)
        if self._verb_to(after) and self._after_start_cue(text, span, sent):
            return ""  # 从2017年【3382标箱】发展到…: the change to the next value, no noun
        return after
