"""The short form of a county-level division written right after its prefecture (issue #13, #15):
马鞍山 + 花山 is 马鞍山市花山区, so 花山 is a GPE there (rules/gazetteers/codes/divisions.tsv: a
county's ``short`` forms and its ``parent``). District short forms are left out of the gazetteer
(花山, 鼓楼: common words or names elsewhere); right after the city that holds the district they
name it. A short form that is a known name of its own (西湖, a lake in the gazetteer) is left alone,
and so is one that names a street (石家庄市 + 裕华 + 路: place_words.tsv ``street``). The same holds for a
county whose full name is a generic word left out of the gazetteer (新城区, 老城区: the new / old town of any place,
以启动新城区建设为契机 → none): right after its parent it is a GPE (西安市 + 新城区, 洛阳 + 老城区); not those the
resolver never reaches alone (place_words.tsv ``generic``: 城区, 市中区), which would leave a figure no subject place.

:class:`ShortFormsInside` says when a short form (花都 of 花都区, 白塔 of 白塔区) is only a part of a longer
word and no place: followed by a word that ends a longer name (欧风花都 + 小区, 白塔 + 杯, 营口 + 路:
name_grammar.tsv ``not_place_before``, place_words.tsv ``street`` and ``glued``: 明水 + 期后 of 明水期; a one-character word as a whole word or
the start of an unknown one: 营口 + 路国顺, not 上海 + 街头), or, a county's short form ending in a ``water`` word of place_words.tsv (通河, not 牡丹江), glued to a word jieba does not
know (对明 + 通河 of 明通河: a river's name cut through; not 网传 + 河南, 抵近 + 房山: unknown verbs).

Example:
    >>> from pxextract.pipeline import Extractor
    >>> rec = Extractor(model=False).extract_text("马鞍山花山警方抓获盗贼。")
    >>> [(s["text"], s["label"]) for s in rec["spans"]]
    [('马鞍山', 'GPE'), ('花山', 'GPE')]
"""

from __future__ import annotations

from pathlib import Path

from ..resolve import loader
from ..resolve.places import WORD_KINDS as _PLACE_WORD_KINDS
from ..spans import Span


class ShortFormsInside:
    """``inside(words, starts, i, n)``: is the gazetteer match ``words[i:i+n]`` a short form (kind
    ``…-short``: 花都, 通河) read out of a longer word (欧风花都小区, “白塔杯”, 对明 + 通河 of 明通河)?"""

    def __init__(self, rules_dir: Path, gazetteer, tags: dict[str, str], not_place_before: tuple[str, ...]):
        words = loader.words(Path(rules_dir), loader.PLACE_WORDS, _PLACE_WORD_KINDS)
        self.after = frozenset(not_place_before) | frozenset(words["street"]) | frozenset(words["glued"])  # 明水 + 期后
        self.after_long = tuple(w for w in self.after if len(w) >= 2)  # 小区, 大道: the start of a longer word too
        self.after_all = tuple(self.after)  # 营口 + 路国顺 (营口路国顺东路): a word jieba does not know, any
        self.water = tuple(words["water"])  # 通河 (明通河): a short form that a river's name may end in
        self.local = tuple(words["local"])  # 丰台 + 街道: a town's name, found whole by the suffix grammar
        _, rows = loader.table(Path(rules_dir), loader.DIVISIONS)  # and divisions' short forms (白塔 of 白塔区)
        county = {s for _, r in rows if r["level"] == "county" for s in loader.split_list(r["short"]) if len(s) >= 2}
        self.county_shorts = frozenset(e.name for e in gazetteer if e.kind == "county-short") | county  # 通河, not 牡丹江
        self.shorts = frozenset(e.name for e in gazetteer if e.kind.endswith("-short")) | {s for _, r in rows for s in loader.split_list(r["short"]) if len(s) >= 2}
        self.known = frozenset(e.name for e in gazetteer)
        self.tags = tags

    def inside(self, words: list[str], starts: list[int], i: int, n: int) -> bool:
        name = "".join(words[i : i + n])
        if name not in self.shorts:
            return False
        j = i + n
        if j < len(words) and starts[j] == starts[i] + len(name) and not words[j].startswith(self.local) and (
                words[j] in self.after or words[j].startswith(self.after_long if words[j] in self.tags else self.after_all)):
            return True  # 白塔 + 杯, 花都 + 小区
        if i == 0 or starts[i - 1] + len(p := words[i - 1]) != starts[i] or not name.endswith(self.water) or name not in self.county_shorts:
            return False
        # 对明 + 通河 (明通河): a river's or lake's name cut, an unknown Han word glued before the short form
        return len(p) >= 2 and p not in self.known and p not in self.tags and all("\u4e00" <= c <= "\u9fff" for c in p)


    def drop(self, names: list[Span], words: list[str], starts: list[int]) -> list[Span]:
        """``names`` without the short forms :meth:`inside` a longer word (the model's too)."""
        at = dict(zip(starts, range(len(starts))))  # (speed: {a: k for k, a in enumerate(starts)})
        out = []
        for s in names:
            i = at.get(s.start)
            if s.text in self.shorts and i is not None:
                n, end = 1, starts[i] + len(words[i])
                while end < s.end and i + n < len(words):
                    end, n = starts[i + n] + len(words[i + n]), n + 1
                if end == s.end and self.inside(words, starts, i, n):
                    continue
            out.append(s)
        return out


class DistrictShortForms:
    """``names(words, starts, text)``: GPE spans of county short forms written right after their
    prefecture's name (a whole jieba word after a whole word)."""

    def __init__(self, rules_dir: Path, known: dict[str, str]):
        _, rows = loader.table(Path(rules_dir), loader.DIVISIONS)
        words = loader.words(Path(rules_dir), loader.PLACE_WORDS, _PLACE_WORD_KINDS)
        self.street_words = tuple(words["street"])
        self.unreachable = frozenset(words["generic"])  # 城区, 市中区: no subject place alone, not named (h173)
        forms: dict[str, list[str]] = {}  # division code → its full name and short forms
        for _, r in rows:
            forms[r["code"]] = [r["name"], *loader.split_list(r["short"])]
        self.after: dict[str, dict[str, str]] = {}  # a prefecture's name or short form → its counties' unknown short forms → full names
        for _, r in rows:
            if r["level"] != "county" or r["parent"] not in forms:
                continue
            shorts = {s for s in [r["name"], *loader.split_list(r["short"])] if len(s) >= 2 and s not in known and s not in self.unreachable}  # 新城区
            for parent in forms[r["parent"]] if shorts else ():  # a generic full name resolves with its parent (内江市市中区)
                self.after.setdefault(parent, {}).update({s: forms[r["parent"]][0] + s if s == r["name"] else r["name"] for s in shorts})

    def names(self, words: list[str], starts: list[int], text: str) -> list[Span]:
        out = []
        if self.after.keys().isdisjoint(words[:-1]):
            return out  # (speed: most articles hold no parent division before a short form)
        for i in range(len(words) - 1):
            shorts = self.after.get(words[i])
            if shorts and words[i + 1] in shorts:
                a = starts[i + 1]
                if text.startswith(self.street_words, a + len(words[i + 1])):
                    continue  # 裕华 + 路: a street
                # the division's full name for the article's subject (长宁 is also 长宁县 in 四川)
                out.append(Span(a, a + len(words[i + 1]), "GPE", words[i + 1], {"_place": shorts[words[i + 1]]}))
        return out
