"""Counts that name parties rather than count them, for :mod:`pxextract.extract.numbers`.

A count written with one Chinese digit may name people or things the text named before (他们两人,
这两位, 该两家企业): no figure; an enumeration total names the parties listed right before it
(沪深两市, 南昌、赣江新区、九江三地): a CARDINAL whose unit is the noun (guide §6). ``grammar`` is the
caller's :class:`~pxextract.extract.numbers.NumberGrammar` (not imported: numbers imports this module).

Example:
    >>> from pxextract.rules import load_rules
    >>> from pxextract.extract.numbers import NumberGrammar, find_numbers
    >>> [s.text for s in find_numbers("他们两人各捐500元，沪深两市", NumberGrammar(load_rules()))]
    ['500元', '两市']
"""

from __future__ import annotations

from bisect import bisect_left
import regex

from ..spans import Span

# what opens a clause (or a bracket or quote): looked for before a count of parties
_CLAUSE_MARKS = "，。；：！？,;:!?（(“”"
_CLAUSE_CHARS = frozenset(_CLAUSE_MARKS)


def refers_back(text: str, lead: int, num: str, grammar) -> bool:
    """二人因琐事产生矛盾, 这两人, 他们三人: a count of people written with one Chinese digit that
    opens its clause (or follows a word pointing back) names people the text named before, no
    figure — unless the sentence counted people before it (造成3人死亡，两人受伤). Written after the
    parties' relation (``party_apposition``: 张某、尹某夫妻二人) it names them wherever it stands; as
    the object of 将/把, a preposition or a verb of regard (``party_object``: 民警迅速将两人控制, 对二人的尿液
    样本进行检测, 纷纷称赞两人的友情) it names people named before. An adverb may stand between the clause
    start and the count (``party_before``: 随后两人再也没有回来)."""
    if len(num) != 1 or num.isdigit():
        return False
    w = grammar.rules.numbers
    if any(text.endswith(b, 0, lead) for b in w.party_apposition):
        return True
    at = lead
    if any(text.endswith(b, 0, lead) for b in w.party_object):
        return grammar.people_before.search(text, max(0, at - _MAX_LIST * 2), at) is None
    back = max((b for b in w.party_before if text.endswith(b, 0, at)), key=len, default="")  # 随后, not 后
    at -= len(back)
    if at > 0 and text[at - 1] not in _CLAUSE_CHARS and not text[at - 1].isspace():
        return False
    start = max(0, at - _MAX_LIST * 2)
    return grammar.people_before.search(text, start, at) is None


def points_back(text: str, lead: int, num: str, w) -> bool:
    """这两位曾经深爱彼此的人, 该两家企业: a count written with one Chinese digit right after a
    demonstrative (``pointer_before``) names what the text named before, no figure."""
    return len(num) == 1 and not num.isdigit() and any(text.endswith(b, 0, lead) for b in w.pointer_before)



def names_place(text: str, lead: int, tail: int, num: str, unit: str, w) -> bool:
    """在五套村、五墩村和益平村: a Chinese numeral and a classifier right before a ``name_tail`` (村) in a list
    of places (an ``enum_sep`` after that noun, or before the numeral after another such noun) are a
    village's name, no count; a count of places (``name_count_unit``: 12个村、5个社区) stays."""
    if num[:1].isdigit() or unit in w.name_count_unit or text[tail : tail + 1] not in w.name_tail:
        return False
    return text[tail + 1 : tail + 2] in w.enum_sep or (lead > 1 and text[lead - 1] in w.enum_sep and text[lead - 2] in w.name_tail)


def names_firms(text: str, lead: int, end: int, num: str, grammar) -> bool:
    """…与日本松下签署协议。两家公司表示: a count of firms (``firm_unit``) written with one Chinese
    digit that opens its clause, a ``firm_noun`` right after it, names the firms the text named
    before, no figure — unless the sentence counted firms before it (5家企业参与，两家企业中标).
    A count of two inside its clause names the two parties joined (``enum_sep``) in an earlier clause
    of the sentence (这次徕卡与小米的合作，也彰显了两家公司的实力)."""
    w = grammar.rules.numbers
    if len(num) != 1 or num.isdigit() or not text.startswith(w.firm_noun, end):
        return False
    if lead > 0 and text[lead - 1] not in _CLAUSE_CHARS and not text[lead - 1].isspace() and not (
            grammar.rules.numerals[num][0] == 2 and _pair_before(text, lead, w.enum_sep)):
        return False
    return grammar.firms_before.search(text, max(0, lead - _MAX_LIST * 2), lead) is None


def names_pair(text: str, lead: int, end: int, num: str, grammar) -> bool:
    """林嘉欣与导演袁剑伟结婚已有12年，但目前二人处于分居状态: a count of two people (``pair_unit``: 人, 位) written
    with one Chinese digit, anywhere in its clause, names the two parties joined (``enum_sep``) in an earlier clause of
    the sentence, no figure (docs/annotation.md §6, as 两家公司) — unless the sentence counted people before it, a
    ``pair_keep_before`` word opens it (其中两人, 另外两人) or a ``pair_keep_after`` word follows (造成两人死亡).
    The pair in the count's own clause is an apposition and stays, before the count or right after it, quoted
    epithets included (“青岛舞王”黄渤和“全能舞者”王一博两位主演; 两位大佬马斯克、扎克伯格; 两位新生郎铮和顾予涵)."""
    w = grammar.rules.numbers
    if len(num) != 1 or num.isdigit() or grammar.rules.numerals[num][0] != 2:
        return False
    if any(text.endswith(b, 0, lead) for b in w.pair_keep_before) or text.startswith(w.pair_keep_after, end):
        return False
    c = _PAIR_CLAUSE_START.search(text, max(0, lead - _MAX_LIST), lead)
    if c is None or text[c.start()] not in _CLAUSE_CHARS or text[c.start()] in _SENTENCE_MARKS:
        return False
    s = _SENTENCE_START.search(text, max(0, c.start() - _MAX_LIST * 2), c.start())
    if _joined(text[c.end() : lead], w) or _apposed(text, end, w):
        return False  # 侯、柯两人, 两位大佬马斯克、扎克伯格: the pair in the count's own clause is an apposition, a total
    if not _joined(text[s.end() if s else max(0, c.start() - _MAX_LIST * 2) : c.start()], w):
        return False
    return grammar.people_before.search(text, max(0, lead - _MAX_LIST * 2), lead) is None


