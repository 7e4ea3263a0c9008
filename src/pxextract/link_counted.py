"""The noun a count counts, after a lead word (:mod:`pxextract.link_metric`, issue #15 M2): where the words before a
figure end in a lead word (``rules/link_cues.tsv`` count_lead: a verb or preposition jieba does not tag a verb, or one
of a single character: 为期, 改编自, 发现有, 收, 领, 面向, 对), a count of one and its classifier (一块) put aside, and a
noun phrase stands right after the figure (its 的 skipped), the noun after the figure is the metric, not the lead
word: 结束了为期【3天】行程 → 行程, 正面配备一块【12.7英寸】大屏 → 大屏, 改编自上【万例】真实案例 → 真实案例.

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor().extract_text("孩子们结束了为期3天行程。", date="2023-08-01")
    >>> [(s["text"], s.get("metric")) for s in rec["spans"] if s["label"] == "QUANTITY"]
    [('3天', '行程')]
"""

from __future__ import annotations

import regex

from .counted_head import head_after, modal_lead, modifier_noun
from .link_after import _HEAD_TAGS, _NAME_TAGS, _NOT_NOUN
from .link_modifier import degree_after_verb, modified_lead
from .link_words import COUNTED_TAGS, MODIFIER_TAGS, NOUN_TAGS, ends_with, noun_phrase_at, starts_with, tail_tag, word_at

_HAN_LAST = regex.compile(r"\p{Han}\s*$")
_CLAUSE = regex.compile(r"[^，,；;。！？!?：:\n（）()、]*")  # the words after a figure up to its clause end
_NOUN_RUN = regex.compile(r"(?:[A-Za-z][A-Za-z0-9]*)?\p{Han}{0,8}")  # A股上市公司: a noun may open with a Latin letter  # 配备一块: the classifier of a count of one before the figure


def counted_lead(linker, text: str, span, clause_start: int, head_end: str, s1: int, token_starts) -> bool:
    """Whether ``head_end`` (the clause's words before the figure) ends in a count_lead word, a count of one with its
    classifier put aside (正面配备一块【12.7英寸】大屏), and a noun phrase follows the figure, a space or 的 skipped:
    then the noun after the figure names what it counts or measures (改编自上【万例】真实境外网络诈骗案例 → 案例 …)."""
    series, exist = linker.rules.cue("series_lead"), linker.rules.cue("exist_lead")
    leads = linker.rules.cue("count_lead") + series + exist
    if not leads:
        return False
    last = _HAN_LAST.search(head_end)
    cut = last.start() - 1 if last is not None and last.start() > 0 else -1
    one = cut >= 0 and linker.rules.numerals.get(head_end[cut], (0,))[0] in (1, 2)  # 一块, 两台: numerals.tsv values
    words = head_end[:cut] if one else head_end
    words = words.rstrip()
    lead = ends_with(words, leads)
    if lead in exist and not exist_count(linker, text, span, span.end + (text[span.end : span.end + 1] == " "), token_starts):
        lead = None  # 均有【30天】的支付宽限期, 途径有【三种】包括…: no count of the noun after (h328)
    if not lead:
        return tagged_lead(linker, text, span, clause_start, words, s1, token_starts) or modified_lead(linker, text, span, clause_start, s1, token_starts)
    if not lead or any(words[-k:] in linker.word_tags for k in range(len(lead) + 1, 5)) or (
            token_starts is not None and clause_start + len(words) - len(lead) not in token_starts):
        return False  # 东南方向【650公里】, 实现营收【10.93亿元】: 向, 收 end a longer word
    at = span.end + (text[span.end : span.end + 1] == " ")
    if lead in exist:  # 每天有近【20万吨】电煤: a count or measure, a noun word right after it
        return True
    de = starts_with(text[at : at + 2], linker.de)
    if de and lead in linker.span_leads:
        return False  # 为期【12天】的成都第31届…: a duration then 的 is link_metric's _spanned (h156)
    at += len(de) if de else 0
    if lead in series and span.attrs.get("unit") in linker.time_units:
        # 通过连续【5天】蹲点守候 → 蹲点守候; the words before 连续 go with the words after unless they end in a
        # preposition (诈骗成效连续【5个季度】居全国前列 → 诈骗成效连续居全国前列, gold); a duration only (连续【两次】登陆日本)
        if words[: -len(lead)] and tail_tag(linker.word_tags, words[: -len(lead)]) != "p":
            span.attrs["_lead_after"] = "series"
    if noun_phrase_at(linker.word_tags, text, at, s1, token_starts, linker.title_prefixes, COUNTED_TAGS):
        return True
    first = word_at(linker.word_tags, text, at, at + 4, token_starts)[1]
    if lead in series and first == "v":  # the action repeated over the run is what it counts: 通过连续【5天】蹲点守候
        return True
    rest = _CLAUSE.match(text, pos=at).group()
    k = max((rest.rfind(d) + len(d) for d in linker.de if rest.rfind(d) > 0), default=0) if first == "v" and lead not in series else 0
    if 0 < k < len(rest) and noun_phrase_at(linker.word_tags, text, at + k, at + len(rest), token_starts, (), COUNTED_TAGS) and tail_tag(
            linker.word_tags, rest) in _HEAD_TAGS:  # 发现有【69件】包含…的商标: the head noun after the clause's last 的
        span.attrs["_lead_after"] = rest[k:]
        return True
    if (first in _NOT_NOUN and first != "d") or first == "v":  # 真实 (d) 境外网络诈骗案例: jieba tags 真实 an adverb
        return False  # 发现有【69件】包含…的商标: a verb opens the words after the figure
    # 大屏, 真实境外网络诈骗案例: words of no noun tag first, a noun last
    noun = linker._noun_words(text, at, len(_NOUN_RUN.match(text, pos=at).group()), token_starts, verbs=False, modifiers=True)
    return tail_tag(linker.word_tags, noun) in _HEAD_TAGS


