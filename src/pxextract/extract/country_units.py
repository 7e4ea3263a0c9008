"""A company's name + 中国 is its China unit, one ORG (issue #13 precision, h341): 拜耳中国, 大华银行中国, 特斯拉中国
(rules/company_words.tsv ``country_unit``), not a company + the country cut apart (ORG 大华银行 + GPE 中国).

An ORG the rules or the model found that is a company (a gazetteer company, or a name ending in a
``country_unit_firm`` word: 银行, 集团, 公司) right before a GPE that is a ``country_unit`` word becomes one ORG with it
when the country ends a jieba token and the token after it leaves it a name: no Chinese character, a verb, function,
time or place word (携手, 达成, 的, 2023), a ``country_unit_after`` word (区总裁) or a ``branch_cue`` (宣布, 董事长). A noun after
it makes the country part of a longer word, the company's market or plant (特斯拉 + 中国市场, 耐克 + 中国高中篮球联赛,
国家知识产权局 + 中国专利公布公告网站: no company): those stay apart.

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor(model=False).extract_text("特斯拉中国宣布了一项服务。")
    >>> [(s["text"], s["label"]) for s in rec["spans"]][:1]
    [('特斯拉中国', 'ORG')]
"""

from __future__ import annotations

import regex

from ..rule_types import CompanyWords
from ..spans import Span

_FREE_TAGS = frozenset(("v", "vd", "p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "r", "d", "ad", "t", "f", "m", "q", "y", "zg"))
_HAN = regex.compile(r"\p{Han}")


class CountryUnits:
    """``names(spans, text, words, starts)``: the flat, sorted ``spans`` with each company + ``country_unit`` made one ORG
    where the module docstring's conditions hold."""

    def __init__(self, words: CompanyWords, tags: dict[str, str], firms: frozenset[str]):
        self.units = frozenset(words.country_unit)
        self.firm_end = tuple(words.country_unit_firm)
        self.after = tuple(sorted(set(words.country_unit_after) | set(words.branch_cue), key=len, reverse=True))
        self.tags = tags
        self.firms = firms  # the gazetteer's companies (特斯拉, 迪士尼)

    def _free(self, word: str) -> bool:
        """May the token ``word`` stand right after the whole (no noun that makes a longer word)?"""
        return not word or not _HAN.match(word[0]) or self.tags.get(word) in _FREE_TAGS or word.startswith(self.after)

    def names(self, spans: list[Span], text: str, words: list[str], starts: list[int]) -> list[Span]:
        hits = [i for i in range(len(spans) - 1) if spans[i + 1].label == "GPE" and spans[i + 1].text in self.units
                and spans[i + 1].start == spans[i].end and spans[i].label == "ORG" and "furniture" not in spans[i].attrs
                and (spans[i].text in self.firms or spans[i].text.endswith(self.firm_end))]
        if not hits:
            return spans
        at = {a: k for k, a in enumerate(starts)}
        out, drop = list(spans), set()
        for i in hits:
            s, g = spans[i], spans[i + 1]
            k = at.get(g.end)
            if k is None and g.end != len(text):
                continue  # 中国 inside a longer token
            after = words[k] if k is not None else ""
            if not (self._free(after) or text.startswith(self.after, g.end)):
                continue  # 特斯拉 + 中国 + 市场: the company's market in China
            out[i] = Span(s.start, g.end, "ORG", text[s.start : g.end])
            drop.add(i + 1)
        return [s for j, s in enumerate(out) if j not in drop]
