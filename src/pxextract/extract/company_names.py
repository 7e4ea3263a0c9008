"""Company short names without an organisation suffix (issue #13, kind A): a distinctive head word
and an industry word of rules/company_words.tsv (``industry``), on the pipeline's jieba tokens.

* the industry word is a whole token (慧荣 + 科技, 老虎 + 证券), or the end of an unknown token
  whose rest is the head (瑞泰新材);
* the head is one token of two or three characters that jieba's dictionary lacks (慧荣, 美腾), or
  two one-character tokens that no common word makes (中 + 泰); its first character is no function
  word (这 + 套, 从 + 愿景). It needs evidence of a company: a ``firm`` word (证券, 药业, 控股), an
  ``after`` word right after the name, an organisation across a list's 、 or a ``context`` word in its
  sentence (公司, 股价, 涨停: 注重低碳环保 is none). A head of the dictionary tagged a person or proper
  noun (老虎, 万科: jieba tags many common words so, 养老 nr, 聊天 nz) needs an ``after`` word, or a
  ``firm`` word and a list or ``context`` word (国信 + 证券 in 保荐机构是国信证券). Never a place (贵州 + 科技节:
  annotation §3, a place and a designation), a stop word or a ``not_head`` word;
* the name stands alone: the token before it is no name-like word (a noun or an unknown word
  could start the name earlier), and the token after it is no noun (电子 + 烟, 汽车 + 消费: a longer
  word) unless an ``after`` word (股价, 董事长, 公告: the company's stock, people, filings), and no
  legal form follows in the same run of characters nor a place in brackets and more (盛威实业 +
  投资有限公司, 中钧科技 + （深圳）有限公司: pieces of a longer name);
* names found by other rules win: a candidate is kept only where no name is, or over a person the
  model found inside its head (老虎 + 证券); an organisation inside stays (宝马 + 汽车: often the
  product), but takes a ``firm`` word right after it (华电 + 重工), a short one (four characters at most) an
  industry word but a ``product_word`` before no noun (国泰 + 航空, 通威 + 太阳能; not 华为 + 汽车 + 策略, 宝马 + 汽车; h210).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor(model=False).extract_text("慧荣科技股价周一下跌，有的电子烟被查。")
    >>> [(s["text"], s["label"]) for s in rec["spans"]]
    [('慧荣科技', 'ORG')]
"""

from __future__ import annotations

import regex

from ..normalize import is_stock_quote
from ..rule_types import CompanyWords
from ..spans import Span
from .fund_names import FundNames