def exist_count(linker, text: str, span, at: int, token_starts) -> bool:
    """Whether a count or measure after 有 (link_cues exist_lead) counts the noun right after it (issue #15 M2, h328):
    one of no time nor age unit whose next word jieba tags a noun (每天有近【20万吨】电煤 → 电煤, 仅有【31名】盗猎犯罪分子
    被定罪 → 盗猎犯罪分子), or, a count, a noun morpheme (沿线有【88个】村 → 村); not one character run on into a verb
    (有【140头】牛需要转移, 有【10多辆】车送游客去: not cut), a verb (途径有【三种】包括…) nor an adjective (有【5到7吨】重)."""
    if span.label not in ("CARDINAL", "QUANTITY") or span.attrs.get("unit") in linker.time_units | linker.age_units:
        return False  # 均有【30天】的支付宽限期, 有一名【25岁】的战士 (link_age)
    tags = linker.word_tags
    k, tag = word_at(tags, text, at, at + 4, token_starts)
    tag = tag or tags.get(text[at : at + 1]) or ""  # 电煤: a word the dictionary lacks, its first character's (电)
    verb_next = (word_at(tags, text, at + 1, at + 5, token_starts)[1] or tags.get(text[at + 1 : at + 2])) == "v"
    if k == 1 and (tag.startswith("n") or tag in ("zg", "ng")) and verb_next:
        return False
    return bool(_HAN_FIRST.match(text, at)) and (tag.startswith("n") or (tag in ("zg", "ng") and span.label == "CARDINAL"))


def counted_after(span, phrase: str, after: str) -> str:
    """The metric from the noun after a figure (``after``) as :func:`counted_lead` marked it: the words before 连续 joined
    (出口已连续【10个月】衰退 → 出口已连续衰退), the head noun after a verb phrase's last 的 (发现有【69件】包含该字样的商标 →
    商标), else ``after``."""
    how, noun = span.attrs.pop("_lead_after", None), span.attrs.pop("_after_noun", "")
    if noun and noun in after:
        return noun  # 一段【14分钟】长的视频 → 视频, 一座【9层】楼上 → 楼 (link_modifier)
    if how == "series":
        return phrase + after
    return how if how and len(how) < len(after) and after.endswith(how) else after


