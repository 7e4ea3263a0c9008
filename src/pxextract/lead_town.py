"""The lead's town (issue #15 S3): a county's or city's article whose headline or lead names one town,
township or street inside it, and names it again, at least as often as the county, is that town's story
(胶州市三里河街道坚持…, 三里河街道 six times, 胶州 twice → 三里河街道, not 胶州市), unless the town is only where
someone goes or comes from (赴舒兰市开原镇抗洪; 文安县大留镇人). Towns are in no
gazetteer: one written right after a place of another county (门头沟清水镇 in a 兰溪 article) is not inside.
The same for a province's or city's article whose lead names one place of the gazetteer inside it, more often than it
(:func:`lead_place`: 重庆沙坪坝区警方侦破… → 沙坪坝区), unless only where it happens (在南昌会见).
The words come from ``rules/link_cues.tsv`` (lead_town_end, place_motion, place_venue). Used by
:meth:`pxextract.subjects.Subjects.article_subject` through :func:`lead_subject`.

Example:
    >>> from pxextract.resolve import Resolver
    >>> from pxextract.spans import Span
    >>> text = "7月26日，湖南省双峰县花门镇大坝村干部抗旱。花门镇共有水田9000亩。"
    >>> names = [Span(6, 9, "GPE", "湖南省"), Span(9, 12, "GPE", "双峰县"), Span(12, 15, "GPE", "花门镇")]
    >>> lead_town(text, names, "双峰县", len(text), Resolver(), ("镇", "乡", "街道"), ("赴", "前往"))
    '花门镇'
"""

from __future__ import annotations

from typing import Callable

import regex

from .chain_town import chain_towns, own_count
from .lead_firm import lead_firm
from .lead_village import lead_village
from .notice_firm import notice_firm
from .product_maker import product_maker
from .spans import Span

_LEVELS = ("county", "prefecture")  # the places whose article a town's story may be
_ORIGIN = "人"  # 大留镇人: where a person comes from
_SENTENCE_END = regex.compile(r"[。！？!?]")
_MENTIONS = 2  # a town named once is a scene or an item (最大为绵阳市安县千佛镇老望沟村176.2mm), not the story's


def lead_town(text: str, names: list[Span], main: str, lead_end: int, resolver, ends: tuple[str, ...],
              motion: tuple[str, ...], gap: tuple[str, ...] = ()) -> str | None:
    """The one town (a GPE ending in ``ends``, in no gazetteer) the lead (up to ``lead_end``) names inside the
    Chinese county or prefecture ``main``, or None (none, two or more, a destination or an origin)."""
    home = resolver.place(main)
    if not ends or home is None or not home.code.isdigit() or home.level not in _LEVELS:
        return None
    towns = [s for s in names if s.label == "GPE" and s.start < lead_end and s.text.endswith(ends)
             and "furniture" not in s.attrs and "_passing" not in s.attrs and resolver.place(s.text) is None]
    if len({s.text for s in towns}) != 1:
        return None
    before = {s.end: s for s in names if s.label == "GPE"}
    for town in towns:
        first = town
        while first.start in before:  # 赴舒兰市开原镇: the chain written before the town
            first = before[first.start]
        if motion and text.endswith(motion, 0, first.start) or text.startswith(_ORIGIN, town.end):
            return None
        outer = before.get(town.start)
        place = resolver.place(outer.text, home.province_code) if outer is not None else None
        if outer is not None and (place is None or place.key != home.key and home.key not in {p.key for p in place.parents}):
            return None  # 门头沟清水镇 in a 兰溪 article: another county's town
    name = towns[0].text  # as with most_specific: the town holds as many of the article's mentions as its county, twice at least
    forms = {main, home.name} | ({home.name[:-1]} if len(home.name) > 2 else set())
    alone = (lambda f: own_count(text, f, name, gap)) if text.count(name) > _MENTIONS else text.count  # 长沙县黄花镇: the town's mention (h366)
    return name if text.count(name) >= max(_MENTIONS, max(alone(f) for f in forms)) else None


def lead_subject(text: str, names: list[Span], main: str | None, lead_end: int, resolver, rules,
                 maker: Callable[[str], bool] | None = None, firm: Callable[[Span], bool] | None = None) -> str | None:
    """The article's subject ``main`` made more specific by the lead: its one place inside (:func:`lead_place`),
    then that place's one town (:func:`lead_town`). An exchange or regulator gives way to the company its notice is about
    (:func:`pxextract.notice_firm.notice_firm`). A place or none gives way to the one company (``maker``
    accepts it) the lead has launch a product (:func:`pxextract.product_maker.product_maker`), else to the
    company (``firm`` accepts it) the lead has act, named more often (:func:`pxextract.lead_firm.lead_firm`)."""
    if firm is not None and (found := notice_firm(text, names, main, lead_end, rules.cue("exchange_body"), rules.cue("notice_cue"), rules.cue("notice_word"),
                                                  lambda s: firm(s) or s.text.endswith(rules.cue("firm_end")))):
        return found  # 深交所…关于终止对夜视丽新材料股份有限公司…的决定: the company the notice is about (pxextract.notice_firm, h345)
    placed = main is None or resolver.place(main) is not None or any(s.text == main and s.label == "GPE" for s in names)
    if maker is not None and placed and (found := product_maker(
            text, names, lead_end, rules.cue("launch_verb"), rules.cue("launch_object"), maker)):
        return found
    if firm is not None and placed and (found := lead_firm(text, names, main, lead_end, firm, rules.cue("firm_end"), rules.cue("data_firm"), rules.cue("de") + rules.cue("conjunction") + rules.cue("list_mark"))):
        return found
    if main is None:
        return None
    main = lead_place(text, names, main, lead_end, resolver, rules.cue("place_venue"))
    names = sorted(names + chain_towns(text, names, lead_end, resolver, rules.cue("lead_town_end"), gap := rules.cue("town_body_stem_end"),
                                       rules.cue("chain_town_not_start"), rules.cue("de")), key=lambda s: s.start)  # 鲁山县琴台街道 untagged (h366)
    town = lead_town(text, names, main, lead_end, resolver, rules.cue("lead_town_end"), rules.cue("place_motion"), gap) or main
    return lead_village(text, names, town, lead_end, resolver, rules.cue("lead_town_end"), rules.cue("lead_village_end"),
                        rules.cue("place_motion") + rules.cue("place_venue"), rules.cue("village_not_after"), rules.cue("list_mark")) or town  # 天星乡力元村 → 力元村 (h357)


