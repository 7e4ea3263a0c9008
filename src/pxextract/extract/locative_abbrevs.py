"""Abbreviations read across a locative word and the adverb 共 (issue #13 precision, #15 subjects).

The gazetteer's 中共 is also 中 closing a locative word and 共 "in total" opening the count: 中国队在本届世锦赛中共获得
20枚金牌 is 世锦赛中 + 共获得 (won in total in the championships), not ORG 中共 — whose medal count then had 中共 for
subject. jieba's own words cut there too (世锦赛 + 中共 + 获得: the abbreviation is a word of its dictionary), so the
rule reads the context: a ``locative_abbrev`` of rules/name_grammar.tsv written as a word of its own between a word
a locative may follow (a noun, a verbal noun: 世锦赛, 行动, 比赛; not a preposition, conjunction or verb: 据, 和, 加入)
and a ``total_after`` verb (获得, 有, 抓获) is no name. 1921年中共成立, 庆祝中共成立, 据中共…报道 and the longer names
(中共中央, 中共萍乡市委: other gazetteer words) stay.

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor(model=False).extract_text("中国队在本届世锦赛中共获得20枚金牌。")
    >>> [s["text"] for s in rec["spans"] if s["label"] == "ORG"]
    ['中国队']
"""

from __future__ import annotations

import regex

_HAN_END = regex.compile(r"\p{Han}$")
_NOT_BEFORE_TAGS = ("p", "c", "v", "u", "d")  # 据 / 和 / 加入 / 的 / 也 + 中共: the party


class LocativeAbbrevs:
    """``finder.locative(words, i)``: is ``words[i]`` a locative_abbrev read across 赛中 + 共获得 (no name)?"""

    def __init__(self, names, total_after, tags: dict[str, str]):
        self.names, self.after, self.tags = frozenset(names), frozenset(total_after), tags

    def __call__(self, words: list[str], i: int) -> bool:
        if words[i] not in self.names or i == 0 or i + 1 >= len(words) or words[i + 1] not in self.after:
            return False
        prev = words[i - 1]
        return bool(_HAN_END.search(prev)) and (self.tags.get(prev) or "n") not in _NOT_BEFORE_TAGS
