"""Companies named right before a portal's stock quote with no code after it (issue #13):
近日恒辉安防(19.730, -2.11, -9.66%)披露 → ORG 恒辉安防. The portal links indexes, currencies and
commodities the same way (恒生指数(18308.061, -21.24, -0.12%), 人民币(7.1564, …), 白糖(…)), and now and
then a piece of a longer word (阿里(94.85, 0.63, 0.67%)巴巴, 高通(…)胀): those are no names."""
from __future__ import annotations

from bisect import bisect_right

import regex

from ..spans import Span
from .name_patterns import coded_companies, numeral_lead

# price, change and percentage in brackets, not followed by a stock code (stock_code_pattern has those)
_QUOTE = regex.compile(r"[（(]\d[\d.]*,\s*[-+]?[\d.]+,\s*[-+]?[\d.]+%\s*[)）](?!\s*[（(])")
_COMMON = ("n", "q")  # jieba's tags of common nouns and measure words: 白糖, 人民币, 恒生指数, 英镑
_PROPER = ("nz", "nr", "nrt", "nt")  # jieba's tags of proper names: 诺和诺德, 高盛
_PLACE = ("ns",)  # a place before a proper name is part of the company's name: 浙江 + 震元


class QuotedCompanies:
    """ORG spans for the names before a portal's quote (:data:`_QUOTE`), found as before a stock
    code (:func:`coded_companies`), unless the name's last word is a common noun that is no
    firm word (rules/company_words.tsv), nor an industry word after a first word that is no place
    (中国 + 新能源), nor a known ORG, or ends in a ``no_name`` word
    (rules/name_grammar.tsv quote_no_name: 指数): 人民币, 豆粕, 恒生指数 are no company, 东方证券 is one;
    or the quote cuts a word (阿里 + 巴巴, 棕榈 + 油, Powe + ll: the tokens join it over the quote).
    A proper name after other words is the name alone: 审查丹麦药企 + 诺和诺德 → 诺和诺德."""

    def __init__(self, tags: dict[str, str], stop, share, companies, known: dict[str, str], no_name: tuple[str, ...]):
        self.tags, self.stop, self.share, self.known, self.no_name = tags, stop, share, known, tuple(no_name)
        self.firms, self.industries = frozenset(companies.firm), frozenset(companies.industry)

    def _breaks(self, word: str) -> bool:
        """Whether a word inside a run before a quote ends what comes before the name: a verb, a
        number or measure word, a word with digits (获得, 携手, 万股, 25E)."""
        return (self.tags.get(word) or "").startswith(("v", "m", "q", "p")) and self.tags.get(word) != "vn" or any(c.isdigit() for c in word)

    def _placed(self, head: str) -> bool:
        """Whether a name's first word is a place: 中国 + 新能源 is an industry of a country."""
        return self.known.get(head) in ("GPE", "LOC") or self.tags.get(head) == "ns"

    def names(self, words: list[str], starts: list[int], text: str, numerals: str = "") -> list[Span]:
        if "%" not in text:
            return []
        out = []
        for s in coded_companies(_QUOTE, words, starts, text, self.tags.get, self.stop, self.share, numerals):
            first, i = bisect_right(starts, s.start) - 1, bisect_right(starts, s.end - 1) - 1
            cut = next((k + 1 for k in range(i - 1, first - 1, -1) if self._breaks(words[k])), first)
            if cut > first:  # 刘斌作为 + 东方雨虹, 增持14.59万股 + 广汽集团, 23-25E + 香港交易所; 增持2100.0股亿 + 华通 → 亿华通
                lead = starts[cut] - 1 if numeral_lead(text, starts[cut] - 1, numerals, self.tags.get, words[cut]) else starts[cut]
                first, s = cut, Span(lead, s.end, "ORG", text[lead : s.end])
            last = text[starts[i] : s.end]  # the tokens hold a quote inside the word it cuts: 阿里(94.85, 0.63, 0.67%)巴巴
            if starts[i] + len(words[i]) > s.end or len(s.text) < 2 or (self.known.get(s.text) != "ORG" and (s.text.endswith(self.no_name) or (
                    self.tags.get(last) in _COMMON and last not in self.firms and (last not in self.industries or self._placed(words[first]))))):
                continue  # 阿里 + 巴巴, 高通 + 胀; 人民币, 恒生指数, 豆粕; 中国 + 新能源 (汽车)
            if first == i and last in self.firms | self.industries:
                continue  # 开开 + 实业: the words before were cut as a verb
            if first < i and starts[i] - s.start >= 2 and self.tags.get(words[i - 1]) not in _PLACE and len(last) >= 2 and self.tags.get(last) in _PROPER:
                lead = starts[i] - 1 if numeral_lead(text, starts[i] - 1, numerals, self.tags.get, last) else starts[i]
                s = Span(lead, s.end, "ORG", text[lead : s.end])  # 审查丹麦药企 + 诺和诺德, 金十数据 + 高盛 (not 浙江 + 震元, 科 + 安达); 股亿 + 华通
            out.append(s)
        return out
