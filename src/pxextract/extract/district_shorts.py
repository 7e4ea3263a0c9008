"""The short form of a county-level division written right after its prefecture (issue #13, #15):
马鞍山 + 花山 is 马鞍山市花山区, so 花山 is a GPE there (rules/gazetteers/codes/divisions.tsv: a
county's ``short`` forms and its ``parent``). District short forms are left out of the gazetteer
(花山, 鼓楼: common words or names elsewhere); right after the city that holds the district they
name it. A short form that is a known name of its own (西湖, a lake in the gazetteer) is left alone,
and so is one that names a street (石家庄市 + 裕华 + 路: place_words.tsv ``street``).

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


class DistrictShortForms:
    """``names(words, starts, text)``: GPE spans of county short forms written right after their
    prefecture's name (a whole jieba word after a whole word)."""

    def __init__(self, rules_dir: Path, known: dict[str, str]):
        _, rows = loader.table(Path(rules_dir), loader.DIVISIONS)
        self.street_words = tuple(loader.words(Path(rules_dir), loader.PLACE_WORDS, _PLACE_WORD_KINDS)["street"])
        forms: dict[str, list[str]] = {}  # division code → its full name and short forms
        for _, r in rows:
            forms[r["code"]] = [r["name"], *loader.split_list(r["short"])]
        self.after: dict[str, dict[str, str]] = {}  # a prefecture's name or short form → its counties' unknown short forms → full names
        for _, r in rows:
            if r["level"] != "county" or r["parent"] not in forms:
                continue
            shorts = {s for s in loader.split_list(r["short"]) if len(s) >= 2 and s not in known}
            for parent in forms[r["parent"]] if shorts else ():
                self.after.setdefault(parent, {}).update(dict.fromkeys(shorts, r["name"]))

    def names(self, words: list[str], starts: list[int], text: str) -> list[Span]:
        out = []
        for i in range(len(words) - 1):
            shorts = self.after.get(words[i])
            if shorts and words[i + 1] in shorts:
                a = starts[i + 1]
                if text.startswith(self.street_words, a + len(words[i + 1])):
                    continue  # 裕华 + 路: a street
                # the division's full name for the article's subject (长宁 is also 长宁县 in 四川)
                out.append(Span(a, a + len(words[i + 1]), "GPE", words[i + 1], {"_place": shorts[words[i + 1]]}))
        return out