def counted_first(linker, text: str, span, sent, after: str, token_starts) -> str:
    """The counted noun of a count whose noun runs on into a measure of them that a figure after it gives (link_cues
    count_measure opening a word of its own, 总 平均 面积): 76座中型水库总蓄水量为8.92亿立方米 → 中型水库, 震中5公里范围内
    平均海拔约608米 → 范围 (a position word, 内, put aside); a count only (a classifier), not an amount (元, 吨).
    A count's words after it that a verb opens give the noun after their 的 (:func:`counted_run`): 共有【120名】来自全国的
    跑酷小达人 → 跑酷小达人."""
    after = _sum_cut(linker, text, span, _attribute_owner(linker, text, span, _run_on_noun(linker, text, span, head_after(linker, text, span, after, token_starts), token_starts)), sent)
    cues = linker.rules.cue("count_measure")
    at = text.find(after, span.end)
    if not cues or token_starts is None or span.label not in ("CARDINAL", "QUANTITY") or at < 0 or at - span.end > 3:
        return after
    stop = next((k for k in range(at + len(after), len(text)) if text[k] in "，,；;。！？!?\n"), len(text))
    if not any(n.start >= at + len(after) and n.end <= stop and n.label in ("CARDINAL", "QUANTITY", "MONEY", "PERCENT") for n in sent):
        return after  # no figure after: nothing measures the second noun
    for k in range(2, len(after) - 1):
        cue = starts_with(after[k:], cues)
        word = next((j for j in range(k + 1, len(after) + 1) if at + j in token_starts or j == len(after)), len(after))
        if not cue or at + k not in token_starts or 0 < word - k - len(cue) < 2:
            continue  # 企业总部, 群体总体: the cue opens a word of its own (总|蓄水量, 总面积), not a noun (总部)
        head = after[:k]
        if linker._noun_words(text, at, k, token_starts) != head:
            return after  # 品种农副产品价格低于全省平均价格: a verb before the cue, it is no part of the counted noun
        pos = ends_with(head, tuple(linker.period_words))  # 5公里范围内平均海拔: a position word (内) before the measure
        if pos and span.label == "QUANTITY" and len(head) > len(pos) + 1:
            return head[: -len(pos)]  # 范围内 → 范围
        if span.label == "CARDINAL" and not pos and tail_tag(linker.word_tags, head) in _HEAD_TAGS:
            return head
        return after
    return after


def _attribute_owner(linker, text: str, span, after: str) -> str:
    """The noun before the 的 of a count's words where the noun after it names an attribute of that noun (link_cues
    count_attribute; count_member after a classifier that counts no persons, person_classifier): 18万名持证家政员的信息
    → 持证家政员, 14家受赠单位的代表 → 受赠单位 (h246); else ``after`` (3名受赠单位的代表 → 代表)."""
    at = text.find(after, span.end) if after and span.label == "CARDINAL" else -1
    de = ends_with(text[span.end : at], linker.de) if at > span.end + 2 else None
    if not de or not regex.fullmatch(r"\p{Han}+", text[span.end : at]):
        return after
    words = linker.rules.cue("count_attribute")
    if span.attrs.get("unit") not in linker.rules.cue("person_classifier"):
        words = words + linker.rules.cue("count_member")
    owner = text[span.end : at - len(de)]
    if not ends_with(after, words) or len(owner) < 2 or tail_tag(linker.word_tags, owner) not in _HEAD_TAGS:
        return after
    return owner


