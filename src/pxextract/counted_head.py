"""The head noun a count or size counts after its modifiers (issue #15 M2, h359), two shapes:

(a) the words before the figure end in a modal, degree adverb or adjective (link_cues event_verb_lead, degree_lead;
    jieba d, a, ad: 可, 应该, 最多, 全新): they name nothing, the noun run after the figure does, a verb opening it
    (执行|单元) or a Latin model word (OLED) kept: 应该看到最多【48个】执行单元 → 执行单元, 全新【14英寸】OLED触摸屏 →
    OLED触摸屏 (:func:`modal_lead`);
(b) the words after a count hold a 的 before their head noun: an adjective or idiom alone (各具特色的鱼竿), 不同 and a
    kind noun (link_cues kind_lead, kind_noun: 不同级别的军舰, 不同风格、代际的作家) or a verb phrase joined by 、
    (涉嫌掩饰、隐瞒犯罪所得的嫌疑人): the head after the 的 is counted, not the modifier (:func:`modifier_head`). A noun
    before the 的 that is no kind noun owns the noun after it and is counted (五个邻国的陆地, 130个不同水生动物的头骨).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor().extract_text("今年将有20艘不同级别的军舰加入海军。", date="2023-08-01")
    >>> [(s["text"], s.get("metric")) for s in rec["spans"] if s["label"] == "CARDINAL"]
    [('20艘', '军舰')]
"""

from __future__ import annotations

import regex

from .link_after import _HEAD_TAGS
from .link_words import NOUN_TAGS, ends_with, starts_with, tail_tag, word_at

_CLAUSE = regex.compile(r"[^，,；;。！？!?：:\n（）()]*")  # a clause, a list's 、 inside it
_LATIN = regex.compile(r"[A-Za-z][A-Za-z0-9+\-]*")
_HAN = regex.compile(r"\p{Han}+")
_DE_GAP = 12  # the longest modifier between a count and its 的
_MODIFIER_TAGS = ("a", "b", "i", "z")  # an adjective, a distinguishing word or an idiom (i) before 的 (精彩纷呈)
_LEAD_TAGS = ("d", "a", "ad")  # 最多, 全新: words before a figure that name nothing
_AFTER_TAGS = ("v", "p", "d", "c", "uj", "ul", "u", "r", "f")  # a word after a counted noun: a verb or a function word
_RUN_TAGS = NOUN_TAGS | {"vn", "zg", "ng", "v", "a", "b", "nrt", "nrfg", None}  # the words of the head noun run


def _countable(linker, span) -> bool:
    """A count with a classifier (no event, time, place or noun unit) or a size (QUANTITY of no time or age unit)."""
    unit = span.attrs.get("unit")
    if span.label == "QUANTITY":
        return bool(unit) and unit not in linker.time_units | linker.age_units
    return span.label == "CARDINAL" and bool(unit) and unit not in linker.event_units | linker.time_units | linker.place_units and (
        linker.word_tags.get(unit) not in NOUN_TAGS)


def _head_run(linker, text: str, at: int, end: int, token_starts) -> str:
    """The words from ``at`` to their last noun before a word of another tag (a verb after a noun ends them):
    执行|单元 → 执行单元, 军舰|加入 → 军舰."""
    k, last, seen = at, at, False
    while k < end:
        n, tag = word_at(linker.word_tags, text, k, end, token_starts)
        if tag not in _RUN_TAGS or (seen and tag in ("v", "a")):
            break
        if tag in _HEAD_TAGS:
            last, seen = k + n, True
        k += n
    return text[at:last]


def _good(linker, noun: str) -> bool:
    return (len(noun) >= 2 and _HAN.fullmatch(noun) is not None and noun not in linker.no_metric and noun not in linker.period_words
            and noun not in linker.time_units and tail_tag(linker.word_tags, noun) in _HEAD_TAGS)


def _ends_clean(linker, text: str, end: int, stop: int) -> bool:
    """Whether a noun run ending at ``end`` ends a word and a verb, a function word or the clause's end follows it
    (not 人行步|道和: jieba's 道 a classifier, the run cut inside a word)."""
    if end >= stop:
        return True
    nxt = word_at(linker.word_tags, text, end, stop)[1]
    return nxt in _AFTER_TAGS and not any(text[end - i : end + j] in linker.word_tags for i in (1, 2) for j in (1, 2, 3))


