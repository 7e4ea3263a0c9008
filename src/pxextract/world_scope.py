"""A figure of the whole world (issue #15 S6): a clause that opens with a world scope word
(``rules/link_cues.tsv`` scope_world: 全球, 全世界), at most after a time expression or a
connective, and names no place or body of its own is no one's figure — not the article's
country, not the analyst or company the sentence goes on about. Its subject is ``null``
(docs/annotation.md §6: 世界黄金协会…报告显示，全球黄金需求921吨 → null).

Not when the clause names a place or body, before the figure or after it: 全球有超63%的动力电池由
中国供应 → 中国; nor a comparison with the world inside a clause that opens otherwise
(中国新能源汽车产销量占全球比重超过60% → 中国: the clause opens with 中国); nor a rank or share of
the world (scope_world_not: 全球首店【1家】, 全球唯一的三胞胎大熊猫, 全球占比【23%】); nor after a body's own
world-wide figure in the sentence (OPPO全球专利申请量超过91000件，全球授权数量超过【47000件】 → OPPO);
nor a clause that only follows a list mark (时代使命、责任担当、全球盛会【3个】篇章).

全国 (scope_nation) opening such a clause is the country's (:func:`chinese_article`: in Chinese news 中国, as a
quoted national figure in a city report is; scope_nation_not: designations and ranks, 全国首店, 全国占比, 全国重点…);
国内 (scope_domestic) too, in a place's article (:func:`nation_words`: 国内汽油价格每吨上调【200元】 in 江门's → 中国).

The scope carries on (:func:`carried_scope`) to the later clauses of the figure's sentence that name no one of their
own: 上半年全国光伏发电量【2600亿千瓦时】，同比增长约【30%】 → 中国 for both. A country's whole (scope_whole: 韩国全国, 韩国全境)
in a figure's clause is that country's (:func:`whole_country`), not the article's region; a capital written after its
country (capital_link: 韩国首都首尔) is one place with it, the city (:func:`capital_after`).

A figure of a quoted national law's provision is no one's (issue #15 S5; advice and study findings too: :func:`general_figure`): a sentence that cites a law, a regulation
or a judicial interpretation by its title (《…法》, 《…条例》, 《…解释》: ``rules/link_cues.tsv`` provision_title_end) with
its provision word (provision_verb: 规定, 之规定) and then states the rule as a condition (…的，处…) gives thresholds and
penalties of everyone, not of the article's district or court (docs/annotation.md §6, a general rule: null):
《最高人民法院、最高人民检察院关于办理盗窃刑事案件适用法律若干问题的解释》第三条之规定，二年内盗窃【三次】以上的，应当认定为
“多次盗窃” → null, not 上海市金山区 (the case's district).

Not a title headed by a place other than the nation (provision_nation: 中华人民共和国): a province's or city's own
regulation keeps its place (《江西省人口与计划生育条例》第三十一条规定，…增加产假九十日 → 江西省), nor a government's own
measures or notice (《…若干措施》明确, 《通知》: no title end); nor a penalty applied to a party (依据《…》第二十六条规定，
崔某某…被行政拘留10日; …对涉案公司作出罚款20万元的行政处罚): no condition ``的，`` around the figure, or a person between (:func:`provision_figure`).

Example:
    >>> from pxextract.spans import Span
    >>> text = "报告显示，2023年第二季度全球智能手机市场同比下降10%。"
    >>> fig, date = Span(26, 29, "PERCENT", "10%"), Span(5, 14, "DATE", "2023年第二季度")
    >>> world_figure(text, fig, [date, fig], 5, ("全球",), lambda t, at, end, sent: date.end if at == date.start else None)
    True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import regex

from .advice_figure import advice_figure, penalty_range
from .clauses import CLAUSE_END
from .conditional_figure import conditional_figure
from .labels import LABELS_NUMERIC
from .market_index import market_index
from .sentence_firsts import any_in, first_at, last_before, last_followed, last_match, mentions, within
from .spans import Span

_MARK_END = regex.compile(r"[\uff0c,\u3002\uff1b;\uff01\uff1f!?\n]")  # a provision's clause ends at a comma too
_MARK = regex.compile(r"[^、\w]")  # a clause opened by punctuation or white space, not a list's 、
_PROVISION_REACH = 1 + 60 + 1 + 16 + 1  # a provision_cue match is at most this long past its verb: 《, the title, 》, the article, the mark


class ScopeCues(NamedTuple):
    """The cue words of this module, from ``rules/link_cues.tsv`` (:func:`scope_cues`)."""

    world: tuple[str, ...]  # scope_world: 全球, 全世界
    world_nots: tuple[str, ...]  # scope_world_not: 全球首店, 全球占比 …
    nation: tuple[str, ...]  # scope_nation: 全国
    nation_nots: tuple[str, ...]  # scope_nation_not: 全国首店, 全国重点 …
    wholes: tuple[str, ...]  # scope_whole: 全国, 全境 after a country
    capitals: tuple[str, ...]  # capital_link: 首都
    provisions: tuple[tuple[str, ...], ...]  # provision_title_end, provision_verb, provision_nation, provision_condition
    provision_cue: regex.Pattern | None = None  # provision_cue(provision_verb), built once
    advice: tuple[tuple[str, ...], ...] = ((), (), (), ())  # advice_cap, study_finding, advice_order, study_part (pxextract.advice_figure)
    penalty: tuple[tuple[str, ...], ...] = ((), (), (), ())  # penalty_range_verb, _bound, _noun, _party (advice_figure.penalty_range)
    estimate: tuple[tuple[str, ...], ...] = ((), (), (), ())  # data_firm, research_end, estimate_verb + data_verb, anaphor_prefix (market_estimate)
    speech: tuple[str, ...] = ()  # speech_verb: 表示, 介绍 (spoken_scope)
    indexes: tuple[tuple[str, ...], ...] = ((), (), (), (), ())  # market_index, anaphor_prefix, market_index_tail, sector_word, sector_move (pxextract.market_index)
    local_ends: tuple[str, ...] = ()  # provision_local_end: 条例, 办法 (pxextract.local_rule)
    domestic: tuple[str, ...] = ()  # scope_domestic: 国内, a scope_nation word only in a place's article (nation_words)
    conditions: tuple[tuple[str, ...], ...] = ((), ())  # condition_word, condition_anaphor (pxextract.conditional_figure)


def scope_cues(rules) -> ScopeCues:
    """The :class:`ScopeCues` of ``rules``."""
    cue = rules.cue
    return ScopeCues(cue("scope_world"), cue("scope_world_not"), cue("scope_nation"), cue("scope_nation_not"), cue("scope_whole"),
                     cue("capital_link"), tuple(cue(k) for k in ("provision_title_end", "provision_verb", "provision_nation", "provision_condition")),
                     provision_cue(cue("provision_verb")) if cue("provision_verb") else None,
                     tuple(cue(k) for k in ("advice_cap", "study_finding", "advice_order", "study_part")),
                     tuple(cue(k) for k in ("penalty_range_verb", "penalty_range_bound", "penalty_range_noun", "penalty_range_party")),
                    (cue("data_firm"), cue("research_end"), cue("estimate_verb") + cue("data_verb"), cue("anaphor_prefix")), cue("speech_verb"),
                     (cue("market_index"), cue("anaphor_prefix"), cue("market_index_tail"), cue("sector_word"), cue("sector_move")), cue("provision_local_end"), cue("scope_domestic"),
                     (cue("condition_word"), cue("condition_anaphor")))


def nation_words(cues: ScopeCues, article_subject: str | None, resolve) -> tuple[str, ...]:
    """The words that open a nation's clause (:func:`world_figure`) in an article on ``article_subject``: scope_nation
    (全国) always, scope_domestic (国内) only when the subject is a place or there is none (h317, S7): 江门市油价调整。国内汽油
    价格每吨上调【200元】 → 中国 (:func:`chinese_article`); a body's 国内 is its own home market (中兴通讯…国内业务同比增长【6.19%】)."""
    if cues.domestic and (article_subject is None or resolve(article_subject) is not None):
        return cues.nation + cues.domestic
    return cues.nation


