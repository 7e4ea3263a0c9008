"""Companies named by a head and an industry word that act as a clause's subject (issue #13 → #15, h367):
宝骏汽车公布…, 哪吒汽车 CEO 张勇…, 云鲸智能发布…, 方块游戏于7月26日宣布… → one ORG (rules/company_words.tsv
``industry``, ``firm``, ``product_word`` and ``acting_industry``; ``acting_cue`` and brands.tsv ``subject_verb`` /
``between``).

A head of two to four Han characters and an industry word, opening a clause (after punctuation or a line's start,
up to two ``between`` words may stand first: 今天宝骏汽车), followed (after up to two ``between`` words or a day:
于7月26日, 25日) by a company's verb (``subject_verb``: 宣布, 发布, 推出) or an ``acting_cue`` (公布, CEO, 董事长), not before an ``acting_not_after`` word
(兴业证券发布 + 研究报告称: an analysts' house cited for another firm's figures). The
head and the industry word are whole jieba tokens (the pair may be one token); the head is no dictionary word of a
function, verb or number tag, no place (贵州 + 科技: annotation §3), no industry, generic or ``not_head`` word (新能源 +
汽车, 网络 + 游戏) and no stop word. A name found inside it (宝骏 of 宝骏汽车: the product's brand) gives way; one that
crosses its edge or ends with it wins (阿里影业 of 当天阿里影业). The ``acting_industry`` words (出行, 游戏, 影业) end too many common phrases to
name a firm elsewhere (company_names.py): only a company acts with them so.

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor(model=False).extract_text("近日，哪吒汽车首席执行官张勇在微博上宣布此事。")
    >>> [(s["text"], s["label"]) for s in rec["spans"] if s["label"] == "ORG"]
    [('哪吒汽车', 'ORG')]
"""

from __future__ import annotations

import regex

from ..spans import Span
from .subject_firms import _CLAUSE_START  # what may stand before a clause's subject

_BAD_TAGS = frozenset(("p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "r", "d", "m", "q", "y", "e", "o", "x", "w",
                       "v", "vd", "vn", "f", "ad", "zg", "mq"))  # a head's tag that makes no firm (冒充, 根据, 本次, 三家)


def _alt(ws) -> str:
    return "|".join(map(regex.escape, sorted(set(ws), key=len, reverse=True)))


class ActingFirms:
    """``names(names, text, words, starts)``: the sorted, flat ``names`` with the companies of the module docstring."""

    def __init__(self, industry, between, cues, not_heads, not_after, day_units, tags: dict[str, str], known: dict[str, str],
                 stop=frozenset()):
        day = rf"\d{{1,2}}(?:{_alt(day_units)})"  # 7月, 26日 (after 于, a between word)
        self.pattern = regex.compile(
            rf"(?:^|(?<=[{regex.escape(_CLAUSE_START.strip())}\n]))[ \t]*(?:(?:{_alt(between)})[ \t]*){{0,2}}"
            rf"(?P<name>\p{{Han}}{{2,4}}?(?:{_alt(industry)}))[ \t]*(?:(?:{_alt(between)}|{day})[ \t]*){{0,3}}(?:{_alt(cues)})(?!{_alt(not_after)})",
            regex.M)
        self.industry = tuple(sorted(set(industry), key=len, reverse=True))
        self.not_heads = frozenset(not_heads) | frozenset(industry)
        self.tags, self.known, self.stop = tags, known, stop

    def _head(self, head: str, a: int, at: dict[int, str]) -> bool:
        """Is ``head`` (starting at ``a``) a firm's distinctive head on the tokens ``at`` (start → token)?"""
        if head in self.not_heads or head in self.stop or self.known.get(head) in ("GPE", "LOC"):
            return False
        first = head if len(at[a]) > len(head) else at[a]  # the pair as one token (哪吒汽车): the head's own tag
        if first != head and self.tags.get(first) == "t":
            return False  # a time word before the name (当天 + 阿里影业); 现代 + 汽车 is one word
        return self.tags.get(first) not in _BAD_TAGS and first not in self.not_heads and self.known.get(first) not in ("GPE", "LOC")

    def names(self, names: list[Span], text: str, words: list[str], starts: list[int]) -> list[Span]:
        if not any(map(text.__contains__, self.industry)):
            return names
        at = dict(zip(starts, words))
        ends = {s + len(w) for s, w in zip(starts, words)}
        new, gone = [], set()
        for m in self.pattern.finditer(text):
            a, b = m.span("name")
            word = next(w for w in self.industry if text.endswith(w, a, b))
            h = b - len(word)
            if b not in ends or a not in at or (h not in at and at[a] != text[a:b]) or not self._head(text[a:h], a, at):
                continue
            inside = [i for i, s in enumerate(names) if a <= s.start and s.end <= b]
            if any(s.start < b and a < s.end for s in names if not (a <= s.start and s.end <= b)) or any(
                    names[i].end == b for i in inside):
                continue  # a name across its edge, or one ending with it (the whole, 当天 + 阿里影业)
            gone.update(inside)
            new.append(Span(a, b, "ORG", text[a:b]))
        if not new:
            return names
        return sorted([s for i, s in enumerate(names) if i not in gone] + new, key=lambda s: s.start)