def modifier_head(linker, text: str, span, token_starts, idioms: bool = False) -> str:
    """The head noun after the 的 of the modifier right after a count (shape (b), module docstring), else "":
    【20艘】不同级别的军舰 → 军舰, 【45名】涉嫌掩饰、隐瞒犯罪所得的嫌疑人 → 嫌疑人; ``idioms`` (after a modal, shape
    (a)): an idiom jieba tags l too (最多可【12种】各具特色的鱼竿 → 鱼竿; not elsewhere: 【14个】受灾地区的保险机构, a noun)."""
    if token_starts is None or not _countable(linker, span):
        return ""
    at = span.end + (text[span.end : span.end + 1] == " ")
    rest = _CLAUSE.match(text, pos=at).group()
    k = min((i for d in linker.de for i in [rest.find(d, 0, _DE_GAP)] if i > 0), default=0)
    if not k or not _HAN.fullmatch(rest[:k].replace("、", "")):
        return ""
    mod, de = rest[:k], starts_with(rest[k:], linker.de)
    n, first = word_at(linker.word_tags, text, at, at + k, token_starts)
    if (first in _MODIFIER_TAGS or (idioms and first == "l")) and n == k:
        pass  # 各具特色的, 不同的: an adjective or idiom alone
    elif starts_with(mod, linker.rules.cue("kind_lead")) and all(
            ends_with(part, linker.rules.cue("kind_noun")) for part in mod[len(starts_with(mod, linker.rules.cue("kind_lead"))) :].split("、")):
        pass  # 不同级别的, 不同风格、代际的: the kinds the things counted differ in
    elif first == "v" and "、" in mod and all(word_at(linker.word_tags, text, at + i + 1, at + k, token_starts)[1] == "v"
                                             for i, c in enumerate(mod) if c == "、"):
        pass  # 涉嫌掩饰、隐瞒犯罪所得的: verb phrases a list joins (counted_run reads one without 、)
    else:
        return ""
    start = at + k + len(de)
    head = _head_run(linker, text, start, at + len(rest), token_starts)
    if not _good(linker, head) or ends_with(head, linker.rules.cue("count_attribute")) or not _ends_clean(linker, text, start + len(head), at + len(rest)):
        return ""  # [V N]的信息, 珍贵文物的情况: the attribute of the noun before 的 (h246)
    return head


def modifier_noun(linker, text: str, span, token_starts, idioms: bool = False) -> bool:
    """Whether :func:`modifier_head` finds the head noun (kept in ``_after_noun`` for counted_after)."""
    head = modifier_head(linker, text, span, token_starts, idioms)
    if head:
        span.attrs["_after_noun"] = head
    return bool(head)


def modal_lead(linker, text: str, span, phrase: str, token_starts) -> bool:
    """Whether the words before a count or size (``phrase``) end in a modal, degree adverb or adjective and a noun run
    follows the figure to its clause's end or verb (shape (a), module docstring): the run is kept in ``_after_noun``:
    应该看到最多【48个】执行单元 → 执行单元, 全新【14英寸】OLED触摸屏 → OLED触摸屏, 最多可【12种】各具特色的鱼竿 → 鱼竿."""
    if token_starts is None or not phrase or not _countable(linker, span):
        return False
    lead = ends_with(phrase, linker.rules.cue("event_verb_lead") + linker.rules.cue("degree_lead") + linker.rules.cue("modal_lead"))
    if not lead and tail_tag(linker.word_tags, phrase) not in _LEAD_TAGS:
        return False
    if modifier_noun(linker, text, span, token_starts, idioms=True):
        return True
    at = span.end + (text[span.end : span.end + 1] == " ")
    rest = _CLAUSE.match(text, pos=at).group()
    latin = _LATIN.match(rest)
    skip = latin.end() if latin else 0
    if latin and any(c.isdigit() for c in latin.group()):
        return False  # 将【两个】GH200芯片: a model name with digits, its words read elsewhere
    head = _head_run(linker, text, at + skip, at + len(rest), token_starts)
    if not _good(linker, head) or not _ends_clean(linker, text, at + skip + len(head), at + len(rest)):
        return False  # the run ends inside a word or before a noun
    end = at + skip + len(head)
    span.attrs["_after_noun"] = text[at : end]
    return True


def head_after(linker, text: str, span, after: str, token_starts) -> str:
    """``after`` (the noun read right after a count after a verb) or the head noun :func:`modifier_head` finds after its
    modifier's 的: 有【20艘】不同级别的军舰 (不同级别) → 军舰, 抓获【45名】涉嫌掩饰、隐瞒…的嫌疑人 (涉嫌掩饰) → 嫌疑人."""
    at = text.find(after, span.end) if after else -1
    if at < 0 or at - span.end > 1:
        return after
    return modifier_head(linker, text, span, token_starts) or after
