"""Unlisted companies and apps acting as a clause's subject (issue #13 recall, h352): rules/brands.tsv
``subject_verb``, ``subject_not_end`` and ``subject_body_end``.

A token of two to four Han characters that is no dictionary word (no tag), no name of the article, no name stop word
(name_stopwords.tsv: 图为, a caption's opening) and no ``cue`` or ``product`` word of brands.tsv (财报), that opens a clause before a ``subject_verb`` (宣布, 回应, 表示 …;
up to two ``between`` words may stand before it: 盒马已宣布) is an ORG where the article names it at least twice:
every whole-token mention, unless a name covers one or starts with it, or a token of it + a ``village_end`` word
(盒马村: a village's). Not a word starting with a surname (汪峰, 侯办: a person or his office) nor ending in a
``subject_not_end`` mark (片方, 外媒: a party, an outlet of a kind); one of three or four characters ends in a ``subject_body_end`` mark (为泰党; not 束珏婷表示: a person whose surname is not listed).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor(model=False).extract_text("近日，盒马宣布与迪士尼达成合作。目前，盒马已推出6款商品。")
    >>> [(s["text"], s["label"]) for s in rec["spans"] if s["label"] == "ORG"]
    [('盒马', 'ORG'), ('迪士尼', 'ORG'), ('盒马', 'ORG')]
"""

from __future__ import annotations

import regex

from ..brand_words import BrandWords
from ..spans import Span

_HAN_WORD = regex.compile(r"\p{Han}{2,4}")
_CLAUSE_START = "。，,；;：:！？!?“”\"「」『』（(【】）)\n 　"  # what may stand before a clause's subject


class SubjectFirms:
    """``names(names, text, words, starts)``: the sorted, flat ``names`` with the companies of the module docstring."""

    def __init__(self, w: BrandWords, tags: dict[str, str], surnames: frozenset[str], village_end: tuple[str, ...] = (),
                 stop: frozenset[str] = frozenset()):
        self.verbs, self.not_end, self.body_end = tuple(w.subject_verb), tuple(w.subject_not_end), tuple(w.subject_body_end)
        self.between = tuple(sorted(w.between, key=len, reverse=True))
        self.company_words = frozenset(w.cue) | frozenset(w.product)
        self.tags, self.surnames, self.village_end, self.stop = tags, surnames, frozenset(village_end), stop  # 图为 (a caption's)

    def _word(self, t: str) -> bool:
        return (_HAN_WORD.fullmatch(t) is not None and t not in self.tags and t not in self.stop and t[0] not in self.surnames
                and not t.endswith(self.not_end) and t not in self.company_words and (len(t) == 2 or t.endswith(self.body_end)))

    def _subject(self, text: str, a: int, b: int) -> bool:
        """Does the word at ``a``–``b`` open a clause before a company's verb?"""
        if a and text[a - 1] not in _CLAUSE_START:
            return False
        for _ in range(2):
            m = next((m for m in self.between if text.startswith(m, b)), None)
            if m is None:
                break
            b += len(m)
        return text.startswith(self.verbs, b)

    def names(self, names: list[Span], text: str, words: list[str], starts: list[int]) -> list[Span]:
        where: dict[str, list[int]] = {}
        for a, t in zip(starts, words):
            if len(t) >= 2 and self._word(t):
                where.setdefault(t, []).append(a)
        if where:  # 盒马 … 盒马村 (one token): the article writes it as a village's short form (village_shorts.py)
            where = {t: at for t, at in where.items() if not any(w[len(t):] in self.village_end and w.startswith(t) for w in words)}
        shown = [t for t, at in where.items() if len(at) >= 2 and any(self._subject(text, a, a + len(t)) for a in at)]
        new = []
        for t in shown:
            at = where[t]
            if any(s.start < a + len(t) and a < s.end for a in at for s in names) or any(s.text.startswith(t) for s in names):
                continue  # the article names it somewhere, or a longer name starts with it (盒马 … 盒马村, a village's short form): not ours
            new.extend(Span(a, a + len(t), "ORG", t) for a in at)
        return sorted(names + new, key=lambda s: s.start) if new else names