def lead_place(text: str, names: list[Span], main: str, lead_end: int, resolver, venue: tuple[str, ...]) -> str:
    """The one place of the gazetteer inside the Chinese place or foreign country ``main`` (or a chain of them, the innermost) that the
    headline or lead's first sentence names, when the article names it more often than ``main``, twice at
    least; else ``main``: a place outside ``main`` in the lead (甘孜州检察院 理塘县检察院 五通桥区检察院: no one
    story), two places inside (北京房山、门头沟), a list item (、), or only where it happens (``venue``: 在合肥会见).

    >>> from pxextract.resolve import Resolver
    >>> text = "记者从重庆市公安局获悉，重庆沙坪坝区警方侦破一案。沙坪坝区警方抓获300人，沙坪坝区通报了案情。"
    >>> names = [Span(3, 9, "ORG", "重庆市公安局"), Span(12, 14, "GPE", "重庆"), Span(14, 18, "GPE", "沙坪坝区"),
    ...          Span(25, 29, "GPE", "沙坪坝区"), Span(38, 42, "GPE", "沙坪坝区")]
    >>> lead_place(text, names, "重庆市", 120, Resolver(), ("在",))
    '沙坪坝区'
    """
    home = resolver.place(main)
    if home is None or not (home.code.isdigit() or home.level in ("country", "region") and home.key != "CN"):
        return main  # (a foreign country or region: its regions and cities, codes/world_places.tsv; not all of China's)
    begin = len(text) - len(text.lstrip())
    stop = min(lead_end, m.end() if (m := _SENTENCE_END.search(text, begin)) else len(text))
    before = {s.end: s for s in names if s.label == "GPE"}
    inner = []
    for s in names:
        if s.label not in ("GPE", "ORG") or s.start >= stop or {"furniture", "_passing", "_cited"} & s.attrs.keys():
            continue
        place = resolver.place(s.text if s.label == "GPE" else s.attrs.get("_place", ""), home.province_code)
        if place is None or place.key == home.key or place.key in {p.key for p in home.parents}:
            continue  # a town (pxextract.lead_town's), the article's place or one containing it
        if home.key not in {p.key for p in place.parents}:
            return main  # a place outside it, or a body's (五通桥区检察院): the lead is not one place's story
        if s.label == "ORG" or text.count("“", begin, s.start) > text.count("”", begin, s.start):
            continue  # (a place in a quoted name: 设立“北京市自然科学基金-昌平创新联合基金”, the city's fund)
        first = s
        while first.start in before:  # 在益阳桃江县: the chain written before the place
            first = before[first.start]
        if venue and text.endswith(venue, 0, first.start) or "、" in text[s.start - 1 : s.start] + text[s.end : s.end + 1]:
            return main
        inner.append((s, place))
    if not inner:
        return main
    deepest = max(inner, key=lambda c: len(c[1].parents))[1]
    if any(p.key != deepest.key and p.key not in {q.key for q in deepest.parents} for _, p in inner):
        return main  # two places inside it (北京房山、门头沟)
    forms = lambda place: {s.text for s in names if s.label == "GPE" and getattr(resolver.place(s.text, home.province_code), "key", None) == place.key} | {
        place.name} | ({place.name[:-1]} if len(place.name) > 2 else set())
    count = lambda place: max(len([m for m in regex.finditer(regex.escape(f), text) if "、" not in text[m.start() - 1 : m.start()] + text[
        m.end() : m.end() + 1]]) for f in forms(place))  # list items are no mentions of the story's place (湘西、湘南 in a province's weather)
    return next(s.text for s, p in inner if p.key == deepest.key) if count(deepest) >= max(_MENTIONS, count(home) + 1) else main


def acting_places(text: str, lead: list[Span]) -> list[str]:
    """The places of the public bodies the lead's first sentence names that act there (``_place`` set by
    :meth:`pxextract.subjects.Subjects.mark_sources`; not cited as a source: no ``_cited`` or ``_source``; no item of a
    list: 海南省财政厅、海口海关、…): where the lead's place has no more specific place of the story written alone, they
    are its mentions (安徽两名主播被约谈！…8月10日霍邱县公安局联合网信办… → 霍邱县, the story's county; h178)."""
    stop = text.find("。") % (len(text) + 1)
    return [s.attrs["_place"] for s in lead if s.label == "ORG" and "_place" in s.attrs and s.start < stop
            and "_cited" not in s.attrs and "_source" not in s.attrs and "、" not in text[max(0, s.start - 1):s.start] + text[s.end:s.end + 1]]