def _sum_cut(linker, text: str, span, after: str, sent) -> str:
    """A count's noun without the link_cues sum_word (共) that ends it before a figure: 转了【30笔】钱款共10976元 → 钱款,
    【6个】支队共368名消防救援人员 → 支队 (h246)."""
    w = ends_with(after, linker.rules.cue("sum_word")) if after else None
    at = text.find(after, span.end) if w else -1
    if at < 0 or len(after) - len(w) < 2 or not any(n.start == at + len(after) for n in sent):
        return after
    return after[: -len(w)]


def counted_sum(linker, text: str, span, phrase: str, sent) -> bool:
    """Whether a sum of money follows a count of its items, their noun and a link_cues sum_word (共, 共计): 先后转了30笔钱款共
    【10976元】到…账户 → 钱款, the noun the count before counted, kept though it has two characters only (h239)."""
    w = span.label == "MONEY" and phrase and ends_with(text[: span.start], linker.rules.cue("sum_word"))
    at = span.start - len(w or "") - len(phrase)
    return bool(w) and text[at : span.start - len(w)] == phrase and any(n.label == "CARDINAL" and n.end == at for n in sent)


__all__ = ["modal_lead", "counted_after", "counted_change", "counted_first", "counted_lead", "counted_noun", "counted_run", "counted_sum", "degree_after_verb", "lead_preposition_cut", "object_cut", "tagged_lead"]


def lead_preposition_cut(linker, phrase: str) -> str:
    """A metric without a preposition opening it (link_cues lead_preposition, 在) where it is a word of its own and a
    phrase of three characters or more is left, opening with a word of two or more: 超市在支付部分奖励费【150000元】 → 支付部分奖励费 (issue #15, h206); not
    before a lead_preposition_not word (在任管理基金数, 在手项目) nor a dictionary word it opens (在校学生, 在建里程), nor before a character of its own (在站博士后, 在燃野火)."""
    p = starts_with(phrase, linker.rules.cue("lead_preposition"))
    if not p or len(phrase) - len(p) < 3 or starts_with(phrase, linker.rules.cue("lead_preposition_not")):
        return phrase  # 在奥莱: a word of two left would be read as no metric
    if word_at(linker.word_tags, phrase, 0, len(phrase))[0] != len(p) or word_at(linker.word_tags, phrase, len(p), len(phrase))[0] < 2:
        return phrase  # 在校, 在建, 在此期间: a word of the dictionary; 在查案件, 在美上市: a character of its own after it
    return phrase[len(p) :]


_LEAD_TAGS = ("v", "p")


def _tail_token(linker, words: str, clause_start: int, token_starts) -> tuple[str, str | None]:
    """The segmenter's last token of ``words`` and its jieba dictionary tag; a token of four characters or more that the
    dictionary tags no verb is read by its last two (严格执行 nr → 执行 v)."""
    end = clause_start + len(words)
    start = next((k for k in range(end - 1, max(clause_start, end - 8) - 1, -1) if k in token_starts), max(clause_start, end - 2))
    word = words[start - clause_start :]
    tag = linker.word_tags.get(word)
    if tag not in _LEAD_TAGS and len(word) >= 4 and linker.word_tags.get(word[-2:]) == "v":
        return word[-2:], "v"
    return word, tag