def provision_cue(verbs: tuple[str, ...]) -> regex.Pattern:
    """A law's title in book marks, its article and clause (第三条之, 第四十二条的相关) and a provision word of ``verbs``, then
    a comma or colon: 《中华人民共和国治安管理处罚法》第六十六条规定，"""
    return regex.compile(rf"\u300a([^\u300a\u300b\n]{{2,60}}?)\u300b[^\u300a\u300b\p{{P}}\n]{{0,16}}?(?:{'|'.join(map(regex.escape, verbs))})[\uff0c,\uff1a:]")


def world_figure(text: str, span: Span, sent: list[Span], clause_start: int, words: tuple[str, ...],
                 skip: Callable[[str, int, int, list[Span]], int | None], nots: tuple[str, ...] = ()) -> bool:
    """Whether ``span``'s clause opens with a world scope word (past what ``skip`` skips: white space,
    a DATE, a topic opener), not one of ``nots``, and names no place or organisation anywhere in it."""
    if not words or (clause_start > 0 and not _MARK.match(text, clause_start - 1)):
        return False
    at = clause_start
    while at < span.start and not text.startswith(words, at):
        at = skip(text, at, span.start, sent)
        if at is None:
            return False
    if at >= span.start or text.startswith(nots, at):
        return False
    if any(e.label in ("GPE", "ORG") and e.end < span.start and text.startswith(words, e.end) for e in sent):
        return False  # OPPO全球专利申请量…，全球授权数量: the body's own world-wide figures
    m = CLAUSE_END.search(text, span.end)
    end = m.start() if m else len(text)
    return not any(e.label in ("GPE", "ORG") and clause_start <= e.start and e.end <= end for e in sent)


