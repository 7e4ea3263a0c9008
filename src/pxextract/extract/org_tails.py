"""Bodies written after an organisation or a place that the tokens cut off it (issue #13, recall kinds
D and E): the words of rules/name_grammar.tsv ``org_tail``, ``outlet_tail``, ``unit_title``,
``association_end``, ``bracketed_group``, ``place_full_end`` and ``gazetteer_only``. Run last in :class:`pxextract.extract.org_chains.OrgChains` on the flat, sorted
names.

* a place or an organisation (with the places written right before it) and a listed tail body right
  after it are one ORG (annotation §3, the longest name): 辽宁省委 + 党校, 张江镇 + 河长办, 辽宁省委 +
  巡视组, 国家药监局 + 药品审评中心, 集宁区 + 虎山街道 + 新时代文明实践所, 太湖 + 流域管理局;
* an outlet's client (``outlet_tail``) after an ORG is the outlet's: 河南日报 + 客户端;
* a division named before its head's title (``unit_title``: 处长, 副处长; the division ends in the
  title's character before 长) after an ORG is one ORG with it:
  太湖流域管理局 + 水土保持处 (…处处长张永健);
* a division named by one to three function nouns of the dictionary and a one-character end jieba leaves alone
  (``division_end``: 处, 部) after an ORG is one ORG with it (h292): 湖北省生态环境厅 + 土壤 + 处, 光大银行 +
  金融市场 + 部; never after a person (…工作人员 + 处 + 获悉, ``division_stop``) nor before a verb (``division_verb``) nor a place (南口 + 环岛 + 处);
* a place with the suffix of a county or above (``gazetteer_only``), then common words and an
  association's end (``association_end``: 联合会, 协会 …) written straight on, is one ORG: 湖南省 +
  固体废物管理与综合利用联合会 (jieba cuts it into phrases);
* a place, nouns, a bracketed group word (``bracketed_group``: （集团）) and a full name's end
  (``place_full_end``) are one company: 山西 + 潞安矿业（集团）有限责任公司, 重庆 (of 重庆医药) +
  （集团）股份有限公司.

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor(model=False).extract_text("他是辽宁省委党校在职研究生，张江镇河长办参加。")
    >>> [(s["text"], s["label"]) for s in rec["spans"] if s["label"] in ("GPE", "ORG")]
    [('辽宁省委党校', 'ORG'), ('张江镇河长办', 'ORG')]
"""

from __future__ import annotations

import regex

from bisect import bisect_right

from ..rule_types import NameGrammar
from ..spans import Span
from .affixes import Affixes

_HEADS = ("GPE", "LOC", "ORG")
_PLACES = ("GPE", "LOC")
_HAN = regex.compile(r"\p{Han}+")
_MAX_UNIT = 8  # characters of a division's name before its head's title (水土保持处)
_MAX_ASSOC = 16  # characters after the place up to the association's end
_MAX_FRONT = 8  # characters after the place up to a bracketed group word (潞安矿业（集团）)
_OPEN, _CLOSE = "（(", "）)"
_FRONT_TAGS = frozenset(("n", "nz", "ns", "nt", "j", "vn", "b", "an", "nr"))  # 潞安 nz + 矿业 n; not 和 c
# jieba tags of words that never stand inside an association's name (verbs, particles, pronouns, numbers)
_DIVISION_TAGS = frozenset(("n", "vn", "l"))  # 土壤 n, 政治 n + 工作 vn, 高等教育 l: a division's field
_MAX_FIELD = 3  # words naming a division before its end (汽车 + 工业 + 处)
_NOT_IN_NAME = frozenset(("v", "vd", "uj", "ul", "uz", "ug", "uv", "ud", "r", "d", "m", "q", "y", "e", "f", "t", "nr"))


