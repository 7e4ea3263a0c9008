"""Names written inside a work's title or glued into a company's name (issue #15 S1): no subject of
the figures around them (annotation §6: a title's words are its own). Flags them as news furniture
(attribute ``furniture``), as :func:`pxextract.furniture_names.mark_titles` does for the names in a
newspaper's title; called from there.

* a name inside the 《》 title of a programme, book, film or game (《中国好声音》), shorter than the
  title, unless the title names a document (``title_document`` of ``rules/news_furniture.tsv``:
  《2023年北京市统计公报》, 《浙江省…实施方案》 speak of their place);
* a place glued right after Latin letters: part of a company's name (SOHO中国, ARM中国).

:func:`org_only` gives the names written only as organisations (阿里 of 阿里云, 阿里巴巴集团's short
name): their canonical subject is the company, never the place of the same short form (阿里地区).

Example:
    >>> from pxextract.rules import load_rules
    >>> text = "星空华文旗下《中国好声音》毛利率达到40%，SOHO中国营收8亿元，《北京市统计公报》显示"
    >>> names = [Span(7, 9, "GPE", "中国"), Span(26, 28, "GPE", "中国"), Span(35, 38, "GPE", "北京市")]
    >>> mark_inside(text, names, load_rules())
    >>> ["furniture" in s.attrs for s in names]
    [True, True, False]
"""

from __future__ import annotations

import regex

from .outlet_names import mark_outlets
from .spans import Span

_TITLE = regex.compile(r"《([^《》\n]{2,30})》")
_LATIN_BEFORE = regex.compile(r"[A-Za-z]$")


def mark_inside(text: str, names: list[Span], rules) -> None:
    """Flag (``furniture`` = ``"title"`` / ``"company"``) the names of a work's title and the
    places glued after Latin letters, and the outlets the outlet list misses
    (:func:`pxextract.outlet_names.mark_outlets`); names already flagged keep their flag."""
    mark_outlets(text, names, rules)  # 河南日报社, 青海新闻网: news furniture
    documents = rules.furniture.get("title_document", ())
    zones = [(m.start(1), m.end(1)) for m in _TITLE.finditer(text) if not (documents and m.group(1).endswith(documents))]
    for s in names:
        if "furniture" in s.attrs or s.label not in ("GPE", "ORG", "LOC"):
            continue
        if any(a <= s.start and s.end <= b and s.end - s.start < b - a for a, b in zones):
            s.attrs["furniture"] = "title"
        elif s.label == "GPE" and _LATIN_BEFORE.search(text, max(0, s.start - 1), s.start):
            s.attrs["furniture"] = "company"


def org_only(names: list[Span], issuers=()) -> frozenset[str]:
    """The texts of the article's ORG names that no GPE or LOC name shares (阿里, not 阿里地区),
    but for ``issuers`` (a national body's figure is its country's: 公安部 → 中国).

    >>> sorted(org_only([Span(0, 2, "ORG", "阿里"), Span(5, 7, "ORG", "重庆"), Span(9, 11, "GPE", "重庆")]))
    ['阿里']
    """
    places = {s.text for s in names if s.label in ("GPE", "LOC")}
    return frozenset(s.text for s in names if s.label == "ORG" and s.text not in places and s.text not in issuers)
