"""An empty metric whose clause is only a copula before the figure (issue #15 M5, h326): the measured noun opens the
clause before, its predicate (an adverb or a verb) after it, and the figure's clause says only what it amounts to:
美国损失最严重，达【5.9万亿美元】 → 损失, 美国利率曾经较低，为【2%】 → 利率 (the place dropped as a subject),
女性未婚比例也持续增加，2010年为【22.6%】 → 女性未婚比例. The copula is a link_cues clause_copula word (为, 达, 是,
共计) ending the figure's clause, before it only dates and function words (已, 依然, 去年上半年; a qualifier between at
most); no number in the clause before. Not a clause before opening with a preposition or a time word (向公司申请休产假,
今年是加长版三伏天), nor with an adverb (再次称重时).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor().extract_text("其中，美国损失最严重，达5.9万亿美元。", date="2023-08-01")
    >>> [(s["text"], s.get("metric")) for s in rec["spans"] if s["label"] == "MONEY"]
    [('5.9万亿美元', '损失')]
"""

from __future__ import annotations

from .link_compared import _names_measure, clause_before
from .link_words import FUNCTION_TAGS, NAME_TAGS, ends_with, function_words_only, tail_tag

_STOP = "。！？!?\n：:“”\"（）()"
_LONGEST = 16  # the longest noun taken
_NUMERIC = frozenset(("MONEY", "PERCENT", "QUANTITY", "CARDINAL"))
_ADVERBS = frozenset(("d", "p", "c", "ad", "vd"))  # the words that end the noun opening a clause (也, 并, 最)


def copula_measure(linker, text: str, span, sent, clause_start: int, token_starts=None) -> str:
    """The noun opening the clause before the figure's when the figure's clause is only a copula (dates, function
    words and a qualifier at most besides): 门票价格并没有…变化，依然是【100元】 → 门票价格; else ""."""
    if token_starts is None or not _copula_only(linker, text, span, sent, clause_start):
        return ""
    bounds = clause_before(text, clause_start, whole=True, stop=_STOP)
    if bounds is None:
        return ""
    start, end = bounds
    if any(s.label in _NUMERIC and s.end > start and s.start < end for s in sent):
        return ""  # 每日接待就餐人数在千人以上，周末可达【3000人】: a figure there is carried otherwise
    dates = [(s.start, s.end) for s in sent if s.label == "DATE" and s.start < end and s.end > start]
    tags, at, seen, verb = linker.word_tags, start, False, None
    while at < end:  # the noun run: up to the first adverb, preposition or conjunction, else the first verb
        if any(a <= at < b for a, b in dates):
            at = next(b for a, b in dates if a <= at < b)
            continue
        nxt = next((k for k in range(at + 1, end + 1) if k in token_starts or k == end), end)
        tag = tags.get(text[at:nxt])
        if tag in _ADVERBS or (tag == "t" and not seen):
            at = verb if tag in ("p", "c") and verb is not None else at  # 成员来自A、B和C: the verb, not 和
            break
        if tag == "v" and verb is None and seen:
            verb = at  # 部队代表团成员来自…: the noun before the verb, unless an adverb follows (女性未婚比例也持续增加)
        seen = seen or tag != "uj"
        at = nxt
    if at >= end:
        at = verb if verb is not None else end
    if at >= end or not seen or any(s.label == "PERSON" and start <= s.start < at for s in sent):
        return ""  # no predicate after the noun: the clause before is a noun phrase of its own; a person's doing
    noun = linker._clean(text[start:at], sent, start, token_starts)
    if not 2 <= len(noun) <= _LONGEST or any(c.isdigit() for c in noun) or not _names_measure(linker, noun):
        return ""
    return "" if tail_tag(tags, noun) in NAME_TAGS or tail_tag(tags, noun) in FUNCTION_TAGS else noun


def _copula_only(linker, text: str, span, sent, clause_start: int) -> bool:
    """Whether the figure's clause before it is a clause_copula word (为, 达, 共计) after dates and function words at
    most, a qualifier (约) between it and the figure at most: 已达, 2010年为, 去年上半年为, 依然是."""
    chars = list(text[clause_start : span.start])
    for s in sent:
        if s.label == "DATE" and s.start < span.start and s.end > clause_start:
            for i in range(max(s.start, clause_start), min(s.end, span.start)):
                chars[i - clause_start] = ""
    head = "".join(chars).strip()
    q = ends_with(head, linker.before_qualifiers)
    head = head[: -len(q)].rstrip() if q and len(q) < len(head) else head
    c = ends_with(head, linker.rules.cue("clause_copula"))
    if not c or c in linker.before_qualifiers:
        return False
    rest = head[: -len(c)].strip()
    return not rest or function_words_only(linker.word_tags, rest)