def _joined(clause: str, w) -> bool:
    """Whether ``clause`` joins two parties: an ``enum_sep`` between two characters, not inside a word of
    ``pair_not_joint`` (参与者, 共同, 和平)."""
    for x in w.enum_sep:
        at = clause.find(x, 1)
        while 0 < at < len(clause) - 1:
            if not any(clause.startswith(nj, at - nj.index(x)) for nj in w.pair_not_joint if x in nj):
                return True
            at = clause.find(x, at + 1)
    return False


def _apposed(text: str, end: int, w) -> bool:
    """两位大佬马斯克、扎克伯格, 两位新生郎铮和顾予涵: right after a count, in its clause, a title and a name (3 to 7
    characters) and an ``enum_sep`` joining the next name: the pair in apposition. 两位老人与某装修公司 (a bare noun, then a
    preposition), 两位老人提出终止合同、拿回定金 (a predicate) and 二人的同居状态及… (a ``pair_apposition_stop`` word
    before the joint) are none."""
    stop = _PAIR_CLAUSE_END.search(text, end, end + _MAX_ITEM)
    item = text[end : stop.start() if stop else end + _MAX_ITEM]
    for x in w.enum_sep:
        at = item.find(x)
        if 3 <= at < len(item) - 1 and not any(s in item[:at] for s in w.pair_apposition_stop) and not any(
                x in nj and at >= nj.index(x) and item.startswith(nj, at - nj.index(x)) for nj in w.pair_not_joint):
            return True
    return False


def _pair_before(text: str, lead: int, seps) -> bool:
    """Two parties joined (徕卡与小米) in an earlier clause of the count's sentence."""
    c = _CLAUSE_START.search(text, max(0, lead - _MAX_LIST), lead)
    if c is None or text[c.start()] not in _CLAUSE_CHARS or text[c.start()] in _SENTENCE_MARKS:
        return False
    s = _SENTENCE_START.search(text, max(0, c.start() - _MAX_LIST * 2), c.start())
    clause = text[s.end() if s else max(0, c.start() - _MAX_LIST * 2) : c.start()]
    return any(0 < clause.find(x) < len(clause) - 1 for x in seps if len(x) == 1 and x in clause)

# the items of a listed enumeration are looked for back to the clause start, at most this far
_CLAUSE_START = regex.compile(rf"[{regex.escape(_CLAUSE_MARKS)}\n\p{{Zs}}]", regex.REVERSE)
_MAX_LIST = 40
_SENTENCE_MARKS = "。！？!?；;\n"
# a pair's clause: quotes and brackets inside it hold epithets (“青岛舞王”黄渤和“全能舞者”王一博两位主演), no clause
_PAIR_CLAUSE_START = regex.compile(r"[，。；：！？,;:!?\n\p{Zs}]", regex.REVERSE)
_PAIR_CLAUSE_END = regex.compile(r"[，。；：！？,;:!?\n\p{Zs}（(“”]")
_SENTENCE_START = regex.compile(rf"[{regex.escape(_SENTENCE_MARKS)}]", regex.REVERSE)
_MAX_ITEM = 8


def enumeration_totals(text: str, grammar, found: list[Span]) -> list[Span]:
    """Enumeration totals (guide §6): the count of the parties listed right before it — 沪深两市,
    京津冀三地, 省市县乡村五级 (as many one-character abbreviations as the count says) and
    南昌、赣江新区、九江三地, 萍乡与长沙、株洲三地 (as many items of a list in the same clause).
    A count without its parties listed (两省共治以来, 情牵两地) is a generic reference, no span."""
    out: list[Span] = []
    starts = [s.start for s in found]  # in text order, never overlapping
    for m in grammar.enum_re.finditer(text):
        start, end = m.span()
        i = bisect_left(starts, end) - 1  # the last figure starting before this match ends
        if i >= 0 and found[i].end > start:
            continue
        num = m.group("num")
        n = int(num) if num.isdigit() else grammar.rules.numerals[num][0]
        if start < n:
            continue
        abbrevs = text[start - n : start]
        listed = all(ch in grammar.enum_abbrev for ch in abbrevs) and (
            start == n or text[start - n - 1] not in grammar.enum_abbrev)
        if not listed and m.group("noun") not in grammar.enum_levels:
            c = _CLAUSE_START.search(text, max(0, start - _MAX_LIST), start)
            items = grammar.enum_split.split(text[c.end() if c else max(0, start - _MAX_LIST) : start])
            listed = len(items) == n and all(items) and all(len(x) <= _MAX_ITEM for x in items[1:])
        if listed:
            out.append(Span(start, end, "CARDINAL", text[start:end],
                            {"value": n, "unit": m.group("noun"), "qualifier": "exact"}))
    return out
