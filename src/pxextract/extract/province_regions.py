"""Regions written as a province's one-character short form and a direction (issue #13 names recall, h376).

Weather and travel news name parts of a province by its short form and a direction: 浙南, 闽北, 鄂东, 鲁西南,
陇中 — named regions, LOC (annotation §6, as the listed 赣西, 苏北). The short forms, the directions, the tail
(鲁西南 + 地区) and the words after that make the string another name (川西 + 路, a street) are
rules/name_grammar.tsv's ``region_abbrev``, ``region_direction``, ``region_tail`` and ``region_not_after``. The short
form must open a word (not 创新 + 中心, 北京 + 西南部, 江苏 + 北部) and the region end one (湘北 + 南风 → 湘北, not
湘北南); a string opening with a gazetteer name is left to the gazetteer (陕西 + 北部, 湘西州; 黔东南 stays GPE), and a
longer name found over it wins (the flattening: longest first). After a GPE (上海 + 川北之声合唱团, 木石镇 + 鲁南…园区) it
opens a longer name the rules do not find: none (the flattening would glue the two into one LOC).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor(model=False).extract_text("7月27日8时至28日8时，闽北大到暴雨，浙南沿海地区出现大风。")
    >>> [(s["text"], s["label"]) for s in rec["spans"] if s["label"] == "LOC"]
    [('闽北', 'LOC'), ('浙南', 'LOC')]
"""

from __future__ import annotations

from bisect import bisect_left

import regex

from ..spans import Span

_HAN = regex.compile(r"\p{Han}+")


class ProvinceRegions:
    """``regions(words, starts, text)``: the LOC spans of short form + direction regions (module docstring)."""

    def __init__(self, grammar, known: dict[str, str]):
        self.abbrevs = frozenset(grammar.region_abbrev)
        self.directions = tuple(sorted(grammar.region_direction, key=len, reverse=True))
        self.tails = tuple(sorted(grammar.region_tail, key=len, reverse=True))
        self.not_after = tuple(grammar.region_not_after)
        self.name_end = tuple(grammar.region_name_end)
        self.units = tuple((*grammar.gazetteer_only, *grammar.village_end))  # 省, 市, 县, 区; 镇, 乡, 村
        self.known = known

    def __call__(self, words: list[str], starts: list[int], text: str) -> list[Span]:
        abbrevs = self.abbrevs
        heads = [i for i, w in enumerate(words) if w[0] in abbrevs]
        if not heads:
            return []
        ends = {s + len(w) for s, w in zip(starts, words)}
        known, out = self.known, []
        for i in heads:
            a = starts[i]
            if any(text[a : a + n] in known for n in (2, 3)):
                continue  # 陕西 + 北部, 湘西州, 黔东南: the gazetteer's
            if i and (known.get(words[i - 1]) == "GPE" or words[i - 1].endswith(self.units)):
                continue  # 上海 + 川北之声合唱团, 木石镇 + 鲁南高科技化工园区: a place before it opens a longer name
            for d in self.directions:
                if not text.startswith(d, a + 1):
                    continue
                e = a + 1 + len(d)
                tail = next((t for t in self.tails if text.startswith(t, e) and e + len(t) in ends), "")
                if e + len(tail) not in ends:
                    continue  # 湘北南 + 风: a shorter direction may end a word
                e += len(tail)
                if not (text.startswith(self.not_after, e) or self._opens_name(words, starts, e)):  # 川西 + 路: a street
                    out.append(Span(a, e, "LOC", text[a:e]))
                break
        return out

    def _opens_name(self, words: list[str], starts: list[int], e: int) -> bool:
        """Do the (at most 3) Han words from ``e`` end in a ``region_name_end`` (鲁南 + 高科技 + 化工 + 园区, 浙东 + 婚俗 +
        文化馆): the region opens a longer name the rules do not find, no region of its own."""
        j = bisect_left(starts, e)
        for w in words[j : j + 3]:
            if not _HAN.fullmatch(w):
                return False
            if w.endswith(self.name_end):
                return True
        return False