def world_wide(text: str, span: Span, sent: list[Span], clause_start: int, sentence_start: int | None, cues: ScopeCues,
               skip: Callable[[str, int, int, list[Span]], int | None]) -> bool:
    """Whether ``span`` is the world's (:func:`world_figure`), or the world scope carries on to it from the figure before
    in its sentence (:func:`carried_scope`; h262): 全球CRM器械市场由2016年的97亿美元扩大至2021年的【106亿美元】; 全球智能手机
    市场同比下降10%，达【2.58亿部】 → null, not the article's company. Marks it ``_scope`` ``world`` for the figures after
    it; not when its own clause set another scope (全球…增长5%，全国增长【3%】)."""
    if world_figure(text, span, sent, clause_start, cues.world, skip, cues.world_nots) or span.attrs.get("_scope") == WORLD or (
            sentence_start is not None and span.attrs.get("_scope") in (None, WORLD) and carried_scope(text, span, sent, sentence_start) == WORLD):
        span.attrs["_scope"] = WORLD
        return True
    return False


def market_estimate(text: str, span: Span, sent: list[Span], sentence_start: int | None, firms: tuple[str, ...],
                    ends: tuple[str, ...], verbs: tuple[str, ...], anaphors: tuple[str, ...]) -> int | None:
    """Where the market's place may be written (after the firm, else the sentence's start) when ``span`` is a research or
    data firm's estimate (h270, S6): its sentence names such a firm (data_firm, or an ORG ending in research_end: 研究院,
    咨询, Research) and an estimate or data word (estimate_verb, data_verb: 预计, 数据显示), and no other body, no person
    and no anaphor (anaphor_prefix: 该股) before the figure or in its clause. The company the article is about is no
    owner of it: TrendForce预计…AI服务器出货量近【120万台】 → null; IDC数据显示，中国智能手机市场出货量同比下降【2.1%】 → 中国.
    Not 苹果智能手机出货量为4300万台，市场份额…至【17%】 (the company's own). None when it is no such figure.

    >>> text = "IDC数据显示，中国智能手机市场出货量同比下降2.1%。"
    >>> fig, firm = Span(23, 27, "PERCENT", "2.1%"), Span(0, 3, "ORG", "IDC")
    >>> market_estimate(text, fig, [firm, Span(8, 10, "GPE", "中国"), fig], 0, ("IDC",), (), ("数据显示",), ("该",))
    3
    """
    if sentence_start is None or not verbs or not any_in(text, verbs):
        return None  # (no estimate or data word in the text: none in the sentence)
    at = first_at(text, span.end, CLAUSE_END)  # marks and words by a bisect, a firm's mentions once per sentence (h288)
    end = at if at >= 0 else len(text)
    at = first_at(text, span.end, _SENTENCE_MARK)
    stop = at + 1 if at >= 0 else len(text)  # the sentence is text[sentence_start:stop]
    if not any(within(text, sentence_start, w, stop) for w in verbs) or any(within(text, sentence_start, w, end) for w in anaphors):
        return None
    firm = [(e.start, e.end) for e in sent if e.label == "ORG" and (e.text in firms or e.text.endswith(ends))] + [
        ab for w in firms if within(text, sentence_start, w, stop) for ab in mentions(text, w, sentence_start, stop)]
    if not firm or any(e.label in ("ORG", "PERSON") and e.start < end and "furniture" not in e.attrs and not any(
            a < e.end and e.start < b for a, b in firm) for e in sent):
        return None  # another body or a person (TrendForce, no ORG, found by its name): the figure may be theirs
    return max((b for _, b in firm if b <= span.start), default=sentence_start)


