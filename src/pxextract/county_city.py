"""全市 in a county-level city's article (issue #15 S3): the clause-initial scope word 全市 (``rules/link_cues.tsv``
scope_prefecture) widens a figure of the article's place to its prefecture (全市8个县市区… in a district's article →
the city). When the article's place is itself a 县级市 (涿州市, a county-level division named …市 under 保定市) and
no prefecture-level 市 (or a body of it: 保定市防汛指挥部) is named before the figure, 全市 is that city, not its
prefecture: 涿州市…。全市共转移群众【1.2万人】 → 涿州市 (not 保定市). With 保定市 named before, 全市 stays the prefecture's.

Example:
    >>> from pxextract.subjects import Subjects
    >>> s = Subjects(); home = s.resolver.place("涿州市")
    >>> own_city_scope("prefecture", home, 30, [], s.resolver)
    'county'
"""

from __future__ import annotations

from .rules import load_rules

_LONGEST = 9  # characters of the longest zone suffix a body may write after its city (高新技术产业开发区)


def _head(name: str, ends: str) -> str:
    """``name`` up to its first character of ``ends`` (保定市防汛指挥部 → 保定市), or ''."""
    at = min((i for i in (name.find(c) for c in ends) if i >= 0), default=-1)
    return name[: at + 1]


def own_city_scope(scope: str | None, home, at: int, names: list, resolver) -> str | None:
    """The level a scope word names for a figure at offset ``at``: ``county`` (the article's own place) for 全市
    (``prefecture``) when the article's place ``home`` is a county-level division ending like a prefecture scope word
    (scope_prefecture: 全市 → …市) and none of ``names`` (spans) before ``at`` is a prefecture ending so, or a body
    of one (保定市防汛指挥部); else ``scope`` unchanged."""
    if scope != "prefecture" or home is None or home.level != "county":
        return scope
    ends = "".join(w[-1] for w in load_rules(resolver.rules_dir).cue("scope_prefecture"))
    if not home.name.endswith(tuple(ends)):
        return scope
    for e in names:
        name = e.text if e.label == "GPE" else _head(e.text, ends) if e.label == "ORG" else ""
        if name and e.start < at and (p := resolver.place(name, home.province_code)) is not None and p.level == "prefecture" and p.name.endswith(tuple(ends)):
            return scope
    return "county"


def named_below(scope: str | None, home, at: int, names: list, resolver):
    """The place of level ``scope`` (county, prefecture) strictly inside the article's place ``home`` that ``names``
    (spans: a GPE, or the place an ORG opens with: 商河县融媒体中心 → 商河县) name last before offset ``at``, or None:
    平江县科学技术协会…全县24个乡镇 in an article on 岳阳市 → 平江县."""
    if scope not in ("county", "prefecture") or home is None or home.level == scope:
        return None
    found, cue = None, load_rules(resolver.rules_dir).cue
    ends = "".join(dict.fromkeys(w[-1] for w in cue("scope_prefecture") + cue("scope_county")))  # 市州盟县旗
    for e in sorted(names, key=lambda e: e.start):
        if e.start >= at:
            break
        name = e.text if e.label == "GPE" else _head(e.text, ends) if e.label == "ORG" else ""
        p = resolver.place(name, home.province_code) if name else None
        if p is not None and p.level == scope and p.key != home.key and home.key in {q.key for q in p.parents}:
            found = p
    return found


def zone_in(rest: str, outer, resolver) -> str | None:
    """The canonical name of the zone of the prefecture ``outer`` that ``rest`` (the body's name past the city)
    names by its suffix alone, or None (no zone there, ``outer`` no prefecture, the zone not in zones.tsv)."""
    if outer is None or outer.level != "prefecture" or not rest:
        return None
    for i in range(len(rest) - 1):
        for j in range(min(len(rest), i + _LONGEST + 1), i + 1, -1):
            p = resolver.place(outer.name + rest[i:j], outer.province_code)
            if p is not None and p.level == "zone" and outer.key in {q.key for q in p.parents}:
                return p.name
    return None
