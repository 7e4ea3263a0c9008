"""全市 / 本市 in a district's article of a municipality (issue #15 S7, h333): the prefecture-level scope words
(``rules/link_cues.tsv`` scope_prefecture: 全市, 本市, 我市) widen a figure of the article's district to its city
(:meth:`pxextract.subjects.Subjects.containing`), but the four municipalities (北京市, 上海市, 天津市, 重庆市) are
province-level divisions with no prefecture between them and their districts, so the chain had no such level and the
district stayed: 全市【16个】区和经开区将组成代表团参赛 in an article on 延庆区 → 北京市 (not 延庆区).

Example:
    >>> from pxextract.subjects import Subjects
    >>> r = Subjects().resolver
    >>> municipality("prefecture", r.place("延庆区")).name, municipality("prefecture", r.place("邗江区"))
    ('北京市', None)
"""

from __future__ import annotations

_MUNICIPAL = ("11", "12", "31", "50")  # GB/T 2260 province codes of 北京, 天津, 上海, 重庆


def municipality(scope: str | None, home):
    """The municipality (a province-level city) containing the county-level ``home`` when ``scope`` is the
    prefecture's (全市), else None."""
    if scope != "prefecture" or home is None or home.level != "county" or home.key[:2] not in _MUNICIPAL:
        return None
    return next((p for p in home.parents if p.level == "province" and p.key[:2] in _MUNICIPAL), None)