_HAN = regex.compile(r"^\p{Han}+$")
# jieba tags of a dictionary word that may be a company's head, with more evidence (module docstring):
# person and other proper nouns and time words (老虎 nr, 万科 nz, 现代 t); never common nouns, verbs or places;
# and adjectives (博大 a of 博大新材, in a list of companies; h155)
_HEAD_TAGS = frozenset(("nr", "nrt", "nz", "t", "a"))
# tags of a one-character token that is no part of a name (的, 在, 和, 被, 这, 个)
_FUNCTION_TAGS = frozenset(("p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "r", "d", "m", "q", "y", "e", "o", "x", "w", "v"))
# tags of the token after the name that leave it whole: verbs, function words, time and place words
_AFTER_TAGS = frozenset(("v", "vd", "p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "r", "d", "ad", "t", "f", "m", "q", "y", "zg"))
_GLUED_FIRST = frozenset(("v", "p", "c", "d"))  # the first character of an unknown word after a name: 涨 + 超
_DESCRIBING = frozenset(("n", "vn"))  # tags of a common noun that may describe a company before its name (开发商)
_NO_FIRST = frozenset(("p", "c", "r", "u", "uj", "ul", "uz", "ug", "uv", "ud", "y", "e", "o"))  # 这 + 套, 从 + 愿景
# tags of a character that starts no three-character head (继 + 恒大, 原 + 华鑫, 日 + 登辉: jieba glued a word to a name)
_NO_FIRST_OF_THREE = frozenset(("v", "n", "m", "d", "t", "f", "q"))
_SHORT_ORG = 4  # an ORG of at most so many characters takes an industry word too (通威 + 太阳能, 国泰 + 航空; h210)
_LIST_MARK = "\u3001"  # the enumeration comma between names of a list
_SENTENCE_ENDS = ("\u3002", "\uff01", "\uff1f", "\n")  # full stop, exclamation and question marks, line end


class CompanyNames:
    """``names(spans, text, words, starts)``: the flat, sorted ``spans`` with the company short names
    of the module docstring added; ``words``/``starts`` are the tokens of ``text``."""

    def __init__(self, words: CompanyWords, tags: dict[str, str], known: dict[str, str], stop=frozenset(), titles=(), org_suffixes=()):
        self.firm = frozenset(words.firm)
        self.industry = frozenset(words.industry) | self.firm
        self.industry_ends = tuple(sorted(self.industry, key=len, reverse=True))
        self.after = frozenset(words.after)
        self.product = frozenset(words.product_word)  # 宝马 + 汽车: no firm after a short ORG
        self.not_head = frozenset(words.not_head)
        self.context = regex.compile("|".join(map(regex.escape, sorted(words.context, key=len, reverse=True))))
        forms = "|".join(map(regex.escape, sorted(words.legal_form, key=len, reverse=True)))
        self.longer = regex.compile(rf"\p{{Han}}*?(?:{forms})|[（(](\p{{Han}}{{1,10}})[）)]\p{{Han}}")
        self.tags = tags
        self.known = known
        self.stop = stop
        self.titles = frozenset(titles)
        self.org_suffixes = tuple(org_suffixes)  # name_suffixes.tsv ORG: a name with one is complete
        self.funds = FundNames(words.fund_type, words.fund_cue, words.fund_index)  # 易方达新享混合A + 最新净值

    def head(self, w: str) -> int:
        """How the word ``w`` may be a company's distinctive head: 0 not (贵州, 现代, 电子, 这套), 1 as a
        word of jieba's dictionary tagged a name (老虎, 万科), 2 as a word it lacks (慧荣)."""
        if not (2 <= len(w) <= 3 and _HAN.match(w)) or w in self.stop or w in self.not_head or w in self.titles:
            return 0
        if w in self.industry or self.known.get(w) in ("GPE", "LOC"):
            return 0
        first = self.tags.get(w[0])
        if first in _NO_FIRST or (len(w) == 3 and first in _NO_FIRST_OF_THREE):
            return 0  # 这 + 套, 从 + 愿景, 继 + 恒大: a word jieba glued to a name
        tag = self.tags.get(w)
        return 2 if tag is None else 1 if tag in _HEAD_TAGS else 0

    def _loose(self, w: str) -> bool:
        """A one-character token that may be half of a head jieba cut (中 + 泰)."""
        return len(w) == 1 and bool(_HAN.match(w)) and w not in self.stop and self.tags.get(w) not in _FUNCTION_TAGS

    def _free_before(self, w: str, kind: int) -> bool:
        """May the token ``w`` stand right before a name (no name-like word that could start it earlier)? A
        common noun may describe a head no dictionary holds (开发商 + 富力地产)."""
        if not _HAN.match(w):
            return True
        tag = self.tags.get(w)
        return tag is not None and (tag in _AFTER_TAGS or tag in _FUNCTION_TAGS or (kind == 2 and tag in _DESCRIBING)) and w not in self.titles

    def _free_after(self, w: str) -> bool:
        """May the token ``w`` stand right after a name (no noun that makes a longer word)?"""
        if not _HAN.match(w[:1]):
            return True
        if w in self.industry and w not in self.after:
            return False  # 极星汽车 + 控股英国公司: two industry words, a longer name
        tag = self.tags.get(w)
        if tag is None and len(w) > 1:  # a word jieba glued of a verb and more (涨超, 跌超)
            tag = self.tags.get(w[0]) if self.tags.get(w[0]) in _GLUED_FIRST else None
        return w in self.after or w in self.titles or tag in _AFTER_TAGS

    def _longer(self, text: str, b: int) -> bool:
        """Does the name ending at ``b`` go on: a legal form in the same run of characters, or a place in
        brackets and more (中钧科技 + （深圳）有限公司; not 中超控股 + （首板）)?"""
        m = self.longer.match(text, b)
        return m is not None and (m.group(1) is None or self.known.get(m.group(1)) in ("GPE", "LOC"))

    def _evidence(self, text: str, a: int, b: int) -> bool:
        """Does the sentence of ``text[a:b]`` speak of companies (a ``context`` word)?"""
        lo = max((text.rfind(c, 0, a) for c in _SENTENCE_ENDS), default=-1) + 1
        hi = min((k for c in _SENTENCE_ENDS if (k := text.find(c, b)) >= 0), default=len(text))
        return self.context.search(text, lo, a) is not None or self.context.search(text, b, hi) is not None

    def candidates(self, words: list[str], starts: list[int], text: str) -> list[tuple[int, int, bool, bool, bool]]:
        """(start, end, shown, 、 before, 、 after) of the company short names in the tokens: ``shown`` when
        the text shows a company, else it needs a listed organisation across a 、 (:meth:`names`)."""
        out = []
        n = len(words)
        for k, w in enumerate(words):
            if w in self.industry:
                first, kind, ind = None, 0, w
                if k >= 1 and (kind := self.head(words[k - 1])):
                    first = k - 1
                elif k >= 2 and self._loose(words[k - 1]) and self._loose(words[k - 2]) and (kind := self.head(words[k - 2] + words[k - 1])):
                    first, kind = k - 2, 2  # 中 + 泰: jieba did not take the word, whatever its tag
                if first is None:
                    continue
            elif len(w) >= 4 and w not in self.tags and w.endswith(self.industry_ends):
                cut = next(e for e in self.industry_ends if w.endswith(e))
                if self.head(w[: -len(cut)]) != 2:
                    continue
                first, kind, ind = k, 2, cut
            else:
                continue
            before, after = words[first - 1] if first else "", words[k + 1] if k + 1 < n else ""
            a, b = starts[first], starts[k] + len(w)
            if (before and not self._free_before(before, kind)) or (after and not self._free_after(after)):
                continue
            if self._longer(text, b):
                continue  # 盛威实业 + 投资有限公司: a piece of a longer name
            firm = ind in self.firm
            ok = after in self.after or (kind == 2 and firm) or is_stock_quote(after)  # 农发种业(9.410, -0.21, -2.18%): a listed company
            if not ok and (kind == 2 or firm):  # a dictionary head needs a firm word and evidence (国信 + 证券)
                ok = self._evidence(text, a, b)
            if ok or kind == 2 or firm:
                out.append((a, b, ok, before == _LIST_MARK, after == _LIST_MARK))
        return out

    def names(self, spans: list[Span], text: str, words: list[str], starts: list[int]) -> list[Span]:
        spans = self.funds.add(spans, text)
        found = self.candidates(words, starts, text)
        out, changed = self._firm_after_org(spans, text, words, starts)
        if not found:
            return out
        # a list of names shows companies when an organisation stands across its 、 (科伦药业（…）、倍特药业;
        # not 通信、具身智能 nor 提振汽车、家电 of a list of industries)
        ends = {s.end for s in out if s.label == "ORG"} | {b for a, b, ok, _, _ in found if ok}
        begins = {s.start for s in out if s.label == "ORG"} | {a for a, b, ok, _, _ in found if ok}
        shown = [ok for _, _, ok, _, _ in found]
        for _ in range(len(found)):
            more = False
            for i, (a, b, ok, left, right) in enumerate(found):
                if not shown[i] and ((left and a - 1 in ends) or (right and b + 1 in begins)):
                    shown[i] = more = True
                    ends.add(b)
                    begins.add(a)
            if not more:
                break
        for (a, b, *_), ok in zip(found, shown):
            if not ok:
                continue
            inside = [s for s in out if s.start < b and a < s.end]
            if any(s.start < a or s.end > b or s.label != "PERSON" for s in inside):
                continue  # a name across its edge, a place or an organisation in it (一辆宝马 + 汽车: a car): the other rules' name wins
            out = [s for s in out if s not in inside]
            out.append(Span(a, b, "ORG", text[a:b]))
            changed = True
        return sorted(out, key=lambda s: s.start) if changed else spans

    def _firm_after_org(self, spans: list[Span], text: str, words: list[str], starts: list[int]) -> tuple[list[Span], bool]:
        """``spans`` with an organisation followed by a ``firm`` word made one ORG with it (华电 + 重工,
        国泰君安 + 证券: the company of a group), and whether any was. A firm word that is also an ``after`` word
        stays out (蚂蚁集团 + 股份: its shares), and so does a verb (大众汽车 + 控股: controlled by) and an
        organisation named with its suffix (武汉轻工大学 + 电气 …学院)."""
        at = None
        out, changed = [], False
        for s in spans:
            if (s.label == "ORG" and "furniture" not in s.attrs and s.end < len(text) and _HAN.match(text[s.start])
                    and not s.text.endswith(self.org_suffixes)):
                if at is None:
                    at = dict(zip(starts, range(len(starts))))  # (speed: {a: k for k, a in enumerate(starts)})
                k = at.get(s.end)
                firm = k is not None and (words[k] in self.firm or (words[k] in self.industry and words[k] not in self.product and len(s.text) <= _SHORT_ORG))
                if (firm and words[k] not in self.after and self.tags.get(words[k]) != "v" and (k + 1 == len(words) or self._free_after(words[k + 1]))
                        and not self._longer(text, s.end + len(words[k]))):
                    b = s.end + len(words[k])
                    s, changed = Span(s.start, b, "ORG", text[s.start : b]), True
            out.append(s)
        return out, changed