def chinese_article(article_subject: str | None, places: list[Span], resolve) -> bool:
    """Whether 全国 of the article is China: its subject is a Chinese place (a division code or CN: 西宁市), or it is
    no place (a body, or none) and the article names no foreign place (韩国, 东京: their 全国 is another country's)."""
    def foreign(name: str) -> bool:
        p = resolve(name)
        return p is not None and p.key != "CN" and not p.key[:1].isdigit()
    home = resolve(article_subject) if article_subject else None
    if home is not None:
        return not foreign(article_subject)
    return not any(foreign(e.text) for e in places)


_LABELS = ("GPE", "ORG", "PERSON")
WORLD = "world"  # the _scope of a world figure (world_wide), no level of pxextract.subjects
NATION = "nation"  # 全国 opening a clause a speaker's words open (spoken_scope): the country in a Chinese article
_SENTENCE_MARK = regex.compile(r"[；;。！？!?\n]")  # what ends more than a comma's clause (carried_scope)


def carried_scope(text: str, span: Span, sent: list[Span], sentence_start: int) -> str | None:
    """The scope (``_scope``) of the last figure before ``span`` in its sentence, when nothing between them but
    commas (no ；) and no place, body or person from it to the end of ``span``'s clause: 全国光伏发电量2600亿千瓦时，
    同比增长约【30%】 → country."""
    before = [f for f in sent if f.label in LABELS_NUMERIC and sentence_start <= f.start and f.end <= span.start]
    scope = before[-1].attrs.get("_scope") if before else None
    if scope is None or _SENTENCE_MARK.search(text, before[-1].end, span.start):
        return None
    m = CLAUSE_END.search(text, span.end)
    end = m.start() if m else len(text)
    return None if any(e.label in _LABELS and before[-1].end <= e.start < end for e in sent) else scope


def spoken_scope(text: str, span: Span, sent: list[Span], sentence_start: int, clause_start: int, cues: ScopeCues,
                 scope: Callable[[str, int, int, list[Span]], str | None], skip: Callable[[str, int, int, list[Span]], int | None]) -> str | None:
    """The scope a speaker's words set in an earlier clause of ``span``'s sentence (h271, issue #15 S4b): after a speech
    verb and its comma (speech_verb: 表示，, 介绍，), a later clause before the figure's opens (past dates and openers) with a
    scope word — a level of ``scope`` (全省 → province), :data:`NATION` (全国) or :data:`WORLD` (全球) — and nothing from it
    to the end of the figure's clause names a place, body or person: the speaker does not own the scope's figure.
    国家发改委副秘书长欧鸿介绍，入夏以来，全国日调度发电量三创历史新高，最高达到【301.71亿千瓦时】 → 中国; 瑞信…称，去年全球财富…
    下降，…资产缩水约【11.3万亿美元】 → null. None in the figure's own clause (:meth:`ClauseSubjects.scope` reads it)."""
    said = max((at + len(w) + 1 for w in cues.speech if (at := last_followed(text, w, _SAID, sentence_start, clause_start - 1)) >= 0),
               default=None)  # the last 表示， in the sentence before the clause, by a bisect (h288)
    if said is None or _SENTENCE_MARK.search(text, said, span.start):
        return None
    found, at_found, start = None, None, said
    while start < clause_start:
        m = _CLAUSE_MARKS.search(text, start, clause_start)
        end = m.start() if m else clause_start
        level, at = scope(text, start, end, sent), start
        if level is None:
            while at is not None and at < end and not text.startswith(cues.nation + cues.world, at):
                at = skip(text, at, end, sent)
            if at is not None and at < end and not text.startswith(cues.nation_nots + cues.world_nots, at):
                level = NATION if text.startswith(cues.nation, at) else WORLD
        if level is not None:
            found, at_found = level, start
        start = m.end() if m else clause_start
    m = CLAUSE_END.search(text, span.end)
    end = m.start() if m else len(text)
    if found is None or any(e.label in _LABELS and at_found <= e.start < end and "furniture" not in e.attrs for e in sent):
        return None
    return found


def sentence_scope(text: str, span: Span, sent: list[Span], sentence_start: int, clause_start: int, words: tuple[str, ...],
                   nots: tuple[str, ...], skip: Callable[[str, int, int, list[Span]], int | None]) -> str | None:
    """:data:`NATION` when ``span``'s sentence opens (past dates and openers) with a nation word of ``words`` (我国, 全国,
    国内: :func:`nation_words`) in an earlier clause, and nothing from there to the end of the figure's clause names a
    place, body or person (h317, S7): 我国机器人产业韧性稳定向好，…，工业机器人产量为【44.3万套】 → 中国 (in a Chinese article),
    not the article's 北京."""
    if clause_start <= sentence_start or not words:
        return None
    at = sentence_start
    while at < clause_start and not text.startswith(words, at):
        at = skip(text, at, clause_start, sent)
        if at is None:
            return None
    if at >= clause_start or text.startswith(nots, at):
        return None
    m = CLAUSE_END.search(text, span.end)
    end = m.start() if m else len(text)
    return None if any(e.label in _LABELS and at <= e.start < end and "furniture" not in e.attrs for e in sent) else NATION