class OrgTails:
    """``fix(names, text, words, starts)``: the flat, sorted ``names`` with the tail bodies joined
    (module docstring); ``words``/``starts`` are the tokens of ``text``."""

    def __init__(self, grammar: NameGrammar, tags: dict[str, str]):
        self.tails = tuple(sorted(grammar.org_tail, key=len, reverse=True))
        self.outlet_tails = tuple(sorted(grammar.outlet_tail, key=len, reverse=True))
        self.tails_at, self.org_tails_at = Affixes(self.tails), Affixes(self.tails + self.outlet_tails)  # speed
        self.titles = tuple(grammar.unit_title)
        self.division_ends, self.division_stop = frozenset(grammar.division_end), frozenset(grammar.division_stop)
        self.division_verbs = frozenset(grammar.division_verb)  # …基金 + 处 + 购买: from the fund, no division
        self.assoc_ends = tuple(sorted(grammar.association_end, key=len, reverse=True))
        self.groups = tuple(grammar.bracketed_group)
        self.full_ends = tuple(sorted(grammar.place_full_end, key=len, reverse=True))
        self.tags = tags
        self.gpe_ends = tuple(grammar.gazetteer_only)  # 湖南省, 上海市: a named division

    def fix(self, names: list[Span], text: str, words: list[str], starts: list[int]) -> list[Span]:
        if not names or not words:
            return names
        names = list(names)
        bounds = set(starts) | {len(text)}
        word_at = dict(zip(starts, words))
        out: list[Span] = []
        i, n = 0, len(names)
        while i < n:
            s = names[i]
            end = self._tail_end(s, text, bounds, word_at) if s.label in _HEADS else None
            if end is None and s.label in _PLACES and "furniture" not in s.attrs:
                end = self._grouped(s.end, text, words, starts, bounds)
            j = i + 1
            while end is not None and j < n and names[j].end <= end:
                j += 1  # names inside the tail (虎山街道 of …新时代文明实践所 is before it, not inside)
            if end is None or (j < n and names[j].start < end):
                out.append(s)
                i += 1
                continue
            start = s.start
            while out and out[-1].end == start and out[-1].label in _PLACES and "furniture" not in out[-1].attrs:
                start = out.pop().start  # 集宁区 + 虎山街道 + 新时代文明实践所
            names[j - 1] = Span(start, end, "ORG", text[start:end], dict(s.attrs))  # may head a tail in turn
            i = j - 1  # 太湖 + 流域管理局, then + 水土保持处
        return out

    def _tail_end(self, s: Span, text: str, bounds: set[int], word_at: dict[str, str]) -> int | None:
        """The end of the ORG that ``s`` heads with a tail body right after it, or None."""
        e = s.end
        t = (self.org_tails_at if s.label == "ORG" else self.tails_at).first(text, e, lambda t: e + len(t) in bounds)
        if t is not None:
            return e + len(t)
        if "furniture" in s.attrs:
            return None
        if s.label == "ORG":
            m = _HAN.match(text, e, min(len(text), e + _MAX_UNIT + 4))
            run = m.group() if m else ""
            for title in self.titles:  # 水土保持处 + 处长, 消费者权益保护处 + 副处长
                for k in range(2, min(len(run), _MAX_UNIT)):
                    if run[k] == title[-2] and run.startswith(title, k + 1):
                        return e + k + 1
            return self._division(e, word_at)
        if s.label == "GPE" and s.text.endswith(self.gpe_ends) and e in bounds:
            return self._association(e, text, bounds, word_at)
        return None

    def _division(self, e: int, word_at: dict[int, str]) -> int | None:
        """湖北省生态环境厅 + 土壤 + 处: the end of the division named right after the ORG ending at ``e``, or None."""
        a, field = e, []
        while len(field) <= _MAX_FIELD and (w := word_at.get(a)) is not None:
            if w in self.division_ends:
                nxt = word_at.get(a + 1)
                ok = field and field[-1] not in self.division_stop and nxt not in self.division_verbs
                return a + 1 if ok else None
            if w in self.division_stop or self.tags.get(w) not in _DIVISION_TAGS or not _HAN.fullmatch(w):
                return None
            field.append(w)
            a += len(w)
        return None

    def _association(self, e: int, text: str, bounds: set[int], word_at: dict[int, str]) -> int | None:
        """湖南省 + 固体废物 + 管理 + 与 + 综合利用 + 联合会: the end of the association's name after the
        place ending at ``e``, when its words are nouns and conjunctions ending in an association's end."""
        a = e
        while a < len(text) and a - e <= _MAX_ASSOC:
            w = word_at.get(a)
            if w is None or not _HAN.fullmatch(w):
                return None
            if w.endswith(self.assoc_ends) and a > e:
                return a + len(w)
            if self.tags.get(w) in _NOT_IN_NAME:
                return None
            a += len(w)
        return None

    def _grouped(self, e: int, text: str, words: list[str], starts: list[int], bounds: set[int]) -> int | None:
        """山西 + 潞安 + 矿业 + （集团） + 有限责任公司: the end of the company whose name goes on from ``e`` (the rest
        of the word ``e`` falls in: 重庆 of 重庆医药) over nouns to a bracketed group word and a full name's end."""
        k = bisect_right(starts, e) - 1
        if k < 0:
            return None
        a = starts[k] + len(words[k]) if starts[k] < e else e
        while a < len(text) and text[a] not in _OPEN:
            k = bisect_right(starts, a) - 1
            w = words[k] if k >= 0 and starts[k] == a else None
            if w is None or a + len(w) - e > _MAX_FRONT or not _HAN.fullmatch(w) or self.tags.get(w, "n") not in _FRONT_TAGS:
                return None
            a += len(w)
        if a == e or a >= len(text):
            return None
        g = next((g for g in self.groups if text.startswith(g, a + 1) and a + 1 + len(g) < len(text) and text[a + 1 + len(g)] in _CLOSE), None)
        if g is None:
            return None
        b = a + 2 + len(g)
        f = next((f for f in self.full_ends if text.startswith(f, b) and b + len(f) in bounds), None)
        return b + len(f) if f else None
