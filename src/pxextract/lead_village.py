"""The lead's village or community below its town (issue #15 S3, h357): an article whose subject is a town, township or
street (lead_town_end: 镇, 乡, 街道, 苏木; in no gazetteer) and whose lead writes one village or residential community
(lead_village_end: 村, 社区) right after that town, named again more often than the town, is that village's
story (贵州省黔东南州岑巩县天星乡力元村立足资源禀赋…, 力元村 nine times, 天星乡 twice → 力元村, not 天星乡; 福城街道茜坑社区
“…”第三届小候鸟暑期夏令营… → 茜坑社区). Not a village named once (a scene), one where someone goes or where something
happens (place_motion, place_venue: 在…), one followed by 人 (an origin) or 的 (a scene inside it: 玉宫乡巴格吉代村的麦田里),
a list item (、), or two villages named twice. The lead's town itself comes from :mod:`pxextract.lead_town`; used by :func:`pxextract.lead_town.lead_subject`.

A town's public body named after its county and town (平谷区金海湖镇纪委围绕…) that opens the lead gives the article its
town, not the county (:func:`body_town`, as :mod:`pxextract.town_body` does for a figure's sentence).

Example:
    >>> from pxextract.resolve import Resolver
    >>> from pxextract.spans import Span
    >>> text = "近年来，岑巩县天星乡力元村立足资源禀赋。走进力元村，力元村村民说。"
    >>> names = [Span(4, 7, "GPE", "岑巩县"), Span(7, 10, "GPE", "天星乡"), Span(10, 13, "GPE", "力元村")]
    >>> lead_village(text, names, "天星乡", 30, Resolver(), ("镇", "乡", "街道"), ("村", "社区"), ("赴",))
    '力元村'
"""

from __future__ import annotations

from .spans import Span
from .town_body import town_of_body

_MENTIONS = 2  # a village named once is a scene (最大为…千佛镇老望沟村176.2mm), not the story's


def lead_village(text: str, names: list[Span], town: str, lead_end: int, resolver, town_ends: tuple[str, ...],
                 ends: tuple[str, ...], not_before: tuple[str, ...], not_after: tuple[str, ...] = (),
                 lists: tuple[str, ...] = ()) -> str | None:
    """The one village or community (a GPE ending in ``ends``, in no gazetteer) the lead (up to ``lead_end``) writes
    right after the town ``town`` (the article's subject), named more often than it and twice at least; else None: not
    after ``not_before`` (place_motion, place_venue), before ``not_after`` (village_not_after: 人, 的) or next to ``lists``."""
    if not ends or not town.endswith(town_ends) or resolver.place(town) is not None:
        return None
    gpes = [s for s in names if s.label == "GPE" and "furniture" not in s.attrs]
    at = {s.start: s for s in gpes}
    found = []
    for s in gpes:
        if s.text != town or s.start >= lead_end or (v := at.get(s.end)) is None or not v.text.endswith(ends):
            continue
        first = s
        while (b := next((g for g in gpes if g.end == first.start), None)) is not None:
            first = b  # 走进天星乡力元村 / 在廊坊市安次区…: the chain written before the village
        if not_before and text.endswith(not_before, 0, first.start) or not_after and text.startswith(not_after, v.end) \
                or lists and (text.endswith(lists, 0, first.start) or text.startswith(lists, v.end)) or resolver.place(v.text) is not None:
            return None
        found.append(v.text)
    if len(set(found)) != 1 or len(found[0]) < 3:
        return None
    name = found[0]
    others = {s.text for s in gpes if s.start < lead_end and s.text.endswith(ends) and s.text != name and s.text not in town
              and text.count(s.text) >= _MENTIONS}
    if others:
        return None  # two villages of the story in the lead: the town's (a venue named once, 茜坑新村篮球场, is no second)
    return name if text.count(name) >= max(_MENTIONS, text.count(town) + 1) else None  # named more often than its town


def body_town(lead: Span, main: str | None, resolver) -> str | None:
    """The town a public body opening the lead is named after behind its county (平谷区金海湖镇纪委 → 金海湖镇, when the
    article would take the county 平谷区 from it), or None."""
    if lead.label != "ORG" or main is None:
        return None
    home = resolver.place(main)
    if home is None or home.level != "county" or not lead.text.startswith((main, home.name)):
        return None
    return town_of_body(lead.text, home, resolver)


def chain_scope(scope: str | None, subject: str | None, names: list[Span], resolver):
    """The place of level ``scope`` (county, prefecture, province) written in the chain before the town or village
    ``subject`` (in no gazetteer) where the article first names it, or None: 全县共投入【5000万元】 in an article on
    岑巩县天星乡力元村 → 岑巩县, not the village (a county-wide figure in a village's story keeps the county)."""
    if scope not in ("county", "prefecture", "province") or not subject or resolver.place(subject) is not None:
        return None
    gpes = sorted((s for s in names if s.label == "GPE" and "furniture" not in s.attrs), key=lambda s: s.start)
    first = next((s for s in gpes if s.text == subject), None)
    ends = {s.end: s for s in gpes}
    while first is not None and (first := ends.get(first.start)) is not None:
        if (p := resolver.place(first.text)) is not None:
            return next((q for q in [p, *p.parents] if q.level == scope), None)
    return None