def tagged_lead(linker, text: str, span, clause_start: int, words: str, s1: int, token_starts) -> bool:
    """Whether the words before a figure end in a token jieba tags a verb or preposition, or in 将/把 (an object pronoun
    after them, 将此), 以 or 每, and a noun phrase of the same clause follows the figure (its 的 skipped), no unit, time or
    position word: that noun is what the figure counts or measures (issue #15 M2, h208): 该公司将以【50元】的价格 → 价格,
    严格执行【24小时】值班制度 → 值班制度, 工地负责人将此【5万元】工程款 → 工程款; not after 达, 为, 是 (营收达【10亿元】规模:
    the noun before, link_cues amount_lead); link_cues object_lead: 将此, 以, 每."""
    if token_starts is None or len(words) < 2:
        return False
    mark = ends_with(words, tuple(sorted(linker.rules.cue("object_lead"), key=len, reverse=True)))
    word, tag = _tail_token(linker, words, clause_start, token_starts)
    amounts = linker.rules.cue("amount_lead")
    if not mark and (tag not in _LEAD_TAGS or word in amounts or ends_with(word, linker.up + linker.down)
                     or word in linker.rules.cue("start") or (len(word) == 1 and words[-2] in amounts)):
        return False  # 纳指跌超【2%】, 回落至【2%】目标, 从近【5天】…: an amount or level of the noun before, a start
    space = text[span.end : span.end + 1] == " "
    de = starts_with(text[span.end + space : span.end + space + 2], linker.de)
    if (space and not de) or (mark in linker.manner and not de):
        return False  # 约需【2分钟】 新京报记者…: a space, no 的, parts a byline; 则以【15.6%】垫底: 以 without 的 leads a verb
    at = span.end + space + (len(de) if de else 0)
    rest = _CLAUSE.match(text, pos=at).group()
    n, first = word_at(linker.word_tags, text, at, at + 4, token_starts)
    head = text[at : at + n]
    if not rest or n < 2 or head in linker.period_words or head in linker.time_units or head in linker.no_metric or (
            not linker._strip_base(head)) or starts_with(head, linker.target_after + linker.level_words) or first in _NAME_TAGS:
        return False  # 【3天】时间, 涨【0.43%】报, 回落至【2%】目标, 占比【9.2%】三星: a time, unit, goal or name word, no counted noun
    if first in ("v", "vn") and not rest[n:]:
        return False  # 以【10000元】出售, 向【四周】发展: a verb ends the clause, no noun
    if first == "v" and not mark and span.attrs.get("unit") in linker.time_units and tag == "v":
        # 严格执行【24小时】值班制度: a duration then a verb and its noun, the activity timed (as series_lead's 连续【3天】加班)
        return word_at(linker.word_tags, text, at + n, at + n + 4, token_starts)[1] in COUNTED_TAGS
    if noun_phrase_at(linker.word_tags, text, at, s1, token_starts, linker.title_prefixes, COUNTED_TAGS):
        return True
    return not de and counted_run(linker, text, span, at, at + len(rest), token_starts)


_RUN_TAGS = _HEAD_TAGS | MODIFIER_TAGS | _NAME_TAGS | {"nrt", "nrfg", None}  # the words of a counted noun run
_RUN_ANY = _RUN_TAGS | {"v", "d"}  # after 的: a noun run may open with a verb or adverb jieba tags (跑|酷|小|达|人)


def _noun_run(linker, text: str, at: int, end: int, token_starts, tags=_RUN_TAGS) -> str:
    """The words from ``at`` up to the last noun (jieba n*, vn, a noun morpheme, or a word jieba lacks ending in one)
    before a word of another tag, or, once a noun was seen, a verb: 摸鱼|键 → 摸鱼键, 宙|斯盾舰 → 宙斯盾舰 (舰 n),
    跑|酷|小|达|人|齐聚 → 跑酷小达人."""
    k, last, seen = at, at, False
    while k < end:
        n, tag = word_at(linker.word_tags, text, k, end, token_starts)
        if tag not in tags or (seen and tag in ("v", "d")):
            break
        if tag in _HEAD_TAGS or (tag is None and tail_tag(linker.word_tags, text[at : k + n]) in _HEAD_TAGS):
            last, seen = k + n, True
        k += n
    return text[at:last]


_DE_GAP = 12  # the longest verb phrase between a count and its 的
_HAN_FIRST = regex.compile(r"\p{Han}")


def _subject_verb(linker, text: str, at: int, end: int, token_starts) -> bool:
    """Whether a verb follows a noun in ``text[at:end]`` (the words between a count and its 的): the noun is then the
    subject of a clause of its own, not the object of a phrase that modifies the noun after 的: 【400名】与会人员出现
    不同程度的中暑症状."""
    k, seen = at, False
    while k < end:
        n, tag = word_at(linker.word_tags, text, k, end, token_starts)
        if seen and tag == "v":
            return True
        seen = seen or tag in NOUN_TAGS
        k += n
    return False


