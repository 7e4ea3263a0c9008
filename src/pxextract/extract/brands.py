"""Companies and brands whose names are common words (issue #13, kind A; annotation §6): rules/brands.tsv.

* a ``brand`` word (小米 millet, 苹果 apple, 三星 three stars, 联想 to associate) that the segmenter cuts as one token
  is ORG only in a company context: right before a model code (小米13 Ultra, 苹果iPhone 15, 三星 Galaxy: Latin
  letters, or digits that no figure's mark follows and no Han character unless a product word), before a
  ``product`` word (小米 + 手机, 苹果 + 官网) or a ``cue`` word (小米 + 公司, 苹果 + 宣布, 三星 + 股价; a ``between`` word may
  stand before it: 小米 + 已经 + 宣布, up to two: 苹果 + 此次 + 将 + 推出), or a launch word (``launch_verb`` of
  rules/link_cues.tsv) within ten characters of its clause, then a model code or a ``launch_object`` word (苹果将在今年发布
  iPhone 15, 荣耀即将在下个季度发布新品; not 苹果即将上市, fruit coming to market), before a ``share_before`` word (以) + a figure + a
  ``share_after`` word (三星以5300万部的出货量稳居榜首, 苹果以17%的市场份额: a ranked company; not 苹果以每斤3元的价格), or in a list beside another organisation (华为、小米; 苹果和三星: a ``list_mark``
  between them); once so shown, the brand is ORG everywhere in the text (苹果称, 三星的 Exynos in an article on Apple and
  Samsung), as an article speaks of a brand in one sense;
* a ``token`` word (高通, a piece of 高通胀) is ORG wherever it is one token;
* a name in Latin letters (one to four capitalised words: Rivos, Delcath Systems, ZF Friedrichshafen AG) right
  before a ``latin_cue`` word (公司, 集团, 首席执行官, 股价) is ORG, unless a ``latin_not_org`` word (IT公司, ODM公司,
  App创始人), a quarter or half-year mark (Q2财报, H1) or one letter (A公司, an anonymised firm);
* capitalised Latin words ending in a ``latin_firm_end`` word (Wedbush Securities, Jupiter Asset Management,
  Phunware Inc) are ORG wherever written, unless they go on (Pension Fund of Norway, Concord Management and …);
* a name found by other rules wins (苹果公司 whole; the LOC 长城 yields to the ORG of equal length).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor(model=False).extract_text("小米13 Ultra开售，他爱吃小米粥和苹果。")
    >>> [(s["text"], s["label"]) for s in rec["spans"]]
    [('小米', 'ORG')]
"""

from __future__ import annotations

from pathlib import Path

import regex

from ..brand_words import load_brand_words
from ..rules import load_rules
from .code_makers import CodeMakers
from .latin_persons import _alt
from ..spans import Span

_LATIN = regex.compile(r"[ \u00a0]?[A-Za-z]")
_DIGITS = regex.compile(r"[ \u00a0]?\d+")
_HAN_OR_SPACE = regex.compile(r"[\p{Han}\s]")
_ALNUM = regex.compile(r"[A-Za-z0-9]")
_JOINED = regex.compile(r"[A-Za-z0-9\-－·・•]")  # 梅赛德斯-奔驰: a name's piece after a hyphen or a dot
_LATIN_WORD = r"[A-Z][A-Za-z0-9&'\-]*\.?"  # Rivos, ServiceNow, Fab-less, Ltd.
_CAPITAL_WORD = regex.compile(r"[A-Z][A-Za-z]")  # a quick test: any capitalised Latin word at all?
_PERIOD_MARK = regex.compile(r"[QH][1-4]")  # Q2, H1: a quarter or a half-year
_MODEL_CODE = regex.compile(r"[A-Za-z]{1,4}\d{1,4}")  # PS5, X5: a product's model code, no firm (PS5首席架构师: the console's chief)


