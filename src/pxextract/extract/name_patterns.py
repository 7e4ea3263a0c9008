"""Regexes and token helpers of the name grammar (:class:`pxextract.extract.entities.EntityFinder`),
built from rules/name_grammar.tsv.

Example:
    >>> from pxextract.rules import load_rules
    >>> body, _, _ = grammar_patterns(load_rules().names)
    >>> body.match("第十三届人民代表大会常务委员会").group(), body.match("政府工作报告") is None
    ('第十三届人民代表大会常务委员会', True)
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

import regex
from spacy.tokens import Doc

from .. import docdata  # noqa: F401  (doc._.px_words)
from ..rules import NameGrammar
from ..spans import Span


def _alt(words) -> str:
    """A regex alternation of literal words in the order given (rules files list a longer word
    before its prefix where it matters)."""
    return "|".join(regex.escape(w) for w in words)


def grammar_patterns(g: NameGrammar) -> tuple[regex.Pattern, regex.Pattern, regex.Pattern]:
    """(government body after a GPE, a list of company names, the end of such a list) from
    rules/name_grammar.tsv.

    The body: an optional session number (第十三届) and a body word; a body word that a
    ``not_gov_body`` word continues is no body there (政府 in 政府工作报告). The list: names
    joined by 、 (the last may follow 以及/及/和/与) and closed by 等 + (a count) + words ending in 企业/公司/集团/项目, no ``list_not_between``
    word among them (等地的企业)."""
    bodies = []
    for b in g.gov_body:
        guards = [w[len(b):] for w in g.not_gov_body if w.startswith(b) and len(w) > len(b)]
        bodies.append(regex.escape(b) + (f"(?!{_alt(guards)})" if guards else ""))
    numerals = regex.escape("".join(g.session_numeral))
    body = regex.compile(rf"(?:(?:{_alt(g.session_before)})[{numerals}]+(?:{_alt(g.session_after)}))?(?:{'|'.join(bodies)})")
    end = (rf"(?:{_alt(g.list_end)})(?:\d+(?:{_alt(g.list_count)})|{_alt(g.list_batch)})?"
           rf"(?:(?!{_alt(g.list_not_between)})[^，。；、\n]){{0,10}}?(?:{_alt(g.list_kind)})")
    item, joint = r"[\p{Han}A-Za-z]{2,10}", _alt(g.list_joint)
    plain = rf"(?:(?!{joint})[\p{{Han}}A-Za-z]){{2,10}}"  # no joint word inside: 摩托罗拉 + 以及 + 富士通
    items = rf"(?P<items>(?:{item}、)*(?:{plain}(?P<joint>{joint}){plain}|{item}(?P<joint>、){item}))"
    return body, regex.compile(items + end), regex.compile(end)


def words_and_starts(doc: Doc) -> tuple[list[str], list[int]]:
    """Token texts and their raw start offsets (from our tokenizer's word list when it made the Doc)."""
    words = doc._.px_words
    if words is None or len(words) != len(doc):
        words = [t.text for t in doc]
    return words, list(accumulate(map(len, words), initial=0))[:-1] if words else []


def pattern_anchor(pattern) -> str | None:
    """The literal text a pattern cannot match without: the phrase, or its first token's ORTH/TEXT."""
    if isinstance(pattern, str):
        return pattern
    first = pattern[0] if pattern else {}
    for key in ("ORTH", "TEXT"):
        if isinstance(first.get(key), str):
            return first[key]
    return None


def stock_code_pattern(g: NameGrammar) -> regex.Pattern:
    """A listed company's code in brackets right after its name (rules/name_grammar.tsv
    exchange_prefix / exchange_suffix): 天房发展(600322), 海螺环保（00587.HK）, 浙商证券(601878.SH),
    阿里巴巴（NYSE: BABA）, 宝胜国际(03813), 博通(AVGO.US). Six digits, five starting with 0 (Hong Kong),
    a ticker after an exchange or before its suffix; a bare year in brackets (2023) is none."""
    pre, suf = _alt(g.exchange_prefix), _alt(g.exchange_suffix)
    code = (rf"(?:(?:{pre})\s*[:：]?\s*)?(?:\d{{6}}|0\d{{4}}|\d{{4,5}}(?=\.(?:{suf}))|[A-Z]{{1,5}}(?=\.(?:{suf})))(?:\.(?:{suf}))?"
            rf"|(?:{pre})\s*[:：]\s*[A-Z]{{1,5}}(?:\.[A-Z]{{1,2}})?")
    quote = r"(?:[（(][-+\d.,\s]{5,40}%\s*[)）])?"  # a portal's stock quote first: 金冠电气(18.860, 0.05, 0.27%)（688517）
    return regex.compile(rf"{quote}[（(]\s*(?:{code})\s*(?:[;；,，]\s*(?:{code})\s*)*[)）]")


_MAX_CODED_NAME = 10
# jieba tags of words no company name holds: prepositions, conjunctions, particles, pronouns,
# adverbs, time words, punctuation …
_BREAK_TAGS = ("p", "c", "u", "r", "d", "t", "x", "w", "y", "e", "o")  # not m, q, f, s: 九方财富, 天源环保, 中集车辆, 东方财富
# jieba tags of common words (no place's or body's own name: 带回 v, 当地 s, 乡镇 n, 镇长 v), read by the
# town, police-post and group short-form steps
COMMON_WORD_TAGS = ("n", "v", "vn", "a", "ad", "an", "d", "m", "f", "s", "t", "l", "i", "r", "c", "p", "q", "u")


def share_class_pattern(g: NameGrammar) -> regex.Pattern:
    """A share-class mark right after a listed company's name (rules/name_grammar.tsv share_class),
    part of the name: 欧康维视生物-B, 小米集团-W, 快手-W; not before a Latin letter or digit (-BOX)."""
    return regex.compile(rf"[-－](?:{_alt(g.share_class)})(?![A-Za-z0-9])")


def coded_companies(pattern: regex.Pattern, words: list[str], starts: list[int], text: str, tag, stop, share: regex.Pattern | None = None,
                    numerals: str = "") -> list[Span]:
    """ORG spans for the names right before a stock code (:func:`stock_code_pattern`): the words
    before the bracket back to a word no name holds (a function word by jieba's ``tag``, a
    ``stop`` word, a non-name character), at most :data:`_MAX_CODED_NAME` characters, without
    leading verbs: 故降低宝胜国际(03813) → 宝胜国际; 天房发展(600322) → 天房发展; with a ``share`` class
    before the bracket: 欧康维视生物-B（01477） → 欧康维视生物-B. A lone numeral character (of ``numerals``)
    before the name starts it (:func:`numeral_lead`): 快报：万马科技（300698） → 万马科技, not 马科技."""
    out = []
    for m in pattern.finditer(text):
        end = name_end = m.start()
        if share is not None and (c := share.search(text, max(0, end - 3), end)) is not None and c.end() == end:
            end = c.start()  # 欧康维视生物-B（01477）: the name before the share class, which is part of it
        i = bisect_right(starts, end - 1) - 1
        if i < 0 or starts[i] + len(words[i]) < end:
            continue  # (a word may hold the bracket after it: a stock quote the view left out)
        def word(k: int) -> str:  # the last word up to the bracket
            return words[k] if k < i else text[starts[i] : end]

        first = i
        while (first >= 0 and end - starts[first] <= _MAX_CODED_NAME and _NAME_CHARS.fullmatch(word(first))
               and word(first) not in stop and not (tag(word(first)) or "").startswith(_BREAK_TAGS)
               and not word(first).isdigit() and not (len(word(first)) == 1 and tag(word(first)) == "m")):  # 7月27日
            first -= 1
        first += 1
        if first > 0 and first <= i and len(words[first - 1]) == 1 and numeral_lead(text, starts[first - 1], numerals, tag, word(first)):
            first -= 1  # 万 + 马科技, 亿 + 华通: the numeral is the name's first character
        while first < i and (tag(word(first)) == "v" or (len(word(first)) == 1 and tag(word(first + 1)) == "v")):
            first += 1  # 降低宝胜国际, 故 + 降低 …: a verb (or one character and a verb) before the name
        if first <= i and end - starts[first] >= 2:
            out.append(Span(starts[first], name_end, "ORG", text[starts[first] : name_end]))
    return out


def numeral_lead(text: str, at: int, numerals: str, tag, rest: str) -> bool:
    """Is ``text[at]``, a numeral character (万, 亿, 三) that a word before the name ``rest`` holds alone or
    last (股亿: jieba glued it to the measure word of the figure before), the name's first character, no
    number: no digit or numeral stands before it (2万, 三千), and ``rest`` starts with no measure word or
    numeral (三 + 家科技公司, 万 + 名科技人员: a count). 万 + 马科技, 股亿 + 华通 → 亿华通."""
    return (0 <= at and text[at] in numerals and not (at and (text[at - 1].isdigit() or text[at - 1] in numerals))
            and not (tag(rest) or "").startswith(("q", "m")) and not (tag(rest[:1]) or "").startswith(("q", "m")))


_NAME_CHARS = regex.compile(r"(?:(?!\u4e28)[\p{Han}A-Za-z0-9])+")  # not the separator 丨 (格隆汇8月11日丨东曜药业)


def numbered_unit_pattern(ordinal: str, numerals: str, suffixes) -> tuple[regex.Pattern, regex.Pattern]:
    """A numbered unit right after an organisation's name: 第 + numerals + an ORG suffix
    (中国电子科技集团公司 + 第四十八研究所); ``ordinal`` is the ordinal prefix (number_stops.tsv). And the
    ordinal of a numbered unit before a name that ends in an ORG suffix, searched up to the name's end:
    第一 + 税务所, 第一 + 共和银行, 第二 + 康复医院 (not 第一 + 阿里: no suffix)."""
    ends = _alt(sorted(suffixes, key=len, reverse=True))
    num = rf"{regex.escape(ordinal)}[{regex.escape(numerals)}0-9]{{1,5}}"
    return regex.compile(rf"{num}(?:{ends})"), regex.compile(rf"{num}(?=\p{{Han}}*(?:{ends})$)")


def extend_numbered_units(spans: list[Span], text: str, patterns: regex.Pattern | tuple[regex.Pattern, regex.Pattern] | None) -> list[Span]:
    """ORG spans followed by a numbered unit of theirs (or what one ``patterns`` matches: a share class), made
    one ORG: 中国电子科技集团公司第四十八研究所; with the (after, before) pair of :func:`numbered_unit_pattern`
    also ORG spans with an ORG suffix right after an ordinal, which is part of the name: 第一 + 共和银行."""
    if patterns is None:
        return spans
    after, lead = patterns if isinstance(patterns, tuple) else (patterns, None)
    out = []
    for s in spans:
        m = after.match(text, s.end) if s.label == "ORG" else None
        s = Span(s.start, m.end(), "ORG", text[s.start : m.end()], s.attrs) if m else s
        m = next((m for m in lead.finditer(text, max(0, s.start - 6), s.end) if m.end() == s.start), None) if lead and s.label == "ORG" else None
        out.append(Span(m.start(), s.end, "ORG", text[m.start() : s.end], s.attrs) if m else s)
    return out


def alias_pattern(cues) -> regex.Pattern:
    """What follows a name to give its short form: （以下简称“海底捞”）, (下称"X"), （简称：X）."""
    cue = "|".join(map(regex.escape, sorted(cues, key=len, reverse=True)))
    return regex.compile(rf"[（(]\s*(?:{cue})\s*[：:]?\s*[“\"「]?(\p{{Han}}[\p{{Han}}A-Za-z0-9]{{1,9}})[”\"」]?\s*[）)]")


def defined_aliases(pattern: regex.Pattern, names: list[Span], text: str, stop=frozenset()) -> list[Span]:
    """The short forms a text defines for its organisations: 上海海底捞餐饮有限公司（以下简称“海底捞”）
    → ORG 海底捞 at its place in the bracket (its other mentions are found like any name's); never a
    ``stop`` word (以下简称“公司”)."""
    out = []
    for s in names:
        if s.label == "ORG" and (m := pattern.match(text, s.end)) is not None:
            alias = regex.split("[或、]", m.group(1))[0]  # （简称恒宝股份或公司） → 恒宝股份
            if len(alias) >= 2 and alias not in stop:  # （以下简称“公司”）: a generic word, no name
                out.append(Span(m.start(1), m.start(1) + len(alias), "ORG", alias, {"alias_of": s.text}))
    return out