def counted_run(linker, text: str, span, at: int, end: int, token_starts) -> bool:
    """Whether a count with a classifier (CARDINAL: 艘, 个, 名; no event, time or place unit) after a verb or preposition
    counts the words after it though jieba tags them no noun phrase (issue #15 M2, h241): a run of nouns, modifiers and
    words jieba lacks ending in a noun (新建【2艘】宙斯盾舰 → 宙斯盾舰, 增加【1个】摸鱼键 → 摸鱼键), or the noun after a
    phrase and its 的 that a verb opens (共有【120名】来自全国的跑酷小达人 → 跑酷小达人, 抓获【3名】涉嫌盗窃的嫌疑人); not
    a verb phrase (【3次】打破纪录: an event unit), a figure or a unit after it."""
    unit = span.attrs.get("unit")
    if span.label != "CARDINAL" or not unit or unit in linker.event_units | linker.time_units | linker.place_units:
        return False
    if linker.word_tags.get(unit) in NOUN_TAGS:
        return False  # 【3人】, 【2户】居民: a unit that is a noun itself counts no noun after it
    n, first = word_at(linker.word_tags, text, at, end, token_starts)
    if first in _RUN_TAGS and first not in _NAME_TAGS or (first in _NAME_TAGS and at + n < end):
        noun = _noun_run(linker, text, at, end, token_starts)
    elif first == "v":
        de = [k + len(d) for d in linker.de for k in [text.find(d, at, min(end, at + _DE_GAP))] if k > at]
        k = min(de, default=0)
        if not k or not _HAN_FIRST.match(text, k) or any(c.isdigit() for c in text[at:k]) or _subject_verb(linker, text, at, k, token_starts):
            return False  # 【3个】打破纪录: a verb and its object, no 的; 涉及利拉鲁肽的“疑似…: a quote after 的
        noun = _noun_run(linker, text, k, end, token_starts, _RUN_ANY)
    else:
        return False
    if len(noun) < 2 or noun in linker.period_words or noun in linker.time_units or noun in linker.no_metric:
        return False
    if tail_tag(linker.word_tags, noun) not in _HEAD_TAGS:
        return False
    span.attrs["_after_noun"] = noun
    return True


def _run_on_noun(linker, text: str, span, after: str, token_starts) -> str:
    """The noun after the 的 of a verb phrase that ``after`` (the words right after a count) opens with: 来自全国的跑酷
    小达人参赛 → 跑酷小达人 (:func:`counted_run`), else ``after``."""
    at = text.find(after, span.end) if after else -1
    if token_starts is None or at < 0 or at - span.end > 1 or word_at(linker.word_tags, text, at, at + len(after), token_starts)[1] != "v":
        return after
    if not counted_run(linker, text, span, at, at + len(after), token_starts):
        return after
    return span.attrs.pop("_after_noun", after)


