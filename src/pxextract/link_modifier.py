"""The noun a figure measures after it, where the words before it only modify that noun (issue #15 M2, h227): a count of
one and its classifier (发布了一段【14 分钟】长的视频 → 视频, 一座【十层】高楼 → 高楼), a link_cues modifier_lead word
(上述【3批次】化妆品 → 化妆品) or a phrase ending in 的 that one opens, or a superlative (link_cues extreme_word 最 and
an adjective) does (上述地区的【1.7亿元】资金 → 资金, 业界最大的【92英寸】HUD → HUD); a noun phrase must follow the figure in
its clause (a link_cues size_word and 的 skipped: 长的, 大的), no verb, unit, time or position word.

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor().extract_text("此前已预拨上述地区的1.7亿元资金。", date="2023-08-01")
    >>> [(s["text"], s.get("metric")) for s in rec["spans"] if s["label"] == "MONEY"]
    [('1.7亿元', '资金')]
"""

from __future__ import annotations

import regex

from .link_after import _HEAD_TAGS
from .link_words import COUNTED_TAGS, MODIFIER_TAGS, NOUN_TAGS, ends_with, noun_phrase_at, starts_with, tail_tag, word_at

_CLAUSE = regex.compile(r"[^，,；;。！？!?：:\n（）()、]*")  # the words after a figure up to its clause end
_NOUN_RUN = regex.compile(r"\p{Han}{0,12}")
_ACRONYM = regex.compile(r"[A-Z]{2,}(?![A-Za-z0-9])")  # 92英寸HUD抬头显示: a Latin acronym names the thing


def _modifier_words(linker, words: str, start: int, token_starts) -> bool:
    """Whether ``words`` (at ``start`` in the text, a qualifier before the figure put aside) end in a modifier of the noun
    after the figure: a count of one and its classifier, a word jieba tags a numeral (一段, 两名), a modifier_lead word
    (上述, 以下) as a word of its own, or 的 after a phrase a modifier_lead word opens with nouns only after it (上述地区的) or
    after 最 and an adjective (业界最大的, 历时最长的)."""
    pair = words[-2:]
    if len(pair) == 2 and linker.rules.numerals.get(pair[0], (0,))[0] in (1, 2) and linker.word_tags.get(pair) == "m":
        return start + len(words) - 2 in token_starts  # 朱|一栋: a name's character, no count
    mods = linker.rules.cue("modifier_lead")
    m = ends_with(words, mods)
    if m:
        return start + len(words) - len(m) in token_starts
    de = ends_with(words, linker.de)
    if not de:
        return False
    inner = words[: -len(de)]
    k, w = max(((inner.rfind(w, max(0, len(inner) - 6)), w) for w in mods), default=(-1, ""))
    if k >= 0:  # 上述地区的: the modifier and nouns only
        rest = inner[k + len(w) :]
        return bool(rest) and tail_tag(linker.word_tags, rest) in NOUN_TAGS and not any(
            linker.word_tags.get(rest[i:j]) == "v" for i in range(len(rest)) for j in range(i + 1, len(rest) + 1))
    e = max((inner.rfind(w, max(0, len(inner) - 4)) for w in linker.rules.cue("extreme_word")), default=-1)
    return e >= 0 and e < len(inner) - 1 and linker.word_tags.get(inner[e + 1 :]) == "a"  # 最大, 最长, 最富有


def _head_noun(linker, text: str, at: int, end: int, token_starts) -> str:
    """The noun phrase opening ``text[at:end]``: its words up to the last noun (jieba n*, vn, a noun morpheme, or a word
    jieba lacks that ends in one) before the first word of another tag than a noun's or a modifier's: 小女孩不慎落入水 →
    小女孩, 探月车 → 探月车."""
    k, last = at, at
    while k < end:
        n, tag = word_at(linker.word_tags, text, k, end, token_starts)
        if tag in _HEAD_TAGS or (tag is None and tail_tag(linker.word_tags, text[at : k + n]) in _HEAD_TAGS):
            last = k + n
        elif tag not in MODIFIER_TAGS and tag is not None:
            break
        k += n
    return text[at:last]


