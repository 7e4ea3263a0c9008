"""The names of a photo caption or a title, flagged as news furniture (attribute ``furniture``:
never an article's or a figure's subject; annotation §6): the sentence right before a photo credit
(视觉中国 资料图), a column title in 【】 and the 《》 title of a newspaper or magazine. The article's
subject (:mod:`pxextract.subjects`) passes over them.

Example:
    >>> from pxextract.rules import load_rules
    >>> from pxextract.spans import Span
    >>> text = "东莞市清溪镇风光。视觉中国 资料图7月25日晚，东莞市发布通知。"
    >>> names = [Span(0, 3, "GPE", "东莞市"), Span(25, 28, "GPE", "东莞市")]
    >>> mark_captions(text, names, load_rules())
    >>> ["furniture" in s.attrs for s in names]
    [True, False]
"""

from __future__ import annotations

import regex

from .spans import Span
from .title_names import mark_inside

_CAPTION_CHARS = 60  # how far back from a photo credit its caption may start
_COLUMN_TITLE = regex.compile(r"【([^【】\p{P}\s]{3,16})】")  # 【中国好手艺88】: a column's title, no headline (no punctuation)
_BOOK_TITLE = regex.compile(r"《([^《》\n]{2,30})》")
# around an organisation's name that is also a credit word (视觉中国): running text, or a credit's separator
_RUNNING_BEFORE, _HAN_CHAR, _CREDIT_BEFORE = regex.compile(r"[\p{Han}“‘\"《]"), regex.compile(r"\p{Han}"), regex.compile(r"[：:/（(\s]")


def mark_captions(text: str, names: list[Span], rules) -> None:
    """Flag the names of a photo caption as news furniture (never a subject): the sentence right
    before a photo credit (caption_credit of ``rules/news_furniture.tsv``), at most
    :data:`_CAPTION_CHARS` characters back. A credit that is an organisation's name, inside
    running text (right after a character or an opening quote: 被视觉中国告侵权; or followed by one,
    not after a credit's separator: 。视觉中国告知), is the company.

    >>> from pxextract.rules import load_rules
    >>> from pxextract.spans import Span
    >>> text = "东莞市清溪镇风光。视觉中国 资料图7月25日晚，东莞市发布通知。"
    >>> names = [Span(0, 3, "GPE", "东莞市"), Span(3, 6, "GPE", "清溪镇"), Span(25, 28, "GPE", "东莞市")]
    >>> mark_captions(text, names, load_rules())
    >>> ["furniture" in s.attrs for s in names]
    [True, True, False]
    >>> names = [Span(0, 2, "GPE", "杭州"), Span(11, 15, "ORG", "视觉中国")]
    >>> mark_captions("杭州一摄影师拍的照片被视觉中国告侵权。", names, load_rules())
    >>> ["furniture" in s.attrs for s in names]
    [False, False]
    """
    credits = rules.furniture.get("caption_credit", ())
    if not credits or not any(c in text for c in credits):
        return
    orgs = {(s.start, s.end) for s in names if s.label == "ORG"}
    for m in regex.finditer("|".join(map(regex.escape, credits)), text):
        end = m.start()
        if (m.start(), m.end()) in orgs and (end and _RUNNING_BEFORE.match(text, end - 1) or _HAN_CHAR.match(text, m.end())
                                             and not (end and _CREDIT_BEFORE.match(text, end - 1))):
            # 照片被视觉中国告侵权, 。视觉中国作为…: the company in running text, no credit (视觉中国 资料图 is one)
            continue
        body = text[max(0, end - _CAPTION_CHARS) : end].rstrip(" 　。")
        cut = max(body.rfind(c) for c in "。！？\n")
        start = max(0, end - _CAPTION_CHARS) + cut + 1
        for s in names:  # the caption's names, and 中国 of 视觉中国
            if start <= s.start and s.end <= end or s.start < m.end() and m.start() < s.end:
                s.attrs["furniture"] = True


def mark_titles(text: str, names: list[Span], rules) -> None:
    """Flag the names written inside a title as news furniture (never a subject; annotation §6: a
    title's words are its own): a column title in 【】 (【中国好手艺88】, longer than the name) and
    the 《》 title of a newspaper or magazine, whole (title_end of ``rules/news_furniture.tsv``: 《共青团真理报》,
    《每日邮报》 cited as a source). A source's account after a source word (本文转自【安徽发布】) is no column.

    >>> from pxextract.rules import load_rules
    >>> from pxextract.spans import Span
    >>> text = "【中国好手艺88】据《共青团真理报》报道，中国"
    >>> names = [Span(1, 3, "GPE", "中国"), Span(11, 14, "ORG", "共青团"), Span(23, 25, "GPE", "中国")]
    >>> mark_titles(text, names, load_rules())
    >>> ["furniture" in s.attrs for s in names]
    [True, True, False]
    """
    ends, sources = rules.furniture.get("title_end", ()), rules.furniture.get("source", ())
    # (start, end, whole title too): not a source's account after 本文转自 (【安徽发布】 names the story's place)
    zones = [(m.start(1), m.end(1), False) for m in _COLUMN_TITLE.finditer(text)
             if not (sources and text.endswith(sources, 0, m.start()))]
    zones += [(m.start(1), m.end(1), True) for m in _BOOK_TITLE.finditer(text) if ends and m.group(1).endswith(ends)]
    for a, b, whole in zones:
        for s in names:
            if a <= s.start and s.end <= b and (whole or s.end - s.start < b - a):
                s.attrs["furniture"] = True
    mark_inside(text, names, rules)  # 《中国好声音》, SOHO中国: a work's title, a company's name (pxextract.title_names)
