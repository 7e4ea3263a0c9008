"""A known company's name + a business word is its subsidiary's name (issue #13, h295): 京东 + 健康, 华兴 + 资本,
比亚迪 + 财险, 华为 + 云 (rules/company_words.tsv ``branch``), where the article shows the whole is a company.

An organisation found by other rules (six characters at most, no organisation suffix: not 人民日报 + 健康) right
before a ``branch`` word that ends a jieba token becomes one ORG with it when

* the whole is written in the article with a ``branch_firm`` word after it (京东健康股份有限公司, 华兴资本控股有限公司,
  比亚迪财险公司), or one of its mentions there is followed by a ``branch_cue`` (发布, 公告, 董事长, 收入: the
  company's acts, filings and people; no figure word: 华为云 + 收入 in 华为's report) or a stock code or quote (华能国际(8.630, -0.63, -6.80%));
* and the token after this mention is no noun that makes a longer word (京东健康 + 商家, 华为云 + 战略合作, 天猫国际 +
  自营店: the parent's business), unless a ``branch_cue``.

Without such evidence the parent stays alone: 京东物流配送很快 → 京东 (the parent's business, annotation §6).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor(model=False).extract_text("京东健康发布中期业绩。京东健康股份有限公司称。")
    >>> [s["text"] for s in rec["spans"]][:1]
    ['京东健康']
"""

from __future__ import annotations

import regex

from ..normalize import is_stock_quote
from ..rule_types import CompanyWords
from ..spans import Span

_MAX_PARENT = 6  # a parent's name of at most so many characters (京东, 比亚迪, 中国太保)
# tags of the token after the whole that leave it a name: verbs, function words, time and place words
_FREE_TAGS = frozenset(("v", "vd", "p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "r", "d", "ad", "t", "f", "m", "q", "y", "zg"))
_HAN = regex.compile(r"\p{Han}")
_CODE = regex.compile(r"\s*[\uff08(]\s*\d{4,6}(?:\.[A-Za-z]{2})?\s*[)\uff09]")  # (06618.HK), full or half width: a stock code


class BranchNames:
    """``names(spans, text, words, starts)``: the flat, sorted ``spans`` with each parent + ``branch`` word made one ORG
    where the module docstring's evidence holds."""

    def __init__(self, words: CompanyWords, tags: dict[str, str], org_suffixes=()):
        self.branch = tuple(sorted(words.branch, key=len, reverse=True))
        self.cue = tuple(sorted(words.branch_cue, key=len, reverse=True))
        self.firm_after = "(?:" + "|".join(map(regex.escape, sorted(words.branch_firm, key=len, reverse=True))) + ")"  # 股份有限公司
        self.tags = tags
        self.org_suffixes = tuple(org_suffixes)

    def _cue(self, text: str, b: int, word: str) -> bool:
        """Is the whole ending at ``b`` followed by company evidence (a cue word, a stock code or quote)?"""
        rest = text[b:].lstrip(" ")
        return rest.startswith(self.cue) or _CODE.match(text, b) is not None or is_stock_quote(word)

    def _free(self, word: str) -> bool:
        """May the token ``word`` stand right after the whole (no noun that makes a longer word)?"""
        return not word or not _HAN.match(word[0]) or self.tags.get(word) in _FREE_TAGS

    def names(self, spans: list[Span], text: str, words: list[str], starts: list[int]) -> list[Span]:
        at = None
        found = []  # (index of the parent, end of the whole, token after it)
        for i, s in enumerate(spans):
            if s.label != "ORG" or "furniture" in s.attrs or len(s.text) > _MAX_PARENT or s.text.endswith(self.org_suffixes):
                continue
            w = next((w for w in self.branch if text.startswith(w, s.end)), None)
            if w is None or (i + 1 < len(spans) and spans[i + 1].start < s.end + len(w)):
                continue
            if at is None:
                at = {a: k for k, a in enumerate(starts)}
            b = s.end + len(w)
            k = at.get(b)
            if k is None and b != len(text):
                continue  # 京东 + 物流配送: the word is part of a longer token
            found.append((i, b, words[k] if k is not None else ""))
        if not found:
            return spans
        shown = {text[spans[i].start : b] for i, b, after in found if self._cue(text, b, after)}
        shown |= {w for w in {text[spans[i].start : b] for i, b, _ in found} - shown if regex.search(regex.escape(w) + self.firm_after, text)}
        out = list(spans)
        for i, b, after in found:
            s = spans[i]
            if text[s.start : b] in shown and (self._free(after) or self._cue(text, b, after)):
                out[i] = Span(s.start, b, "ORG", text[s.start : b])
        return out