def modified_lead(linker, text: str, span, clause_start: int, s1: int, token_starts) -> bool:
    """Whether the words before a figure only modify the noun phrase after it (:func:`_modifier_words`), and one follows
    (a size_word then 的, or 的, skipped): the noun after names what the figure counts or measures (一座【十层】高楼 → 高楼);
    the skipped size word is marked for :func:`pxextract.link_counted.counted_after` (一段【14分钟】长的视频 → 视频)."""
    if token_starts is None or span.label not in ("CARDINAL", "QUANTITY", "MONEY"):
        return False  # 【95%】的用户: a share opening its clause is link_metric's (not phrase)
    raw = text[clause_start : span.start].rstrip()
    q = ends_with(raw, linker.before_qualifiers)
    words = raw[: -len(q)].rstrip() if q else raw
    if len(words) < 2 or not _modifier_words(linker, words, clause_start, token_starts):
        return False
    at = span.end + (text[span.end : span.end + 1] == " ")
    size = starts_with(text[at : at + 2], linker.rules.cue("size_word"))
    skip = size + linker.de[0] if size and text.startswith(linker.de[0], at + len(size)) else ""
    skip = skip or starts_with(text[at : at + 1], linker.de) or ""
    at += len(skip)
    rest = _CLAUSE.match(text, pos=at).group()
    if _ACRONYM.match(rest):  # 业界最大的【92英寸】HUD抬头显示: the acronym and its words, verbs too
        span.attrs["_after_noun"] = linker._noun_words(text, at, len(rest), token_starts, verbs=False)
        return True
    n, first = word_at(linker.word_tags, text, at, at + 4, token_starts)
    head = text[at : at + n]
    if first in ("s", "f") and n >= 2 and ends_with(head, linker.rules.cue("position_end")) and linker.word_tags.get(head[:-1]) in NOUN_TAGS:
        span.attrs["_after_noun"] = head[:-1]  # 一座【9层】楼上 → 楼: the noun a position word closes
        return True
    if first == "a" and n == 1 and at + 1 in token_starts:  # 一座【十层】高|楼上: an adjective, then such a noun
        k, t = word_at(linker.word_tags, text, at + 1, at + 5, token_starts)
        w = text[at + 1 : at + 1 + k]
        if t in ("s", "f") and k >= 2 and ends_with(w, linker.rules.cue("position_end")) and linker.word_tags.get(head + w[:-1]) in NOUN_TAGS:
            span.attrs["_after_noun"] = head + w[:-1]
            return True
    if n < 1 or first in ("v", "p", "d", "m", "q", "c", "r", "f", "t") or head in linker.period_words or head in linker.time_units or (
            head in linker.no_metric) or starts_with(head, linker.target_after + linker.level_words):
        return False  # 向上述【5人】购买, 上述【五人】中, 一行【8人】前往: a verb or a position word, no noun counted
    noun = _head_noun(linker, text, at, at + len(_NOUN_RUN.match(text, pos=at).group()), token_starts)
    if first is None and noun:  # 重的探月车: a word jieba lacks, a noun last
        span.attrs["_after_noun"] = noun
        return True
    if not noun or not noun_phrase_at(linker.word_tags, text, at, s1, token_starts, linker.title_prefixes, COUNTED_TAGS):
        return False
    span.attrs["_after_noun"] = noun
    return True


def degree_after_verb(linker, phrase: str) -> bool:
    """Whether ``phrase`` (the words before a figure) ends in a link_cues degree_lead word after a verb: then it is a
    degree (可以让用户获得最多【3个】屏幕), no change word (多, change_up); 家庭成员最多【7人】 stays as it was."""
    d = ends_with(phrase, linker.rules.cue("degree_lead"))
    return bool(d) and tail_tag(linker.word_tags, phrase[: -len(d)]) in ("v", "vn")