def counted_change(linker, text: str, span, s1: int, sent, token_starts) -> str:
    """The noun a count with a classifier (CARDINAL: 个, 家, 条; no event, time or place unit, no unit that is a noun
    itself) counts after a change word right before it (issue #15 M2, h244): 该款键盘还增加【1个】摸鱼键 → 摸鱼键,
    每月减少【5000个】就业岗位 → 就业岗位, the change kept (up, down); else "" (门店数量增加【5家】: no noun after, the
    noun before; 上升【11个】点位: link_cues count_unit_word, a unit after)."""
    unit = span.attrs.get("unit")
    if span.label != "CARDINAL" or not unit or unit in linker.event_units | linker.time_units | linker.place_units or (
            linker.word_tags.get(unit) in NOUN_TAGS) or token_starts is None:
        return ""
    at = span.end + (text[span.end : span.end + 1] == " ")
    rest = _CLAUSE.match(text, pos=at).group()
    n, first = word_at(linker.word_tags, text, at, at + len(rest), token_starts)
    if len(rest) < 2 or starts_with(rest, linker.rules.cue("count_unit_word")) or starts_with(rest, linker.de) or rest[:n] in linker.rules.units:
        return ""  # 上升【11个】点位, 增加【三四个】人的就业: a unit after, no noun counted
    if first == "v" and _noun_run(linker, text, at, at + len(rest), token_starts, _RUN_ANY) == rest:
        noun = rest  # 每月减少【5000个】就业岗位: a verb and its noun end the clause
    elif noun_phrase_at(linker.word_tags, text, at, s1, token_starts, linker.title_prefixes, COUNTED_TAGS):
        noun = linker._noun_head(text, linker._after_noun(text, span, s1, sent), span.end, token_starts)
    elif counted_run(linker, text, span, at, at + len(rest), token_starts):
        noun = span.attrs.pop("_after_noun", "")
    else:
        return ""
    if len(noun) < 2 or noun in linker.period_words or noun in linker.no_metric or starts_with(noun, linker.level_words):
        return ""
    span.attrs["_base_metric"] = noun
    return noun


_AFTER_NOUN = frozenset(("v", "p", "d", "c", "uj", "ul", "r", "f", "u", "i"))  # the word after a counted noun: a verb or a function word


def counted_noun(linker, text: str, span, sent, token_starts) -> bool:
    """Whether a count with a classifier counts the noun run right after it though the words before it end in no verb
    (issue #15 M2, h249): a noun, a name or an adverb before the figure, jieba lacking the noun's words (获得胜利油田【45台】
    修井机 → 修井机, 伯克希尔【两位】资管经理 → 资管经理, 罗汉果【十种】食材 → 食材), a verb phrase and its 的 after the figure
    (:func:`counted_run`: 店内【11个】存放金银首饰的柜台 → 柜台) or an adjective and its 的 (切【两个】小的切口 → 切口). Not a
    quote, a Latin letter, a unit word (上升【11个】点位, link_cues count_unit_word) or 的 right after the figure (a noun
    before 的 owns the noun after it); nor a noun run that ends inside a word or before a noun (主餐|窗口), that a figure
    follows (查获真烟【96565万支】假烟20934万支: the next one's); not a count of shares (link_cues share_classifier:
    增持【14.59万股】广汽集团, the stock's name after it)."""
    if token_starts is None or span.label != "CARDINAL" or span.attrs.get("unit") in linker.rules.cue("share_classifier"):
        return False
    at = span.end + (text[span.end : span.end + 1] == " ")
    rest = _CLAUSE.match(text, pos=at).group()
    if len(rest) < 2 or starts_with(rest, linker.rules.cue("count_unit_word")) or starts_with(rest, linker.de) or not _HAN_FIRST.match(rest):
        return False  # 【46名】“杀人预告”发帖者, 【两个】GH200芯片: a quote or a Latin name after, its words are not read
    if not (_modified_noun(linker, text, span, at, at + len(rest), token_starts) or counted_run(linker, text, span, at, at + len(rest), token_starts)
            or _de_before(linker, text, span, at, at + len(rest), token_starts) or modifier_noun(linker, text, span, token_starts)):
        return False
    noun = span.attrs.get("_after_noun", "")
    end = text.find(noun, at) + len(noun)
    cut = end < at + len(rest) and (word_at(linker.word_tags, text, end, at + len(rest))[1] not in _AFTER_NOUN or any(
        text[end - i : end + j] in linker.word_tags for i in (1, 2) for j in (1, 2, 3)))  # 主餐|窗口, 巡河人员正在雨|中
    figure = any(n.start == end and n.label in ("CARDINAL", "QUANTITY", "MONEY", "PERCENT") for n in sent)
    if cut or figure:
        span.attrs.pop("_after_noun", None)
        return False
    return True


