"""The lead's own country word (issue #15 S6, h281): a headline or lead that names no place or body
but opens a phrase with 国内 or 我国 (``rules/link_cues.tsv`` lead_country; not lead_country_not 国内外,
国内的) is about China: the article's subject is 中国, not the place the article names most often
(a passing mention: 尼日利亚's oil exports in a 国内油价 story, 马来西亚's polysilicon in a 国内N型料 price
report). The word opens a phrase where a mark, a space or a time word (lead_country_open) stands right
before it (原标题：国内油价…, 本周国内N型料…, 去年我国露天煤矿…); not after a verb or preposition (在国内上映,
影响我国的可能, 涌向国内留学) nor after another word of its phrase (国际国内各种资源, 等国内的一些企业家).

Example:
    >>> cues = (("国内", "我国"), ("国内外", "国内的"), ("周", "年"))
    >>> lead_country("原标题：国内油价下周三迎来调整！", 18, *cues), lead_country("本周国内N型料价格", 9, *cues)
    (True, True)
    >>> lead_country("电影尚未在国内上映。", 10, *cues)
    False
"""
from __future__ import annotations

import regex

_MARK = regex.compile(r"[\s\p{P}]")  # a mark or a space right before the word: it opens a phrase


def lead_country(text: str, lead_end: int, words: tuple[str, ...], nots: tuple[str, ...], opens: tuple[str, ...]) -> bool:
    """Whether the headline or lead (``text[:lead_end]``) opens a phrase with one of ``words``."""
    for word in words:
        at = text.find(word, 0, lead_end)
        while at >= 0:
            opening = at == 0 or _MARK.match(text, at - 1) is not None or text.endswith(opens, 0, at)
            if opening and not any(text.startswith(n, at) for n in nots):
                return True
            at = text.find(word, at + 1, lead_end)
    return False