class BrandNames:
    """``names(words, starts, text, found)``: the ORG spans of the brand words of ``words`` (tokens of ``text``
    starting at ``starts``); ``found``: the names other rules found (a list's other organisations)."""

    def __init__(self, rules_dir: Path, tags: dict[str, str] | None = None, known: dict[str, str] | None = None):
        w = load_brand_words(rules_dir)
        self.brand, self.token = frozenset(w.brand), frozenset(w.token)
        self._either = self.brand | self.token  # speed: one look-up per word
        rules = load_rules(rules_dir)
        self.makers = CodeMakers(rules.cue("launch_verb"), w.line, self.brand | self.token, w.code_stop + w.code_after_not, tags or {}, known or {},
                                 w.product)  # 诺基亚 + G310 in 推出了…
        verbs, objects = _alt(rules.cue("launch_verb")), _alt(rules.cue("launch_object"))
        # 苹果将在今年发布 iPhone 15, 三星和荣耀即将在下个季度发布新品: the brand launches a product in its clause
        gap = "".join(map(regex.escape, w.launch_gap_not)) + r"，。；！？,;:：、\n“”《》"  # 苹果的供应商发布新品: the supplier's launch
        self.launch = regex.compile(rf"[^{gap}]{{0,10}}?(?:{verbs})[^{gap}]{{0,4}}?(?:[A-Za-z]|{objects})") if verbs and objects else None
        self.after = tuple(sorted(w.product + w.cue, key=len, reverse=True))
        # 三星以5300万部的出货量, 苹果以17%的市场份额: a company ranked by its market figure (h254)
        self.share = regex.compile(rf"(?:{_alt(w.share_before)})\w?\d[\d.]*[\w%]{{0,3}}?(?:{_alt(w.share_after)})") if w.share_after and w.share_before else None
        self.cue = tuple(sorted(w.cue, key=len, reverse=True))
        self.between = tuple(sorted(w.between, key=len, reverse=True))
        self.marks = tuple(sorted(w.list_mark, key=len, reverse=True))
        self.code_stop = tuple(w.code_stop)
        self.common_after = tuple(w.common_after)
        cues = "|".join(map(regex.escape, sorted(w.latin_cue, key=len, reverse=True)))
        self.latin = regex.compile(rf"(?<![A-Za-z0-9&'.\-])(?<![A-Za-z0-9][ \u00a0])(?P<name>{_LATIN_WORD}(?:[ \u00a0]{_LATIN_WORD}){{0,3}})[ \u00a0]?(?={cues})")  # KCM Trade, not Trade
        self.latin_not = frozenset(w.latin_not_org)
        firm = _alt(w.latin_firm_end)  # Wedbush Securities, Jupiter Asset Management: a firm wherever written
        self.latin_firm = regex.compile(rf"(?<![A-Za-z0-9&'.\-])(?<![A-Za-z0-9&][ \u00a0]+){_LATIN_WORD}(?:[ \u00a0](?:{_LATIN_WORD}|&))*?"
                                        rf"(?:[ \u00a0](?:{firm})\.?(?![A-Za-z0-9&'\-]))+(?![ \u00a0]+(?:of|and|&|[A-Z]))")
        self.latin_first = regex.compile(r"[A-Z][A-Za-z0-9&'.\-]*[ \u00a0]?(?:" + cues + ")")  # a quick test: any at all?

    def latin_names(self, text: str) -> list[Span]:
        """Names in Latin letters right before a company word (Rivos 公司, LVMH股价, Cowen分析师) or ending in a firm's word
        (Wedbush Securities, Phunware Inc)."""
        out = []
        for m in self.latin.finditer(text) if self.latin_first.search(text) else ():
            name = m.group("name")
            if len(name) < 2 or name in self.latin_not or _PERIOD_MARK.fullmatch(name) or _MODEL_CODE.fullmatch(name):
                continue
            out.append(Span(m.start("name"), m.end("name"), "ORG", name))
        return out + [Span(m.start(), m.end(), "ORG", m.group()) for m in self.latin_firm.finditer(text)]

    def _context(self, text: str, b: int) -> bool:
        """Does a model code, a product word, a company word or a product launch follow the brand ending at ``b``?"""
        if _LATIN.match(text, b):
            return True
        m = _DIGITS.match(text, b)
        if m:
            rest = text[m.end() : m.end() + 1]
            if rest.startswith(self.code_stop):
                return False  # 日产3.5万吨, 苹果10%: a figure
            if rest and _HAN_OR_SPACE.match(rest) and not text.startswith(self.after, m.end()):
                return rest.isspace() and _LATIN.match(text, m.end()) is not None  # 小米13 Ultra, not 苹果10斤
            return True
        k = b + 1 if text[b : b + 1] == " " else b
        if text.startswith(self.after, k):
            return True
        for _ in range(2):  # 小米 + 已经 + 宣布, 苹果 + 此次 + 将 + 推出: up to two between words
            m = next((m for m in self.between if text.startswith(m, k)), None)
            if m is None:
                break
            k += len(m)
            if text.startswith(self.cue, k):
                return True
        if self.share is not None and self.share.match(text, b):
            return True
        return self.launch is not None and self.launch.match(text, b) is not None

    def _mark_before(self, text: str, a: int) -> int | None:
        """Where the list item before the brand starting at ``a`` ends, or None without a list mark."""
        m = next((m for m in self.marks if text.endswith(m, 0, a)), None)
        return a - len(m) if m else None

    def _mark_after(self, text: str, b: int) -> int | None:
        m = next((m for m in self.marks if text.startswith(m, b)), None)
        return b + len(m) if m else None

    def names(self, words: list[str], starts: list[int], text: str, found: list[Span]) -> list[Span]:
        cands = [(starts[i], starts[i] + len(w), w in self.token) for i, w in enumerate(words) if w in self._either]
        out: list[Span] = self.latin_names(text) if _CAPITAL_WORD.search(text) else []
        makers = self.makers.names(words, starts, text, found + out)  # 诺基亚 G310, 联想小新 in a launch clause
        out += [s for s in makers if s.text not in self.brand and s.text not in self.token]
        launched = {(s.start, s.end) for s in makers if s.text in self.brand}  # brands: below (then every mention)
        if not cands:
            return out
        waiting = []
        for a, b, always in cands:
            if a and _ALNUM.match(text, a - 1):
                continue  # after Latin letters or digits: a piece of a longer word
            if always or self._context(text, b) or (a, b) in launched:
                out.append(Span(a, b, "ORG", text[a:b]))
            else:
                waiting.append((a, b))
        # lists: an organisation (found or just kept) across a list mark shows the brand is one
        ends = {s.end for s in found if s.label == "ORG"} | {s.end for s in out}
        begins = {s.start for s in found if s.label == "ORG"} | {s.start for s in out}
        more = True
        while more and waiting:
            more = False
            for a, b in list(waiting):
                before, after = self._mark_before(text, a), self._mark_after(text, b)
                if (before is not None and before in ends) or (after is not None and after in begins):
                    out.append(Span(a, b, "ORG", text[a:b]))
                    ends.add(b)
                    begins.add(a)
                    waiting.remove((a, b))
                    more = True
        shown = {s.text for s in out}  # the text shows these brands as companies: every mention is one
        out.extend(Span(a, b, "ORG", text[a:b]) for a, b in waiting if text[a:b] in shown)
        return sorted(out, key=lambda s: s.start)

    def mentions(self, names: list[Span], text: str, words: list[str], starts: list[int]) -> list[Span]:
        """``names`` (sorted, flat) plus each other mention of a brand word that the article names as a company once,
        as the brand or the head of a longer organisation's name (苹果公司 … 苹果称, 联想集团 … 联想是…品牌; h247): a whole
        token where no name is, that no hyphen or dot joins to a word before (梅赛德斯-奔驰), no longer organisation's name
        of the article goes on from (奔驰 + 星愿基金) and no ``common_after`` word follows, nor is in its sentence (苹果园的苹果).

        >>> from pxextract.pipeline import Extractor
        >>> rec = Extractor(model=False).extract_text("苹果公司周四发布财报。苹果分析师称销量增长。苹果园里的苹果熟了。")
        >>> [(s["text"], s["start"]) for s in rec["spans"] if s["label"] == "ORG"]
        [('苹果公司', 0), ('苹果', 11)]
        """
        shown = {w for w in self.brand for s in names if s.label == "ORG" and s.text.startswith(w)}
        if not shown:
            return names
        longer = tuple({s.text for s in names if s.label == "ORG" and s.text.startswith(tuple(shown)) and s.text not in shown})
        new = []
        for a, w in zip(starts, words):
            b = a + len(w)
            if w not in shown or (a and _JOINED.match(text, a - 1)) or _ALNUM.match(text, b) or self._common(text, a, w) or text.startswith(longer, a):
                continue  # 小米粥, 苹果园: the common word; 梅赛德斯-奔驰, 奔驰 + 星愿基金 (a longer name of the article): a piece
            if not any(s.start < b and a < s.end for s in names):
                new.append(Span(a, b, "ORG", w))
        return sorted(names + new, key=lambda s: s.start) if new else names

    def common(self, names: list[Span], text: str) -> list[Span]:
        """``names`` without the brand mentions that a name's propagation (pxextract.ner_combine) added before a
        ``common_after`` word (苹果称 … 苹果熟了: the fruit; h247) or after a hyphen (梅赛德斯-奔驰: a piece of a name)."""
        keep = [s for s in names if not (s.attrs.get("propagated") and s.text in self.brand and (self._common(text, s.start, s.text) or (s.start and _JOINED.match(text, s.start - 1))))]
        return keep if len(keep) < len(names) else names

    def _common(self, text: str, a: int, w: str) -> bool:
        """Is the brand ``w`` at ``a`` its common word: a ``common_after`` word follows it or the word in its
        sentence (苹果熟了; 苹果园的苹果: the fruit)?"""
        lo = max(text.rfind(c, 0, a) for c in "。！？\n") + 1
        hi = min((k for c in "。！？\n" if (k := text.find(c, a)) >= 0), default=len(text))
        at = text.find(w, lo, hi)
        while at >= 0:
            if text.startswith(self.common_after, at + len(w)):
                return True
            at = text.find(w, at + 1, hi)
        return False
