"""A school's short form after its place (issue #13 names → #15 subjects, h362): a place the rules found, an ordinal
(第 and Chinese numerals, or the numerals alone) and a ``school_short`` character of rules/name_grammar.tsv (中, 小)
are one ORG: 临沂 + 一中, 北京 + 十二中, 昌吉州 + 二中, 簰州 + 一小. With 第 the full word after the ordinal
(``school_full``: 中学, 小学) belongs to the name: 靖安县 + 第一小学, 龙沙区 + 第三十四中学. Without 第 a full word is
read as a count (武汉一小学生 is "a pupil in Wuhan"), and a ``school_not`` word the short character opens is no school
(保定一小区, 河南一小伙, 武汉一中年女子, 北京四中院, 海南省第一中级人民法院, 一中队). Places and organisations written
straight before the place head the name (annotation §3, the longest name: 齐齐哈尔市 + 龙沙区 + 第三十四中学 is one ORG).
Only after a place: 十九届一中全会 and 两岸同属一中 stay no names.

Example:
    >>> from pxextract.spans import Span
    >>> t = "开学在即，临沂一中的家长。保定一小区被围困。"
    >>> [s.text for s in school_shorts([Span(5, 7, "GPE", "临沂"), Span(13, 15, "GPE", "保定")], t, ("中", "小"), ("中学", "小学"), ("小区",), "第", "一二十")]
    ['临沂一中', '保定']
"""

from __future__ import annotations

import regex

from ..spans import Span

def school_shorts(names: list[Span], text: str, shorts: tuple[str, ...], full: tuple[str, ...], not_words: tuple[str, ...], ordinal: str, numerals: str) -> list[Span]:
    """``names`` (sorted, flat) with each place followed by an ordinal and a school's short character (module docstring)
    made one ORG with them; ``ordinal``: the ordinal prefix (第, rules/number_stops.tsv), ``numerals``: the Chinese
    numeral characters (rules/numerals.tsv)."""
    if not shorts or not any(c in text for c in shorts):
        return names
    pattern = regex.compile(f"((?:{regex.escape(ordinal)})?)[{regex.escape(numerals)}]{{1,4}}(?:{'|'.join(map(regex.escape, shorts))})")
    starts = {s.start for s in names}
    out, drop = list(names), set()
    for k, s in enumerate(names):
        if s.label != "GPE" or "furniture" in s.attrs:
            continue
        m = pattern.match(text, s.end)
        if not m or any(s.end <= n.start < m.end() for n in names):
            continue
        e, short = m.end(), m.end() - 1
        word = next((w for w in full if text.startswith(w, short)), None)
        if word is not None:
            if not m.group(1):
                continue  # 武汉一小学生: a pupil
            e = short + len(word)
        elif text.startswith(not_words, short):
            continue  # 保定一小区, 北京四中院
        if e in starts:
            continue  # a name starts right after: no short form of a school
        first = k
        while first > 0 and names[first - 1].end == names[first].start and names[first - 1].label in ("GPE", "ORG") and "furniture" not in names[first - 1].attrs:
            first -= 1
        drop.update(range(first, k + 1))
        a = names[first].start
        out.append(Span(a, e, "ORG", text[a:e]))
    if not drop:
        return names
    return sorted((s for j, s in enumerate(out) if j not in drop), key=lambda s: s.start)
