"""A maker right before its model code or product line in a launch clause is an ORG (issue #13 names, #15 S2;
annotation §6 "Brands that are common words", h199).

In a clause with a launch word (``launch_verb`` of rules/link_cues.tsv: 发布, 推出, 开售, 搭载 …), one Han token
that no dictionary holds or that the dictionary tags a proper name (nz, nr, nrt, eng), or a ``brand`` word of
rules/brands.tsv, standing right before a model code (Latin letters and digits: G310, Y9000P, Mate 60; a space may
stand between) or a ``line`` word of rules/brands.tsv (a product line: 小新, iPhone, Galaxy) is the product's maker:
ORG. The model code and the product line stay no name. Not a place or person of the gazetteer, not a word inside
《》, not a code followed by a ``code_stop`` or ``code_after_not`` word (张三乘G7次列车, 京A12345号), not a name found
by another rule (it wins), not a word after an ORG of its clause or right after a brand (华硕今日发布天选 X2, 高通骁龙 W5:
the maker's series), not a ``line`` or ``product`` word itself.

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor(model=False).extract_text("IT之家消息，HMD今天推出了诺基亚 G310手机。")
    >>> [(s["text"], s["label"]) for s in rec["spans"] if s["text"] == "诺基亚"]
    [('诺基亚', 'ORG')]
"""

from __future__ import annotations

import regex

from ..clauses import clause_bounds
from ..spans import Span

_HAN = regex.compile(r"\p{Han}{2,6}")
# a model code: letters then digits (G310, Y9000P, Mate 60, X3), not a digit first (5G, 4K) nor a year (北京 2022)
_CODE = regex.compile(r"[ \u00a0]?[A-Za-z]{1,8}[ \u00a0]?\d{1,5}(?![.,]\d)[A-Za-z0-9+\-]*")
_PROPER = frozenset(("nz", "nr", "nrt", "nrfg", "eng"))


class CodeMakers:
    """``names(words, starts, text, found)``: ORG spans of makers before their model codes in launch clauses."""

    def __init__(self, verbs: tuple[str, ...], lines: tuple[str, ...], brands: frozenset[str], stops: tuple[str, ...],
                 tags: dict[str, str], known: dict[str, str], series: tuple[str, ...] = ()):
        self.verbs, self.brands, self.stops, self.tags, self.known = verbs, brands, stops, tags, known
        self.series = frozenset(lines + series)  # product lines and words (骁龙, 手机): no maker
        self.makers_before = tuple(brands)  # 高通 + 骁龙 W5: the word after a brand is its series
        self.lines = tuple(sorted(lines, key=len, reverse=True))
        self._makers: dict[str, bool] = {}  # speed: _maker_word per distinct word (its lists never change)

    def _maker_word(self, w: str) -> bool:
        got = self._makers.get(w)
        if got is None:
            if len(self._makers) > 200_000:
                self._makers.clear()  # bounded over a long batch
            got = self._makers[w] = self._is_maker_word(w)
        return got

    def _is_maker_word(self, w: str) -> bool:
        if w in self.brands:
            return True
        if w in self.series:
            return False
        if not _HAN.fullmatch(w) or self.known.get(w) in ("GPE", "LOC", "PERSON", "NORP", "FAC"):
            return False
        tag = self.tags.get(w)
        return tag is None or tag in _PROPER

    def _name_piece(self, w: str) -> bool:
        """Is ``w``, written right before a maker word, a piece of the same name (a proper-name or unknown Han word)?"""
        return bool(_HAN.fullmatch(w)) and w not in self.series and w not in self.brands and self.known.get(w) is None and (
            self.tags.get(w) is None or self.tags[w] in _PROPER)

    def _product_after(self, text: str, b: int) -> bool:
        """Does a model code or a product line follow the maker ending at ``b``?"""
        k = b + 1 if text[b : b + 1] == " " else b
        if text.startswith(self.lines, k):
            return True
        m = _CODE.match(text, b)
        return m is not None and not text.startswith(self.stops, m.end())

    def names(self, words: list[str], starts: list[int], text: str, found: list[Span]) -> list[Span]:
        if not self.verbs or not any(v in text for v in self.verbs):
            return []
        out = []
        known = list(map(self._makers.get, words))  # speed: one memo look-up a word, a call only for new words
        for i in [i for i, k in enumerate(known) if k is not False]:
            w, a = words[i], starts[i]
            b = a + len(w)
            if not (known[i] or self._maker_word(w)) or not self._product_after(text, b):
                continue
            while i and starts[i - 1] + len(words[i - 1]) == a and self._name_piece(words[i - 1]):
                i, a = i - 1, starts[i - 1]  # 紫光 + 展锐 + 发布T820: jieba cut the maker's name in two, it is one
            if a and regex.match(r"[A-Za-z0-9《]", text[a - 1]):
                continue  # a piece of a longer word or a title's start
            begin, end = clause_bounds(text, a, b, reach=200)
            clause = text[begin:end]
            if text.endswith(self.makers_before, begin, a) or not any(v in clause for v in self.verbs) or text.count("《", begin, a) > text.count("》", begin, a):
                continue
            if any(s.start < b and a < s.end or (s.label == "ORG" and begin <= s.start < a) for s in found):
                continue  # a name found by another rule wins; after the clause's maker a word is its series (华硕发布天选 X2)
            out.append(Span(a, b, "ORG", text[a:b]))
        return out