def _de_before(linker, text: str, span, at: int, end: int, token_starts) -> bool:
    """Whether a count with a classifier right after a 的 (a relative clause or an owner before it) counts the noun run
    after it though a verb opens it (issue #15 M2, h267): 周振宇就领办的【3件】信访事项 → 信访事项, 由40余名警力组成的
    【16个】抓捕小组 → 抓捕小组, 提出的【二十二条】具体修改建议 (link_cues noun_classifier: 条, jieba's noun); no run that a verb
    of one character opens (从巴特那的【16个】到班加罗尔), none but Chinese."""
    unit = span.attrs.get("unit")
    if not ends_with(text[: span.start], linker.de) or not unit or unit in linker.event_units | linker.time_units | linker.place_units or (
            linker.word_tags.get(unit) in NOUN_TAGS and unit not in linker.rules.cue("noun_classifier")):
        return False  # 参议员中的【97人】, 最近的【两次】: a unit that is a noun itself or an event unit counts no noun after it
    n, first = word_at(linker.word_tags, text, at, end, token_starts)
    noun = _noun_run(linker, text, at, end, token_starts, _RUN_ANY)
    if (first == "v" and n == 1) or len(noun) < 2 or not regex.fullmatch(r"\p{Han}+", noun) or noun in linker.no_metric or (
            noun in linker.period_words) or tail_tag(linker.word_tags, noun) not in _HEAD_TAGS:
        return False
    span.attrs["_after_noun"] = noun
    return True


def _modified_noun(linker, text: str, span, at: int, end: int, token_starts) -> bool:
    """Whether an adjective alone and its 的 stand between a count and the noun it counts (h249): 切【两个】小的切口 → 切口,
    【3个】不同的小朋友 → 小朋友, 【两个】主要的好莱坞工会 → 好莱坞工会 (not 【3个】大型商场的停车场: a noun before 的)."""
    unit = span.attrs.get("unit")
    if not unit or unit in linker.event_units | linker.time_units | linker.place_units or linker.word_tags.get(unit) in NOUN_TAGS:
        return False
    n, first = word_at(linker.word_tags, text, at, end, token_starts)
    de = starts_with(text[at + n : at + n + 2], linker.de)
    if first not in ("a", "b") or not de:
        return False
    noun = _noun_run(linker, text, at + n + len(de), end, token_starts, _RUN_ANY)
    if len(noun) < 2 or noun in linker.no_metric or tail_tag(linker.word_tags, noun) not in _HEAD_TAGS:
        return False
    span.attrs["_after_noun"] = noun
    return True


def object_cut(linker, text: str, noun: str, start: int, lead_end: int, token_starts) -> str:
    """The noun after a figure (``noun``, from ``start`` on) up to its last noun before a verb or adverb where the words
    before the figure end (``lead_end``) in a token jieba tags a preposition (为, 对, 向, 由, 被, a whole token): the count
    is the preposition's object, the verb after its noun the clause's (h264): 为【904名】农民工兜底解决欠薪问题 → 农民工,
    被【20家】机构评级买入 → 机构评级; not before a joint (扩大至【228个】国家和地区) nor after a name alone (被【两名】美国|选手
    反超: jieba tags 选手 v)."""
    at = text.find(noun, start) if noun and token_starts is not None else -1
    k = next((k for k in range(lead_end - 1, max(0, lead_end - 4) - 1, -1) if k in token_starts), None) if at >= 0 else None
    if k is None or linker.word_tags.get(text[k:lead_end]) != "p" or any(text[lead_end - j : lead_end] in linker.word_tags for j in range(lead_end - k + 1, 5)):
        return noun  # 东南方向: a preposition ending a longer word
    run = _noun_run(linker, text, at, at + len(noun), token_starts)
    nxt = word_at(linker.word_tags, text, at + len(run), at + len(noun), token_starts)[1]
    return run if run and nxt in ("v", "d") and tail_tag(linker.word_tags, run) not in _NAME_TAGS else noun