_CLAUSE_MARKS = regex.compile(r"[，,：:]")
_SAID = ("，", ",", "：", ":")  # what follows a speech verb that opens the speaker's words


def whole_country(text: str, span: Span, sent: list[Span], words: tuple[str, ...], resolve) -> str | None:
    """The country whose whole (scope_whole: 全国, 全境, 各地) the figure's clause names before it: 影响韩国全境的强降雨已经
    造成35人死亡、【10人】失踪 → 韩国 (not 庆尚北道, the article's region)."""
    at = last_before(text, CLAUSE_END, 0, span.start)  # the clause's last mark, by a bisect (h288)
    start = at + 1 if at >= 0 else 0
    for e in sent:
        if e.label == "GPE" and start <= e.start and e.end <= span.start and text.startswith(words, e.end):
            p = resolve(e.text)
            if p is not None and p.level == "country":
                return e.text
    return None


def capital_after(text: str, p: Span, head: Span, words: tuple[str, ...]) -> bool:
    """Whether the place ``p`` comes straight before ``head`` in a chain of places, or a capital word between
    (韩国首都首尔: capital_link) makes the city a place of the country."""
    return p.end == head.start or any(p.end + len(w) == head.start and text.startswith(w, p.end) for w in words)


def provision_figure(text: str, span: Span, sent: list[Span], sentence_start: int | None, title_ends: tuple[str, ...],
                     verbs: tuple[str, ...], nations: tuple[str, ...], conditions: tuple[str, ...], cue: regex.Pattern | None = None) -> bool:
    """Whether ``span`` states a threshold or penalty of a national law quoted in its sentence before it (see the module).

    >>> text = "根据《中华人民共和国治安管理处罚法》第六十六条规定，卖淫、嫖娼的，处十日以上十五日以下拘留，可以并处五千元以下罚款。"
    >>> fig = Span(text.index("五千元"), text.index("五千元") + 3, "MONEY", "五千元")
    >>> provision_figure(text, fig, [fig], 0, ("法",), ("规定",), ("中华人民共和国",), ("的，",))
    True
    """
    if sentence_start is None or not title_ends or not verbs or not conditions:
        return False
    cue = cue or provision_cue(verbs)  # the title, its article and the provision word (ScopeCues holds it built)
    # the last title before the figure: 《 opens each match and holds no other, so the sentence is read once (h288)
    last = last_match(text, sentence_start, span.start, cue, "\u300a", _PROVISION_REACH + max(map(len, verbs)))
    if last is None or not last.group(1).endswith(title_ends):
        return False
    title_at = last.start(1)
    if any(e.label == "GPE" and e.start == title_at and not e.text.startswith(nations) for e in sent):
        return False  # 《江西省人口与计划生育条例》: the province's own rule
    if any(e.label == "PERSON" and last.end() <= e.start < span.start for e in sent):
        return False  # …规定，崔某某…被行政拘留10日: applied to a party
    m = _MARK_END.search(text, span.end)
    end = m.end() if m else len(text)
    return any(w in text[last.end() : end] for w in conditions)  # …卖淫、嫖娼的，处…: the rule's condition


def general_figure(text: str, span: Span, sent: list[Span], sentence_start: int | None, cues: ScopeCues) -> bool:
    """Whether ``span`` is no one's as a general rule, advice or finding (S5): a national law's provision
    (:func:`provision_figure`), an advice cap or a study's finding (:func:`pxextract.advice_figure.advice_figure`:
    熟食在室温下存放的时间不宜超过【2个小时】 → null), a penalty range (…，处【十万元】以上五十万元以下的罚款 → null), a market
    index's (:func:`pxextract.market_index.market_index`: 三大指数均跌超【2%】 → null, not the article's 浙江)."""
    return (provision_figure(text, span, sent, sentence_start, *cues.provisions, cues.provision_cue)
            or advice_figure(text, span, sent, sentence_start, *cues.advice) or penalty_range(text, span, sent, *cues.penalty)
            or market_index(text, span, sent, *cues.indexes) or conditional_figure(text, span, sent, sentence_start, *cues.conditions))
